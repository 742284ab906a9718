import type { Lang } from '../../core/i18n';
import type { Alarm, Catalogue, Names, Severity } from './api';

export const SEVERITY_COLOUR: Record<Severity, string> = {
  critical: '#cf1322',
  major: '#fa541c',
  minor: '#faad14',
  warning: '#1677ff',
};

export const nameIn = (names: Names | undefined, lang: Lang, fallback: string) =>
  names ? (lang === 'en' ? names.en : names.zh) : fallback;

export function alarmTypeName(alarm: Pick<Alarm, 'type'>, catalogue: Catalogue | undefined, lang: Lang): string {
  return nameIn(catalogue?.alarmTypes[alarm.type], lang, alarm.type);
}

/** Only a confirmed incident makes an alarm critical: every fire alarm has an incident, confirmed or not. */
export const confirmedFire = (alarm: Pick<Alarm, 'severity'>) => alarm.severity === 'critical';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "3 分钟前" / "3 minutes ago": how long an alarm has been waiting matters more on the board than its clock time. */
export function relativeTime(iso: string, lang: Lang, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, size] of UNITS)
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(Math.min(0, seconds), 'second');
}

export function clockTime(iso: string | null, lang: Lang): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang, {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
