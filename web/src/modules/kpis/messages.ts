/** Wording of the kpis module, zh-CN (the default) and en. */
const zhCN = {
  'nav.kpis': '统计',

  'kpi.title': '考核统计',
  'kpi.allCategories': '全部类别',
  'kpi.days': '{days} 天',
  'kpi.formula': '计算公式：{formula}',
  'kpi.loadFailed': '统计加载失败：{message}',

  'kpiCount.received': '受理',
  'kpiCount.accepted': '立案',
  'kpiCount.dispatched': '派遣',
  'kpiCount.responded': '按时响应',
  'kpiCount.due': '应结案',
  'kpiCount.closed': '已结案',
  'kpiCount.closedOnTime': '按期结案',
  'kpiCount.reworked': '返工',
  'kpiCount.extended': '延期',
  'kpiCount.closedInPeriod': '本期结案',
  'kpiCount.resolvedInPeriod': '经处置结案',
  'kpiCount.rated': '参评',
  'kpiCount.satisfied': '满意',
  'kpiCount.basicallySatisfied': '基本满意',
};

// Typed against zhCN's keys: a missing or extra key in en fails the type check.
const en: Record<keyof typeof zhCN, string> = {
  'nav.kpis': 'KPIs',

  'kpi.title': 'Assessment KPIs',
  'kpi.allCategories': 'All categories',
  'kpi.days': '{days} days',
  'kpi.formula': 'Formula: {formula}',
  'kpi.loadFailed': 'Could not load the KPIs: {message}',

  'kpiCount.received': 'Received',
  'kpiCount.accepted': 'Accepted',
  'kpiCount.dispatched': 'Dispatched',
  'kpiCount.responded': 'Responded in time',
  'kpiCount.due': 'Due',
  'kpiCount.closed': 'Closed',
  'kpiCount.closedOnTime': 'Closed on time',
  'kpiCount.reworked': 'Reworked',
  'kpiCount.extended': 'Extended',
  'kpiCount.closedInPeriod': 'Closed in period',
  'kpiCount.resolvedInPeriod': 'Closed after handling',
  'kpiCount.rated': 'Rated',
  'kpiCount.satisfied': 'Satisfied',
  'kpiCount.basicallySatisfied': 'Mostly satisfied',
};

export const messages = { 'zh-CN': zhCN, en };
