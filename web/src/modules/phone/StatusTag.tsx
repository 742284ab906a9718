import { Tag } from 'antd-mobile';
import { useT } from '../../core/i18n';
import type { CaseStatus } from '../cases/api';
import { PHONE_STATUS_COLOUR } from './phoneText';

export function PhoneStatusTag({ status }: { status: CaseStatus }) {
  const { code } = useT();
  return (
    <Tag color={PHONE_STATUS_COLOUR[status]} fill="outline" data-testid="phone-case-status">
      {code('caseStatus', status)}
    </Tag>
  );
}
