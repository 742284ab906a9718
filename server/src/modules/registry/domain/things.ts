/** 物: the kinds of venue and facility the registry keeps, with their names in both languages. */
type Labels = { 'zh-CN': string; en: string };

export const VENUE_KINDS = ['enterprise', 'nine_small', 'shop', 'school', 'other'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

/** 九小场所: the nine kinds of small venue under fire-safety inspection. */
export const NINE_SMALL_KINDS = [
  'small_shop',
  'small_restaurant',
  'small_hotel',
  'small_entertainment',
  'small_internet_cafe',
  'small_beauty_bath',
  'small_school',
  'small_clinic',
  'small_workshop',
] as const;
export type NineSmallKind = (typeof NINE_SMALL_KINDS)[number];

export const FACILITY_KINDS = [
  'ebike_charger',
  'ebike_shed',
  'fire_hydrant',
  'service_point',
  'camera',
  'other',
] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export const FACILITY_STATUSES = ['in_service', 'out_of_service'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

export const VENUE_KIND_LABELS: Record<VenueKind, Labels> = {
  enterprise: { 'zh-CN': '企业', en: 'Enterprise' },
  nine_small: { 'zh-CN': '九小场所', en: 'Small venue' },
  shop: { 'zh-CN': '商铺', en: 'Shop' },
  school: { 'zh-CN': '学校', en: 'School' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const NINE_SMALL_LABELS: Record<NineSmallKind, Labels> = {
  small_shop: { 'zh-CN': '小商店', en: 'Small shop' },
  small_restaurant: { 'zh-CN': '小餐饮', en: 'Small restaurant' },
  small_hotel: { 'zh-CN': '小旅馆', en: 'Small hotel' },
  small_entertainment: { 'zh-CN': '小歌舞娱乐', en: 'Small karaoke or dance venue' },
  small_internet_cafe: { 'zh-CN': '小网吧', en: 'Small internet café' },
  small_beauty_bath: { 'zh-CN': '小美容洗浴', en: 'Small beauty salon or bathhouse' },
  small_school: { 'zh-CN': '小学校（幼儿园、培训）', en: 'Small school, kindergarten or training centre' },
  small_clinic: { 'zh-CN': '小医疗', en: 'Small clinic' },
  small_workshop: { 'zh-CN': '小生产加工', en: 'Small workshop' },
};

export const FACILITY_KIND_LABELS: Record<FacilityKind, Labels> = {
  ebike_charger: { 'zh-CN': '电动车充电桩', en: 'E-bike charger' },
  ebike_shed: { 'zh-CN': '电动车车棚', en: 'E-bike shed' },
  fire_hydrant: { 'zh-CN': '消防栓', en: 'Fire hydrant' },
  service_point: { 'zh-CN': '服务点', en: 'Service point' },
  camera: { 'zh-CN': '监控摄像头', en: 'Camera' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const FACILITY_STATUS_LABELS: Record<FacilityStatus, Labels> = {
  in_service: { 'zh-CN': '在用', en: 'In service' },
  out_of_service: { 'zh-CN': '停用', en: 'Out of service' },
};

/** A venue's contact may be a mobile or a landline with its area code (0538-1234567). */
export function isContactPhone(phone: string): boolean {
  return /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(phone);
}
