import { Tag } from 'antd-mobile';
import { useT } from '../../core/i18n';
import type { CaseStatus, Priority } from '../cases/api';
import { PHONE_STATUS_COLOUR } from './phoneText';

export function PhoneStatusTag({ status }: { status: CaseStatus }) {
  const { code } = useT();
  return (
    <Tag color={PHONE_STATUS_COLOUR[status]} fill="outline" data-testid="phone-case-status">
      {code('caseStatus', status)}
    </Tag>
  );
}

/** 紧急 and 重要 stand out on a phone's list; a normal case needs no tag. */
export function PhonePriorityTag({ priority }: { priority: Priority }) {
  const { code } = useT();
  if (priority === 'normal') return null;
  return (
    <Tag color={priority === 'urgent' ? 'danger' : 'warning'} data-testid="phone-case-priority">
      {code('priority', priority)}
    </Tag>
  );
}
