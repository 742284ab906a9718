import { createContext, useContext } from 'react';

export type Lang = 'zh-CN' | 'en';

const zhCN = {
  'app.name': '善治',
  'app.loading': '加载中…',
  'lang.zh': '中文',
  'lang.en': 'English',
  'error.network': '无法连接服务器，请检查网络后重试',
  'error.unexpected': '服务器返回了无法识别的响应（HTTP {status}）',

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

  'role.resident': '居民',
  'role.grid_worker': '网格员',
  'role.community_staff': '社区工作人员',
  'role.street_staff': '街道工作人员',
  'role.department_staff': '部门工作人员',
  'role.district_admin': '区级管理员',
  'role.command_centre': '指挥中心',

  'geo.regions': '行政区划',
  'geo.allRegions': '全部辖区',
  'geo.gridCount': '{count} 个网格',
  'geo.loadFailed': '地图数据加载失败：{message}',

  'grid.title': '网格详情',
  'grid.code': '网格编码',
  'grid.name': '名称',
  'grid.kind': '类型',
  'grid.bounds': '四至',
  'grid.community': '社区',
  'grid.street': '街道',
  'grid.district': '区',
  'grid.area': '面积',
  'grid.areaValue': '{value} 平方千米',
  'grid.mergedInto': '多格合一',
  'grid.team': '网格团队（五位一体）',
  'grid.teamRole': '职责',
  'grid.teamName': '姓名',
  'grid.teamEmpty': '暂无人员',

  'gridKind.residential': '住宅网格',
  'gridKind.commercial': '商业网格',
  'gridKind.rural': '农村网格',
  'gridKind.enterprise': '企业网格',
  'gridKind.other': '其他',

  'teamRole.grid_leader': '网格长',
  'teamRole.grid_worker': '专职网格员',
  'teamRole.part_time_grid_worker': '兼职网格员',
  'teamRole.police_officer': '社区民警',
  'teamRole.property_manager': '物业管理员',
};

export type MessageKey = keyof typeof zhCN;

// Typed against zhCN's keys: a missing or extra key in either dictionary fails the type check.
const en: Record<MessageKey, string> = {
  'app.name': 'Shanzhi',
  'app.loading': 'Loading…',
  'lang.zh': '中文',
  'lang.en': 'English',
  'error.network': 'Cannot reach the server. Check your connection and try again.',
  'error.unexpected': 'The server sent an unexpected response (HTTP {status})',

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

  'role.resident': 'Resident',
  'role.grid_worker': 'Grid worker',
  'role.community_staff': 'Community staff',
  'role.street_staff': 'Street staff',
  'role.department_staff': 'Department staff',
  'role.district_admin': 'District administrator',
  'role.command_centre': 'Command centre',

  'geo.regions': 'Regions',
  'geo.allRegions': 'All regions',
  'geo.gridCount': '{count} grids',
  'geo.loadFailed': 'Could not load map data: {message}',

  'grid.title': 'Grid',
  'grid.code': 'Grid code',
  'grid.name': 'Name',
  'grid.kind': 'Kind',
  'grid.bounds': 'Boundaries',
  'grid.community': 'Community',
  'grid.street': 'Street',
  'grid.district': 'District',
  'grid.area': 'Area',
  'grid.areaValue': '{value} km²',
  'grid.mergedInto': 'Merged into',
  'grid.team': 'Grid team',
  'grid.teamRole': 'Role',
  'grid.teamName': 'Name',
  'grid.teamEmpty': 'Nobody assigned yet',

  'gridKind.residential': 'Residential',
  'gridKind.commercial': 'Commercial',
  'gridKind.rural': 'Rural',
  'gridKind.enterprise': 'Enterprise',
  'gridKind.other': 'Other',

  'teamRole.grid_leader': 'Grid leader',
  'teamRole.grid_worker': 'Full-time grid worker',
  'teamRole.part_time_grid_worker': 'Part-time grid worker',
  'teamRole.police_officer': 'Community police officer',
  'teamRole.property_manager': 'Property manager',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type Params = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export interface Translator {
  lang: Lang;
  t: (key: MessageKey, params?: Params) => string;
  /** Translates a server code such as a role or grid kind; unknown codes are shown as they are. */
  code: (prefix: 'role' | 'gridKind' | 'teamRole', value: string) => string;
  setLang: (lang: Lang) => void;
}

export function makeTranslator(lang: Lang, setLang: (lang: Lang) => void): Translator {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    code: (prefix, value) => {
      const key = `${prefix}.${value}`;
      return key in zhCN ? translate(lang, key as MessageKey) : value;
    },
    setLang,
  };
}

const STORAGE_KEY = 'shanzhi.lang';

export function storedLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

export function storeLang(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
}

export const I18nContext = createContext<Translator | null>(null);

export function useT(): Translator {
  const translator = useContext(I18nContext);
  if (!translator) throw new Error('useT() must be used inside <I18nProvider>');
  return translator;
}
