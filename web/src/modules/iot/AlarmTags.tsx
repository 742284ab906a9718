import { FireFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import { useT } from '../../core/i18n';
import { confirmedFire, SEVERITY_COLOUR } from './alarmText';
import type { Alarm } from './api';

/** The severity in its colour, and for a fire a second detector confirmed, the badge that says so. */
export function SeverityTags({ alarm }: { alarm: Pick<Alarm, 'severity'> }) {
  const { t, code } = useT();
  return (
    <span className="sz-fire-tags">
      <Tag
        variant="solid"
        color={SEVERITY_COLOUR[alarm.severity]}
        data-testid="fire-severity"
        data-severity={alarm.severity}
      >
        {code('alarmSeverity', alarm.severity)}
      </Tag>
      {confirmedFire(alarm) && (
        <Tag
          variant="solid"
          color="#820014"
          icon={<FireFilled />}
          className="sz-fire-confirmed"
          data-testid="fire-confirmed"
        >
          {t('iot.confirmedFire')}
        </Tag>
      )}
    </span>
  );
}

const STATUS_COLOUR: Record<Alarm['status'], string> = {
  active_unack: 'red',
  active_ack: 'orange',
  cleared_unack: 'gold',
  cleared_ack: 'green',
  closed: 'default',
};

export function StatusTag({ alarm }: { alarm: Pick<Alarm, 'status' | 'arrivedAt'> }) {
  const { t, code } = useT();
  return (
    <span className="sz-fire-tags">
      <Tag color={STATUS_COLOUR[alarm.status]} data-testid="fire-status" data-status={alarm.status}>
        {code('alarmStatus', alarm.status)}
      </Tag>
      {alarm.arrivedAt && alarm.status !== 'closed' && <Tag color="blue">{t('iot.onSite')}</Tag>}
    </span>
  );
}
