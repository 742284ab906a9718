/** Wording of the identity module, zh-CN (the default) and en. */
const zhCN = {
  'signIn.title': '登录',
  'signIn.subtitle': '基层治理综合平台',
  'signIn.username': '用户名',
  'signIn.password': '密码',
  'signIn.submit': '登录',
  'signIn.usernameRequired': '请输入用户名',
  'signIn.passwordRequired': '请输入密码',

  'password.title': '修改密码',
  'password.forcedHint': '首次登录请先修改初始密码，新密码至少 10 个字符。',
  'password.current': '当前密码',
  'password.new': '新密码',
  'password.confirm': '确认新密码',
  'password.submit': '修改密码',
  'password.cancel': '取消',
  'password.currentRequired': '请输入当前密码',
  'password.newRequired': '请输入新密码',
  'password.minLength': '新密码至少 {min} 个字符',
  'password.confirmRequired': '请再次输入新密码',
  'password.mismatch': '两次输入的新密码不一致',
  'password.changed': '密码已修改',

  'user.signOut': '退出登录',
  'user.changePassword': '修改密码',
};

// Typed against zhCN's keys: a missing or extra key in en fails the type check.
const en: Record<keyof typeof zhCN, string> = {
  'signIn.title': 'Sign in',
  'signIn.subtitle': 'Grassroots governance platform',
  'signIn.username': 'Username',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.usernameRequired': 'Enter your username',
  'signIn.passwordRequired': 'Enter your password',

  'password.title': 'Change password',
  'password.forcedHint':
    'Please replace your one-time password before you continue. The new password needs at least 10 characters.',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.confirm': 'Confirm new password',
  'password.submit': 'Change password',
  'password.cancel': 'Cancel',
  'password.currentRequired': 'Enter your current password',
  'password.newRequired': 'Enter a new password',
  'password.minLength': 'The new password needs at least {min} characters',
  'password.confirmRequired': 'Enter the new password again',
  'password.mismatch': 'The two new passwords do not match',
  'password.changed': 'Password changed',

  'user.signOut': 'Sign out',
  'user.changePassword': 'Change password',
};

export const messages = { 'zh-CN': zhCN, en };
