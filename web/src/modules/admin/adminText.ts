import type { Lang, Translator } from '../../core/i18n';

/** An instant in China time with seconds, whatever the browser's own zone: the trail is read against other records. */
export function chinaTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(lang, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

/** `person:12` as 人员 12; a subject of no known kind (a user name typed at sign-in) as it is. */
export function subjectText(subject: string | null, { code }: Translator): string {
  if (!subject) return '';
  const colon = subject.indexOf(':');
  if (colon < 0) return subject;
  const kind = subject.slice(0, colon);
  const label = code('auditSubject', kind);
  return label === kind ? subject : `${label} ${subject.slice(colon + 1)}`;
}

/** The actions in the filter's list, each module's under one "all of the module" choice for its prefix. */
export function actionOptions(actions: readonly string[], tr: Translator) {
  const modules = [...new Set(actions.map((a) => a.split('.')[0] ?? a))];
  return modules.map((module) => {
    const name = tr.code('auditModule', module);
    return {
      label: name,
      options: [
        { value: `${module}.`, label: tr.t('audit.allOf', { module: name }) },
        ...actions
          .filter((a) => a.startsWith(`${module}.`))
          .map((a) => ({ value: a, label: tr.code('auditAction', a), title: a })),
      ],
    };
  });
}

type Value = unknown;

/** Chinese text takes full-width punctuation, English its own. */
const PUNCTUATION = {
  'zh-CN': { colon: '：', pairs: '；', list: '、' },
  en: { colon: ': ', pairs: '; ', list: ', ' },
} as const;

/** The keys whose value names an area: a scope path (its last code is the area) or a region code. */
const AREA_KEYS = new Set(['scopePath', 'regionCode']);

const areaCode = (value: string) => value.split('.').at(-1) ?? value;

const isRecord = (v: Value): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The area codes an entry's detail names, before and after included, for looking their names up. */
export function detailAreaCodes(detail: Record<string, Value>): string[] {
  const found = (record: Record<string, Value>): string[] =>
    Object.entries(record).flatMap(([key, value]) => {
      if (isRecord(value)) return found(value);
      return AREA_KEYS.has(key) && typeof value === 'string' && value ? [areaCode(value)] : [];
    });
  return found(detail);
}

/**
 * An entry's detail in one readable line: the reason given for a reveal, `before → after` for a change, counts for
 * an import, labelled in the user's language, areas by name (`areaName` answers the code until the name is known);
 * a key no wording names is shown as the server wrote it.
 */
export function detailText(detail: Record<string, Value>, tr: Translator, areaName: (code: string) => string): string {
  const { colon, pairs, list } = PUNCTUATION[tr.lang];

  const valueText = (value: Value): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return tr.t(value ? 'audit.yes' : 'audit.no');
    if (Array.isArray(value)) return value.map(valueText).join(list);
    if (isRecord(value)) return pairsText(value);
    return String(value);
  };

  // a value the server wrote as a code some wording names: a role, the field revealed, why a sign-in failed, an area
  const named = (key: string, value: Value): string => {
    if (typeof value !== 'string') return valueText(value);
    if (AREA_KEYS.has(key)) return value ? areaName(areaCode(value)) : tr.t('audit.everywhere');
    if (key === 'role') return tr.code('role', value);
    // an export's filter names the action it was narrowed to
    if (key === 'action') return tr.code('auditAction', value);
    if (key === 'field' || key === 'reason') return tr.code('auditDetail', value);
    return value;
  };

  const pairsText = (record: Record<string, Value>): string =>
    Object.entries(record)
      .map(([key, value]) => `${tr.code('auditDetail', key)}${colon}${named(key, value)}`)
      .join(pairs);

  // an account's change records all its settings on both sides, so the ones left as they were are left out
  const changeText = (before: Record<string, Value>, after: Record<string, Value>): string =>
    [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      .map((key) => `${tr.code('auditDetail', key)}${colon}${named(key, before[key])} → ${named(key, after[key])}`)
      .join(pairs);

  const { before, after, ...rest } = detail;
  if (!isRecord(before) || !isRecord(after)) return pairsText(detail);
  return [changeText(before, after), pairsText(rest)].filter(Boolean).join(pairs);
}
