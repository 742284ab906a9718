import { Alert, Badge, Space, Typography } from 'antd';
import { useT } from '../../core/i18n';
import { AlarmTable } from './AlarmTable';
import { confirmedFire } from './alarmText';
import type { Alarm, Catalogue } from './api';
import type { AlarmBoard } from './useAlarmBoard';

interface Props {
  board: AlarmBoard;
  catalogue: Catalogue | undefined;
  onOpen: (alarm: Alarm) => void;
  onChanged: (alarm: Alarm) => void;
}

/** 实时告警: how many alarms wait, then each of them with its actions. */
export function BoardPanel({ board, catalogue, onOpen, onChanged }: Props) {
  const { t } = useT();
  const alarms = board.alarms ?? [];
  const waiting = alarms.filter((a) => a.status === 'active_unack').length;
  const confirmed = alarms.filter(confirmedFire).length;
  return (
    <div className="sz-fire-board">
      <Space size="large" className="sz-fire-summary" data-testid="fire-summary">
        <Typography.Text strong data-testid="fire-open-count">
          {t('iot.openCount', { count: board.total })}
        </Typography.Text>
        <Badge status={waiting > 0 ? 'error' : 'default'} text={t('iot.unackCount', { count: waiting })} />
        {confirmed > 0 && (
          <Typography.Text type="danger" strong data-testid="fire-confirmed-count">
            {t('iot.confirmedCount', { count: confirmed })}
          </Typography.Text>
        )}
      </Space>
      {board.error && <Alert type="warning" showIcon title={t('iot.loadFailed', { message: board.error })} />}
      <AlarmTable
        alarms={board.alarms}
        catalogue={catalogue}
        onOpen={onOpen}
        onChanged={onChanged}
        testId="fire-board"
      />
    </div>
  );
}
