import type { MessageKey } from '../../core/i18n';
import type { CaseAction } from './api';

/** What an action asks for before it is sent; actions not listed here are sent at once. */
export interface ActionFields {
  note?: { label: MessageKey; required: boolean };
  dispatch?: true;
  /** 紧急/重要/一般 as the dispatcher judges it; a change needs the reason in the note. */
  priority?: true;
  whistle?: true;
  days?: true;
  master?: true;
  /** A rating with the return visit's question: is the problem solved? */
  rating?: true;
  /** Photos as evidence: what the handler did, what the grid worker found on site. */
  photos?: true;
  /** 处置总结: what was done, the root cause, whether it may recur. */
  summary?: true;
}

const reason = { label: 'action.reason', required: true } as const;
const optionalNote = { label: 'action.note', required: false } as const;

// The required notes mirror the server's rule (it refuses these actions without one).
export const ACTION_FIELDS: Partial<Record<CaseAction, ActionFields>> = {
  reject: { note: reason },
  return: { note: reason },
  suspend: { note: reason },
  handle: { note: { label: 'action.feedback', required: true }, photos: true },
  verify: { note: optionalNote, photos: true },
  fail_verification: { note: { label: 'action.note', required: true }, photos: true },
  dispatch: { dispatch: true, priority: true, note: optionalNote },
  whistle: { whistle: true, note: optionalNote },
  finish_part: { note: { label: 'action.partDone', required: true } },
  supervise: { note: { label: 'action.supervision', required: true } },
  request_extension: { days: true, note: reason },
  merge: { master: true, note: optionalNote },
  rate: { rating: true, note: optionalNote },
  close: { summary: true },
};

/** Actions that end or set back a case get a red button. */
export const DANGEROUS: readonly CaseAction[] = ['reject', 'return', 'fail_verification', 'suspend'];
