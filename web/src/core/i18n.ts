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

  'role.system': '系统',

  'nav.map': '地图',
  'nav.cases': '案件',

  'caseStatus.reported': '已上报',
  'caseStatus.accepted': '已立案',
  'caseStatus.rejected': '不予立案',
  'caseStatus.dispatched': '已派遣',
  'caseStatus.in_progress': '处置中',
  'caseStatus.returned': '已退回',
  'caseStatus.suspended': '挂账中',
  'caseStatus.handled': '已处置',
  'caseStatus.verified': '已核查',
  'caseStatus.closed': '已结案',
  'caseStatus.rated': '已评价',
  'caseStatus.merged': '已合并',

  'caseAction.report': '上报',
  'caseAction.accept': '立案',
  'caseAction.reject': '不予立案',
  'caseAction.self_handle': '自处理',
  'caseAction.dispatch': '派遣',
  'caseAction.start': '开始处置',
  'caseAction.return': '退回',
  'caseAction.handle': '处置反馈',
  'caseAction.verify': '核查通过',
  'caseAction.fail_verification': '核查不通过',
  'caseAction.close': '结案',
  'caseAction.rate': '评价',
  'caseAction.suspend': '挂账',
  'caseAction.resume': '恢复办理',
  'caseAction.request_extension': '申请延期',
  'caseAction.approve_extension': '批准延期',
  'caseAction.merge': '合并',
  'caseAction.reopen': '重新办理',

  'level.grid': '网格',
  'level.community': '社区',
  'level.street': '街道',
  'level.district': '区级',
  'level.department': '职能部门',

  'deadline.on_time': '正常',
  'deadline.warning': '临期',
  'deadline.overdue': '超期',

  'rating.satisfied': '满意',
  'rating.basically_satisfied': '基本满意',
  'rating.unsatisfied': '不满意',

  'box.to_accept': '待立案',
  'box.to_dispatch': '待派遣',
  'box.assigned': '我的任务',
  'box.to_verify': '待核查',
  'box.overdue': '超期',
  'box.all': '全部',

  'cases.number': '案件编号',
  'cases.category': '问题类别',
  'cases.status': '状态',
  'cases.grid': '网格',
  'cases.reportedAt': '上报时间',
  'cases.dueAt': '办理时限',
  'cases.empty': '暂无案件',
  'cases.refresh': '刷新',
  'cases.newReport': '上报',
  'cases.loadFailed': '案件加载失败：{message}',

  'case.title': '案件 {number}',
  'case.facts': '案件信息',
  'case.description': '问题描述',
  'case.address': '地址',
  'case.reporter': '上报人',
  'case.anonymous': '匿名',
  'case.source': '来源',
  'case.level': '办理层级',
  'case.assignee': '承办单位',
  'case.acceptedAt': '立案时间',
  'case.handledAt': '处置时间',
  'case.closedAt': '结案时间',
  'case.extensionRequested': '已申请延期 {days} 个工作日',
  'case.rating': '评价',
  'case.mergedInto': '已合并至案件 #{id}',
  'case.timeline': '办理过程',
  'case.actions': '办理',
  'case.noActions': '当前无可执行的操作',
  'case.done': '已{action}',

  'source.resident': '居民上报',
  'source.grid_worker': '网格员巡查',
  'source.hotline': '热线电话',
  'source.api': '系统接入',

  'action.note': '说明',
  'action.reason': '原因',
  'action.feedback': '处置情况',
  'action.noteRequired': '请填写',
  'action.level': '派遣层级',
  'action.levelRequired': '请选择派遣层级',
  'action.org': '部门',
  'action.orgRequired': '请选择部门',
  'action.days': '延期工作日',
  'action.daysRequired': '请填写延期天数',
  'action.masterCase': '主案件 ID',
  'action.masterCaseRequired': '请填写主案件 ID',
  'action.submit': '确定',

  'timeline.dispatchTo': '派至 {target}',
  'timeline.days': '{days} 个工作日',
  'timeline.master': '并入 {number}',

  'report.title': '上报问题',
  'report.viaHotline': '热线来电登记',
  'report.category': '问题类别',
  'report.categoryRequired': '请选择问题类别',
  'report.description': '问题描述',
  'report.descriptionRequired': '请描述问题（至少 2 个字）',
  'report.address': '地址',
  'report.location': '位置',
  'report.locationHint': '在地图上点击选择位置，或直接填写经纬度（WGS84）',
  'report.locationRequired': '请选择位置',
  'report.lng': '经度',
  'report.lat': '纬度',
  'report.contactName': '联系人',
  'report.contactPhone': '联系电话',
  'report.submit': '提交',
  'report.created': '已上报，案件编号 {number}',
  'report.duplicate': '该上报已提交过，案件编号 {number}',

  'phone.report': '我要上报',
  'phone.myCases': '我的上报',
  'phone.grid': '网格 {code}',
  'phone.category': '问题类别',
  'phone.chooseCategory': '请选择',
  'phone.description': '问题描述',
  'phone.descriptionPlaceholder': '请描述问题，例如地点、时间、影响',
  'phone.location': '位置',
  'phone.locating': '正在定位…',
  'phone.locateAgain': '重新定位',
  'phone.locateFailed': '无法获取定位，请手动填写经纬度',
  'phone.enterManually': '手动填写',
  'phone.inGrid': '所在网格：{name}',
  'phone.outsideGrids': '该位置不在任何网格内',
  'phone.address': '详细地址（选填）',
  'phone.anonymous': '匿名上报',
  'phone.contactPhone': '联系电话（选填）',
  'phone.nearbyTitle': '是不是这个问题？',
  'phone.nearbyHint': '附近已有同类问题正在办理，如是同一问题无需重复上报',
  'phone.nearbyDistance': '{metres} 米',
  'phone.submit': '提交',
  'phone.submitted': '已提交，案件编号 {number}',
  'phone.incomplete': '请选择类别、填写描述并确定位置',
  'phone.noCases': '还没有上报过问题',
  'phone.back': '返回',
  'phone.rateTitle': '请评价办理结果',
  'phone.rateComment': '意见或建议（选填）',
  'phone.rateSubmit': '提交评价',
  'phone.yourRating': '您的评价：{rating}',

  'plain.report': '您上报了问题',
  'plain.accept': '已受理并立案',
  'plain.reject': '经核实不予立案',
  'plain.self_handle': '网格员正在现场处理',
  'plain.dispatch': '已交由{target}办理',
  'plain.start': '承办单位开始处理',
  'plain.return': '承办单位退回，正在重新派遣',
  'plain.handle': '承办单位已处理完毕',
  'plain.verify': '网格员现场核查通过',
  'plain.fail_verification': '现场核查未通过，继续处理',
  'plain.close': '问题已办结',
  'plain.rate': '您已评价：{rating}',
  'plain.suspend': '暂时挂起',
  'plain.resume': '恢复办理',
  'plain.request_extension': '承办单位申请延期',
  'plain.approve_extension': '办理期限已延长',
  'plain.merge': '已与附近同一问题合并办理',
  'plain.reopen': '根据您的评价重新办理',
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

  'role.system': 'System',

  'nav.map': 'Map',
  'nav.cases': 'Cases',

  'caseStatus.reported': 'Reported',
  'caseStatus.accepted': 'Accepted',
  'caseStatus.rejected': 'Rejected',
  'caseStatus.dispatched': 'Dispatched',
  'caseStatus.in_progress': 'In progress',
  'caseStatus.returned': 'Returned',
  'caseStatus.suspended': 'Suspended',
  'caseStatus.handled': 'Handled',
  'caseStatus.verified': 'Verified',
  'caseStatus.closed': 'Closed',
  'caseStatus.rated': 'Rated',
  'caseStatus.merged': 'Merged',

  'caseAction.report': 'Report',
  'caseAction.accept': 'Accept',
  'caseAction.reject': 'Reject',
  'caseAction.self_handle': 'Handle on site',
  'caseAction.dispatch': 'Dispatch',
  'caseAction.start': 'Start',
  'caseAction.return': 'Return',
  'caseAction.handle': 'Report handling',
  'caseAction.verify': 'Verify',
  'caseAction.fail_verification': 'Fail verification',
  'caseAction.close': 'Close',
  'caseAction.rate': 'Rate',
  'caseAction.suspend': 'Suspend',
  'caseAction.resume': 'Resume',
  'caseAction.request_extension': 'Request extension',
  'caseAction.approve_extension': 'Approve extension',
  'caseAction.merge': 'Merge',
  'caseAction.reopen': 'Reopen',

  'level.grid': 'Grid',
  'level.community': 'Community',
  'level.street': 'Street',
  'level.district': 'District',
  'level.department': 'Department',

  'deadline.on_time': 'On time',
  'deadline.warning': 'Due soon',
  'deadline.overdue': 'Overdue',

  'rating.satisfied': 'Satisfied',
  'rating.basically_satisfied': 'Mostly satisfied',
  'rating.unsatisfied': 'Unsatisfied',

  'box.to_accept': 'To accept',
  'box.to_dispatch': 'To dispatch',
  'box.assigned': 'My tasks',
  'box.to_verify': 'To verify',
  'box.overdue': 'Overdue',
  'box.all': 'All',

  'cases.number': 'Number',
  'cases.category': 'Category',
  'cases.status': 'Status',
  'cases.grid': 'Grid',
  'cases.reportedAt': 'Reported',
  'cases.dueAt': 'Due',
  'cases.empty': 'No cases',
  'cases.refresh': 'Refresh',
  'cases.newReport': 'New report',
  'cases.loadFailed': 'Could not load cases: {message}',

  'case.title': 'Case {number}',
  'case.facts': 'Case details',
  'case.description': 'Description',
  'case.address': 'Address',
  'case.reporter': 'Reporter',
  'case.anonymous': 'Anonymous',
  'case.source': 'Source',
  'case.level': 'Level',
  'case.assignee': 'Assigned to',
  'case.acceptedAt': 'Accepted',
  'case.handledAt': 'Handled',
  'case.closedAt': 'Closed',
  'case.extensionRequested': 'Extension of {days} working days requested',
  'case.rating': 'Rating',
  'case.mergedInto': 'Merged into case #{id}',
  'case.timeline': 'Timeline',
  'case.actions': 'Actions',
  'case.noActions': 'Nothing for you to do on this case now',
  'case.done': '{action}: done',

  'source.resident': 'Resident',
  'source.grid_worker': 'Grid patrol',
  'source.hotline': 'Hotline',
  'source.api': 'API',

  'action.note': 'Note',
  'action.reason': 'Reason',
  'action.feedback': 'What was done',
  'action.noteRequired': 'Required',
  'action.level': 'Level',
  'action.levelRequired': 'Choose a level',
  'action.org': 'Department',
  'action.orgRequired': 'Choose a department',
  'action.days': 'Extra working days',
  'action.daysRequired': 'Enter the number of days',
  'action.masterCase': 'Master case ID',
  'action.masterCaseRequired': 'Enter the master case ID',
  'action.submit': 'OK',

  'timeline.dispatchTo': 'to {target}',
  'timeline.days': '{days} working days',
  'timeline.master': 'into {number}',

  'report.title': 'Report a problem',
  'report.viaHotline': 'Hotline call',
  'report.category': 'Category',
  'report.categoryRequired': 'Choose a category',
  'report.description': 'Description',
  'report.descriptionRequired': 'Describe the problem (at least 2 characters)',
  'report.address': 'Address',
  'report.location': 'Location',
  'report.locationHint': 'Click the map, or type the longitude and latitude (WGS84)',
  'report.locationRequired': 'Choose a location',
  'report.lng': 'Longitude',
  'report.lat': 'Latitude',
  'report.contactName': 'Contact name',
  'report.contactPhone': 'Contact phone',
  'report.submit': 'Submit',
  'report.created': 'Reported as case {number}',
  'report.duplicate': 'Already submitted as case {number}',

  'phone.report': 'Report',
  'phone.myCases': 'My reports',
  'phone.grid': 'Grid {code}',
  'phone.category': 'Category',
  'phone.chooseCategory': 'Choose',
  'phone.description': 'Description',
  'phone.descriptionPlaceholder': 'What is wrong, where, since when',
  'phone.location': 'Location',
  'phone.locating': 'Locating…',
  'phone.locateAgain': 'Locate again',
  'phone.locateFailed': 'Your location is not available; enter it by hand',
  'phone.enterManually': 'Enter by hand',
  'phone.inGrid': 'Grid: {name}',
  'phone.outsideGrids': 'This location is outside every grid',
  'phone.address': 'Address (optional)',
  'phone.anonymous': 'Report anonymously',
  'phone.contactPhone': 'Contact phone (optional)',
  'phone.nearbyTitle': 'Is it one of these?',
  'phone.nearbyHint': 'These problems nearby are already being handled; no need to report the same one again',
  'phone.nearbyDistance': '{metres} m',
  'phone.submit': 'Submit',
  'phone.submitted': 'Submitted as case {number}',
  'phone.incomplete': 'Choose a category, describe the problem and set the location',
  'phone.noCases': 'You have not reported anything yet',
  'phone.back': 'Back',
  'phone.rateTitle': 'How was it handled?',
  'phone.rateComment': 'Comments (optional)',
  'phone.rateSubmit': 'Send rating',
  'phone.yourRating': 'Your rating: {rating}',

  'plain.report': 'You reported the problem',
  'plain.accept': 'Accepted as a case',
  'plain.reject': 'Not accepted as a case',
  'plain.self_handle': 'The grid worker is handling it on site',
  'plain.dispatch': 'Passed to {target}',
  'plain.start': 'Work has started',
  'plain.return': 'Sent back for another assignment',
  'plain.handle': 'The work is done',
  'plain.verify': 'Checked on site by the grid worker',
  'plain.fail_verification': 'The on-site check failed; work continues',
  'plain.close': 'Closed',
  'plain.rate': 'You rated it: {rating}',
  'plain.suspend': 'On hold',
  'plain.resume': 'Work resumed',
  'plain.request_extension': 'More time was requested',
  'plain.approve_extension': 'The deadline was extended',
  'plain.merge': 'Handled together with the same problem reported nearby',
  'plain.reopen': 'Reopened after your rating',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type Params = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Families of server codes that have a translation per value. */
export type CodePrefix =
  | 'role'
  | 'gridKind'
  | 'teamRole'
  | 'caseStatus'
  | 'caseAction'
  | 'level'
  | 'deadline'
  | 'rating'
  | 'box'
  | 'source'
  | 'plain';

export interface Translator {
  lang: Lang;
  t: (key: MessageKey, params?: Params) => string;
  /** Translates a server code such as a role or grid kind; unknown codes are shown as they are. */
  code: (prefix: CodePrefix, value: string) => string;
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
