import { Tag } from 'antd';
import { useT } from '../../core/i18n';
import type { Case } from './api';
import { DEADLINE_COLOUR, formatTime, STATUS_COLOUR } from './caseText';

export function StatusTag({ status }: { status: Case['status'] }) {
  const { code } = useT();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="case-status">
      {code('caseStatus', status)}
    </Tag>
  );
}

/**
 * The due time, coloured by how close it is; a finished case has no deadline state and shows plain. A due time counted
 * on weekdays because its year's holidays are not loaded says so: it may move when they are.
 */
export function DueAt({ item }: { item: Pick<Case, 'dueAt' | 'deadline' | 'dueEstimated'> }) {
  const { t, lang, code } = useT();
  if (!item.dueAt) return null;
  const text = formatTime(item.dueAt, lang);
  const estimate = item.dueEstimated && (
    <Tag color="orange" title={t('cases.dueEstimatedHint')} data-testid="due-estimated">
      {t('cases.dueEstimated')}
    </Tag>
  );
  if (!item.deadline)
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
