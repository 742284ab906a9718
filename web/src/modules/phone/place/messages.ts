/** Wording of the report's place on the phone, zh-CN (the default) and en; merged into the phone module's. */
const zhCN = {
  'place.search': '搜索小区或楼栋',
  'place.searchPlaceholder': '小区、楼栋名称或地址',
  'place.searchHint': '输入名称或地址中的几个字',
  'place.noHits': '没有找到，换几个字试试',
  'place.compound': '小区',
  'place.building': '楼栋',
  'place.looking': '正在查找地址…',
  'place.addressUnknown': '已定位，暂时查不到地址，将按您所在的位置上报',
  'place.near': '附近约 {metres} 米',
  'place.beside': '{address}附近',
  'place.outside': '这里不在任何网格内，请搜索小区或楼栋',
  'place.unavailable': '无法获取定位，请搜索小区或楼栋',
};

// Typed against zhCN's keys: a missing or extra key in en fails the type check.
const en: Record<keyof typeof zhCN, string> = {
  'place.search': 'Find a compound or building',
  'place.searchPlaceholder': 'Compound, building or address',
  'place.searchHint': 'Type a few words of its name or address',
  'place.noHits': 'Nothing found; try other words',
  'place.compound': 'Compound',
  'place.building': 'Building',
  'place.looking': 'Looking up the address…',
  'place.addressUnknown': 'Located; the address cannot be looked up now, the report goes with your position',
  'place.near': 'about {metres} m away',
  'place.beside': 'near {address}',
  'place.outside': 'This is outside every grid: find your compound or building',
  'place.unavailable': 'Your position is unavailable: find your compound or building',
};

export const placeMessages = { 'zh-CN': zhCN, en };
