/** Wording of the geo module, zh-CN (the default) and en. */
const zhCN = {
  'geo.regions': '行政区划',
  'geo.allRegions': '全部辖区',
  'geo.gridCount': '{count} 个网格',
  'geo.loadFailed': '地图数据加载失败：{message}',
  'geo.everywhere': '全部区域',
  'geo.pickArea': '选择街道、社区或网格',

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
  'grid.teamEdit': '编辑',
  'grid.teamAdd': '添加成员',
  'grid.teamSave': '保存团队',
  'grid.teamCancel': '取消',
  'grid.teamSaved': '网格团队已保存',
  'grid.teamRemove': '删除此行',
  'grid.teamRoleRequired': '请选择职责',
  'grid.teamNameRequired': '请输入姓名',
  'grid.teamUserId': '账号 ID',
  'grid.teamUserIdHint':
    '账号 ID 可空：填写后表示该成员使用此账号登录（在用户管理中可查）。保存即生效，无需重新导入网格。',

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

  'nav.map': '地图',

  'grid.overview': '网格概况',
};

// Typed against zhCN's keys: a missing or extra key in en fails the type check.
const en: Record<keyof typeof zhCN, string> = {
  'geo.regions': 'Regions',
  'geo.allRegions': 'All regions',
  'geo.gridCount': '{count} grids',
  'geo.loadFailed': 'Could not load map data: {message}',
  'geo.everywhere': 'The whole deployment',
  'geo.pickArea': 'Pick a street, community or grid',

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
  'grid.teamEdit': 'Edit',
  'grid.teamAdd': 'Add member',
  'grid.teamSave': 'Save team',
  'grid.teamCancel': 'Cancel',
  'grid.teamSaved': 'Grid team saved',
  'grid.teamRemove': 'Remove this row',
  'grid.teamRoleRequired': 'Choose a role',
  'grid.teamNameRequired': 'Enter a name',
  'grid.teamUserId': 'Account ID',
  'grid.teamUserIdHint':
    'The account ID may be left empty: when given, this member signs in with that account (see Users). Saving takes effect at once, without re-importing the grid.',

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

  'nav.map': 'Map',

  'grid.overview': 'Grid overview',
};

export const messages = { 'zh-CN': zhCN, en };
