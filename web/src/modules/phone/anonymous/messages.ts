/** Wording of the report without an account, zh-CN (the default) and en; merged into the phone module's. */
const zhCN = {
  'anonymous.offer': '不登录，匿名反映（留个电话）',
  'anonymous.offerHint': '无需注册，进展会短信告知您',
  'anonymous.refused': '本区暂不受理匿名反映，请用手机号登录后反映',
  'anonymous.title': '匿名反映',
  'anonymous.phone': '联系电话',
  'anonymous.phonePlaceholder': '11 位手机号，用于短信告知进展',
  'anonymous.privacy': '您的姓名不会被记录；电话加密保存，只用于告知办理进展',
  'anonymous.categoryRequired': '问题类别：请选择',
  'anonymous.descriptionRequired': '问题描述：请至少写 2 个字',
  'anonymous.locationRequired': '位置：请允许定位，或搜索小区或楼栋',
  'anonymous.phoneRequired': '联系电话：请填写 11 位手机号',
  'anonymous.fieldError': '{field}：{message}',
  'anonymous.submit': '提交反映',
  'anonymous.done': '已提交，编号 {number}',
  'anonymous.smsNotice': '进展会短信告知您（{phone}）',
  'anonymous.another': '再反映一件',
  'anonymous.close': '返回',
};

// Typed against zhCN's keys: a missing or extra key in en fails the type check.
const en: Record<keyof typeof zhCN, string> = {
  'anonymous.offer': 'Report without signing in (leave a number)',
  'anonymous.offerHint': 'No account needed: you hear how it goes by text message',
  'anonymous.refused': 'This district takes no anonymous reports: sign in with your mobile to report',
  'anonymous.title': 'Anonymous report',
  'anonymous.phone': 'Contact number',
  'anonymous.phonePlaceholder': '11-digit mobile, texted as it goes',
  'anonymous.privacy': 'Your name is not recorded; the number is kept encrypted and used only to tell you how it goes',
  'anonymous.categoryRequired': 'Category: choose one',
  'anonymous.descriptionRequired': 'Description: write at least 2 characters',
  'anonymous.locationRequired': 'Location: allow locating, or find your compound or building',
  'anonymous.phoneRequired': 'Contact number: enter an 11-digit mobile number',
  'anonymous.fieldError': '{field}: {message}',
  'anonymous.submit': 'Send report',
  'anonymous.done': 'Sent as case {number}',
  'anonymous.smsNotice': 'You will hear how it goes by text message ({phone})',
  'anonymous.another': 'Report another',
  'anonymous.close': 'Back',
};

export const anonymousMessages = { 'zh-CN': zhCN, en };
