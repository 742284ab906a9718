/**
 * 处置总结: what a case's closer says about it. The causes are the ones grassroots work meets most often, so the
 * counts on 问题溯源 point at something a community can act on (replace, maintain, manage, enforce, mediate).
 */
export const ROOT_CAUSES = [
  'facility_ageing',
  'maintenance_lacking',
  'management_gap',
  'violation',
  'neighbour_dispute',
  'natural',
  'other',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

export const MAY_RECUR = ['yes', 'no', 'unknown'] as const;
export type MayRecur = (typeof MAY_RECUR)[number];

export interface ClosingSummary {
  measures: string;
  rootCause: RootCause;
  rootCauseNote: string | null;
  mayRecur: MayRecur;
}

export const ROOT_CAUSE_NAMES: Record<RootCause, { 'zh-CN': string; en: string }> = {
  facility_ageing: { 'zh-CN': '设施老化', en: 'ageing facilities' },
  maintenance_lacking: { 'zh-CN': '维护缺失', en: 'lack of maintenance' },
  management_gap: { 'zh-CN': '管理缺位', en: 'gap in management' },
  violation: { 'zh-CN': '违规行为', en: 'rule breaking' },
  neighbour_dispute: { 'zh-CN': '邻里矛盾', en: 'neighbour dispute' },
  natural: { 'zh-CN': '自然因素', en: 'natural causes' },
  other: { 'zh-CN': '其他', en: 'other' },
};

/** The summary's parts, named in both languages for the error that says which one is missing. */
export const SUMMARY_FIELDS = {
  measures: { 'zh-CN': '处置措施', en: 'what was done' },
  rootCause: { 'zh-CN': '根本原因', en: 'root cause' },
  mayRecur: { 'zh-CN': '是否可能复发', en: 'whether it may recur' },
} as const;

/** The first part a close left out, or the summary whole. */
export function checkSummary(s: {
  measures?: string;
  rootCause?: RootCause;
  rootCauseNote?: string;
  mayRecur?: MayRecur;
}): { missing: keyof typeof SUMMARY_FIELDS } | { summary: ClosingSummary } {
  const measures = s.measures?.trim();
  if (!measures) return { missing: 'measures' };
  if (!s.rootCause) return { missing: 'rootCause' };
  if (!s.mayRecur) return { missing: 'mayRecur' };
  return {
    summary: { measures, rootCause: s.rootCause, rootCauseNote: s.rootCauseNote?.trim() || null, mayRecur: s.mayRecur },
  };
}
