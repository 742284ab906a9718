import { Tag } from 'antd';
import { useT } from '../../core/i18n';
import type { Case } from './api';
import { DEADLINE_COLOUR, formatTime, nextDue, PRIORITY_COLOUR, STATUS_COLOUR } from './caseText';

export function StatusTag({ status }: { status: Case['status'] }) {
  const { code } = useT();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="case-status">
      {code('caseStatus', status)}
    </Tag>
  );
}

/** 紧急 in red, 重要 in orange: what is listed first reads as such. */
export function PriorityTag({ priority }: { priority: Case['priority'] }) {
  const { code } = useT();
  return (
    <Tag color={PRIORITY_COLOUR[priority]} data-testid="case-priority">
      {code('priority', priority)}
    </Tag>
  );
}

type Due = Pick<Case, 'status' | 'respondDueAt' | 'dispatchDueAt' | 'dueAt' | 'deadline' | 'dueEstimated'>;

/**
 * A due time (by default the one of the step the case waits for), coloured by how close it is when it is that step's;
 * a finished case has no deadline state and shows plain. A due time counted on weekdays because its year's holidays
 * are not loaded says so: it may move when they are.
 */
export function DueAt({ item, at = nextDue(item) }: { item: Due; at?: string | null }) {
  const { t, lang, code } = useT();
  if (!at) return null;
  const text = formatTime(at, lang);
  const estimate = item.dueEstimated && (
    <Tag color="orange" title={t('cases.dueEstimatedHint')} data-testid="due-estimated">
      {t('cases.dueEstimated')}
    </Tag>
  );
  if (!item.deadline || at !== nextDue(item))
    return (
      <span>
        {text} {estimate}
      </span>
    );
  return (
    <>
      <Tag color={DEADLINE_COLOUR[item.deadline]} title={code('deadline', item.deadline)}>
        {text} · {code('deadline', item.deadline)}
      </Tag>
      {estimate}
    </>
  );
}
