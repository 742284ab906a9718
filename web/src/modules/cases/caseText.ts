import type { Translator } from '../../core/i18n';
import type { Case, CaseStatus, CategoryName, Deadline, Priority, TimelineEntry } from './api';

/** antd preset colours; antd-mobile maps them to its own palette in the phone pages. */
export const STATUS_COLOUR: Record<CaseStatus, string> = {
  reported: 'blue',
  accepted: 'cyan',
  rejected: 'default',
  dispatched: 'geekblue',
  in_progress: 'processing',
  returned: 'orange',
  suspended: 'purple',
  handled: 'lime',
  verified: 'green',
  closed: 'success',
  rated: 'gold',
  merged: 'default',
};

export const DEADLINE_COLOUR: Record<Deadline, string> = { on_time: 'green', warning: 'gold', overdue: 'red' };

export const PRIORITY_COLOUR: Record<Priority, string> = { urgent: 'red', important: 'orange', normal: 'default' };

/** The deadline of the step the case waits for: 立案 while reported, 派遣 once accepted, 办结 after. */
export function nextDue(c: Pick<Case, 'status' | 'respondDueAt' | 'dispatchDueAt' | 'dueAt'>): string | null {
  if (c.status === 'reported') return c.respondDueAt;
  if (c.status === 'accepted') return c.dispatchDueAt ?? c.dueAt;
  return c.dueAt;
}

export function categoryName(category: CategoryName, lang: Translator['lang']): string {
  return (lang === 'en' ? category.nameEn : category.nameZh) || category.code;
}

export function formatTime(iso: string | null, lang: Translator['lang']): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Whom a dispatch went to: the department's name, else the level. */
function dispatchTarget(entry: TimelineEntry, { code }: Translator): string {
  const { orgName, level } = entry.detail;
  if (typeof orgName === 'string') return orgName;
  return typeof level === 'string' ? code('level', level) : '';
}

/** A whistle's lead and helpers by name. */
function whistleTargets(entry: TimelineEntry, { t }: Translator, orgName: (code: string) => string): string {
  const { lead, helpers } = entry.detail;
  const names = Array.isArray(helpers) ? helpers.map((h) => orgName(String(h))) : [];
  const leadText = typeof lead === 'string' ? t('timeline.lead', { org: orgName(lead) }) : '';
  if (!names.length) return leadText;
  return `${leadText}${t('timeline.helpers', { orgs: names.join(t('timeline.separator')) })}`;
}

/** Where an overdue case went: one level up, or onto the supervision board when there is no level above. */
function escalationTarget(entry: TimelineEntry, { t, code }: Translator): string {
  const { to } = entry.detail;
  return typeof to === 'string' ? t('timeline.escalatedTo', { level: code('level', to) }) : t('timeline.toSupervision');
}

/** The department of a report-in, and whether it came after its deadline. */
function reportIn(entry: TimelineEntry, { t, lang }: Translator, orgName: (code: string) => string): string {
  const { org, late, reportInDueAt } = entry.detail;
  if (typeof org !== 'string') return '';
  if (late !== true || typeof reportInDueAt !== 'string') return orgName(org);
  return t('timeline.lateReportIn', { org: orgName(org), due: formatTime(reportInDueAt, lang) });
}

/** The department that let its report-in deadline pass, by the name the server wrote down, and the deadline. */
function missedReportIn(entry: TimelineEntry, { t, lang }: Translator, orgName: (code: string) => string): string {
  const { org, orgName: written, reportInDueAt } = entry.detail;
  const name = typeof written === 'string' ? written : typeof org === 'string' ? orgName(org) : '';
  return t('timeline.reportInDue', { org: name, due: formatTime(String(reportInDueAt ?? ''), lang) });
}

/** A priority raised or lowered at acceptance or dispatch (the reason is the entry's note). */
function priorityChange(entry: TimelineEntry, { t, code }: Translator): string {
  const change = entry.detail.priority as { from?: unknown; to?: unknown } | undefined;
  if (typeof change?.from !== 'string' || typeof change.to !== 'string') return '';
  return t('timeline.priority', { from: code('priority', change.from), to: code('priority', change.to) });
}

/** A return visit's answer; ratings from before the question was asked have none. */
function resolvedText(entry: TimelineEntry, { t }: Translator): string {
  const { resolved } = entry.detail;
  return typeof resolved === 'boolean' ? t(resolved ? 'resolved.yes' : 'resolved.no') : '';
}

/** A close's summary as it was given then: the cause and whether it may recur (the case shows the measures). */
function summaryText(entry: TimelineEntry, { t, code }: Translator): string {
  const summary = entry.detail.summary as { rootCause?: string; mayRecur?: string } | undefined;
  if (!summary?.rootCause || !summary.mayRecur) return '';
  return `${t('summary.cause', { cause: code('rootCause', summary.rootCause) })} · ${code('mayRecur', summary.mayRecur)}`;
}

/**
 * The facts an entry's detail adds to its action, for staff: where it was sent, which departments were whistled in
 * and which one reported, how many days, into which case.
 */
export function entryDetail(entry: TimelineEntry, translator: Translator, orgName: (code: string) => string): string {
  const { t, code } = translator;
  const { days, master, rating, org } = entry.detail;
  const changed = priorityChange(entry, translator);
  switch (entry.action) {
    case 'accept':
      return changed;
    case 'dispatch':
      return [t('timeline.dispatchTo', { target: dispatchTarget(entry, translator) }), changed]
        .filter(Boolean)
        .join(' · ');
    case 'whistle':
      return whistleTargets(entry, translator, orgName);
    case 'report_in':
      return reportIn(entry, translator, orgName);
    case 'report_in_overdue':
      return missedReportIn(entry, translator, orgName);
    case 'finish_part':
      return typeof org === 'string' ? orgName(org) : '';
    case 'escalate':
      return escalationTarget(entry, translator);
    case 'request_extension':
    case 'approve_extension':
      return typeof days === 'number' ? t('timeline.days', { days }) : '';
    case 'merge':
      return typeof master === 'string' ? t('timeline.master', { number: master }) : '';
    case 'close':
      return summaryText(entry, translator);
    case 'rate':
      return [typeof rating === 'string' ? code('rating', rating) : '', resolvedText(entry, translator)]
        .filter(Boolean)
        .join(' · ');
    default:
      return '';
  }
}

/**
 * The same entry told to a resident (件件有回音): what happened, not who pressed what. Its reporter is told what they
 * did; one who follows the case (the public view) what happened to it, the rating left out with the reporter.
 */
export function plainEntry(entry: TimelineEntry, translator: Translator, view: Case['view'] = 'full'): string {
  const { t, code } = translator;
  if (view === 'public' && (entry.action === 'report' || entry.action === 'reopen')) {
    return t(`plainFollowed.${entry.action}`);
  }
  switch (entry.action) {
    case 'dispatch':
      return t('plain.dispatch', { target: dispatchTarget(entry, translator) });
    case 'rate':
      if (view === 'public')
        return [t('plainFollowed.rate'), resolvedText(entry, translator)].filter(Boolean).join(' · ');
      return [
        t('plain.rate', { rating: code('rating', String(entry.detail.rating ?? '')) }),
        resolvedText(entry, translator),
      ]
        .filter(Boolean)
        .join(' · ');
    default:
      return code('plain', entry.action);
  }
}
