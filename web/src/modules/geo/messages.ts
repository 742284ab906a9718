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
