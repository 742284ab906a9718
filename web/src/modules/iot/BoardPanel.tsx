import { Alert, Badge, Space, Typography } from 'antd';
import { useT } from '../../core/i18n';
import { AlarmTable } from './AlarmTable';
import type { Alarm, Catalogue } from './api';
import { IncidentTable } from './IncidentTable';
import type { AlarmBoard } from './useAlarmBoard';

interface Props {
  board: AlarmBoard;
  catalogue: Catalogue | undefined;
  onOpen: (alarm: Alarm) => void;
  onChanged: (alarm: Alarm) => void;
}

/**
 * 实时告警: how many alarms wait, then the fires, one row per incident that opens onto its alarms, then the alarms
 * that are no fire (faults, pre-warnings, offline devices) each on its own.
 */
export function BoardPanel({ board, catalogue, onOpen, onChanged }: Props) {
  const { t } = useT();
  const alarms = board.alarms ?? [];
  const waiting = alarms.filter((a) => a.status === 'active_unack').length;
  const confirmed = (board.incidents ?? []).filter((i) => i.state === 'confirmed').length;
  const others = board.alarms?.filter((a) => a.incidentId === null);
  return (
    <div className="sz-fire-board" data-testid="fire-board-panel">
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
      <Typography.Title level={5}>{t('iot.incidentsTitle')}</Typography.Title>
      <IncidentTable incidents={board.incidents} catalogue={catalogue} onOpen={onOpen} onChanged={onChanged} />
      <Typography.Title level={5}>{t('iot.otherAlarmsTitle')}</Typography.Title>
      <AlarmTable alarms={others} catalogue={catalogue} onOpen={onOpen} onChanged={onChanged} testId="fire-board" />
    </div>
  );
}
