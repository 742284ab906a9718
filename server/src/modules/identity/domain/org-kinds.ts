import type { Message } from '../../../core/i18n.js';

/** The kinds of organisation, the level of region each serves, and their names in words for refusals. */
export const ORG_KINDS = [
  'department',
  'rapid_response_team',
  'fire_service_centre',
  'property_company',
  'social_organisation',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export type RegionLevel = 'district' | 'street' | 'community';

/**
 * A department and a fire service centre serve a district, a rapid-response team a street (快速处置队 per street),
 * property companies and social organisations a street or a community. A region path's depth tells its level:
 * province.city.district(.street(.community)).
 */
export const ORG_LEVELS: Record<OrgKind, readonly RegionLevel[]> = {
  department: ['district'],
  fire_service_centre: ['district'],
  rapid_response_team: ['street'],
  property_company: ['street', 'community'],
  social_organisation: ['street', 'community'],
};

export function levelOfPath(path: string): RegionLevel | undefined {
  return ({ 3: 'district', 4: 'street', 5: 'community' } as const)[path.split('.').length];
}

export const ORG_KIND_NAMES: Record<OrgKind, Message> = {
  department: { 'zh-CN': '职能部门', en: 'department' },
  rapid_response_team: { 'zh-CN': '快速处置队', en: 'rapid-response team' },
  fire_service_centre: { 'zh-CN': '消防服务中心', en: 'fire service centre' },
  property_company: { 'zh-CN': '物业公司', en: 'property company' },
  social_organisation: { 'zh-CN': '社会组织', en: 'social organisation' },
};

export const LEVEL_NAMES: Record<RegionLevel, Message> = {
  district: { 'zh-CN': '区（县）', en: 'district' },
  street: { 'zh-CN': '街道（镇）', en: 'street' },
  community: { 'zh-CN': '社区（村）', en: 'community' },
};

/** Services are names, each once, without blanks, in the order given. */
export function cleanServices(services: readonly string[]): string[] {
  return [...new Set(services.map((s) => s.trim()).filter(Boolean))];
}
