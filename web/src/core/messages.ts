/** App-wide wording (the app, languages, errors, role names, common actions), zh-CN (the default) and en. */
const zhCN = {
  'common.retry': '重试',
  'app.name': '善治',
  'app.loading': '加载中…',
  'app.noPages': '您的账号暂无可用的功能页面，请联系管理员',

  'lang.zh': '中文',
  'lang.en': 'English',

  'error.network': '无法连接服务器，请检查网络后重试',
  'error.unexpected': '服务器返回了无法识别的响应（HTTP {status}）',

  'role.resident': '居民',
  'role.grid_worker': '网格员',
  'role.community_staff': '社区工作人员',
  'role.street_staff': '街道工作人员',
  'role.department_staff': '部门工作人员',
  'role.district_admin': '区级管理员',
  'role.command_centre': '指挥中心',
  'role.system': '系统',
};

// Typed against zhCN's keys: a missing or extra key in en fails the type check.
const en: Record<keyof typeof zhCN, string> = {
  'common.retry': 'Retry',
  'app.name': 'Shanzhi',
  'app.loading': 'Loading…',
  'app.noPages': 'Your account has no console pages yet; please ask an administrator',

  'lang.zh': '中文',
  'lang.en': 'English',

  'error.network': 'Cannot reach the server. Check your connection and try again.',
  'error.unexpected': 'The server sent an unexpected response (HTTP {status})',

  'role.resident': 'Resident',
  'role.grid_worker': 'Grid worker',
  'role.community_staff': 'Community staff',
  'role.street_staff': 'Street staff',
  'role.department_staff': 'Department staff',
  'role.district_admin': 'District administrator',
  'role.command_centre': 'Command centre',
  'role.system': 'System',
};

export const messages = { 'zh-CN': zhCN, en };
