import { App, Button, Space } from 'antd';
import { type MouseEvent, useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { AcknowledgeModal, CloseModal } from './AlarmModals';
import { type Alarm, acknowledgeAlarm, arriveAt, clearAlarm, closeAlarm } from './api';

/** The same tests the server makes, so only the actions it would take are offered. */
const mayAcknowledge = (a: Alarm) => a.acknowledgedAt === null && a.closedAt === null;
const mayArrive = (a: Alarm) => a.arrivedAt === null && a.closedAt === null;
const mayClear = (a: Alarm) => a.clearedAt === null && a.closedAt === null;
// an alarm still sounding is closed only once it has been cleared (docs/IOT.md)
const mayClose = (a: Alarm) => a.acknowledgedAt !== null && a.clearedAt !== null && a.closedAt === null;

interface Props {
  alarm: Alarm;
  onChanged: (alarm: Alarm) => void;
}

/** 确认 · 到场 · 消除 · 关闭 for one alarm; the buttons stop the click so the row does not open its drawer too. */
export function AlarmActions({ alarm, onChanged }: Props) {
  const { t } = useT();
  const { message } = App.useApp();
  const [modal, setModal] = useState<'acknowledge' | 'close'>();
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<Alarm>) => {
    setBusy(true);
    try {
      onChanged(await action());
    } catch (err) {
      void message.error(t('iot.actionFailed', { message: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  };
  const button = (key: string, label: string, onClick: () => void, primary = false) => (
    <Button
      size="small"
      type={primary ? 'primary' : 'default'}
      danger={primary}
      disabled={busy}
      data-testid={`fire-${key}`}
      onClick={(e: MouseEvent) => {
        e.stopPropagation();
        onClick();
      }}
    >
      {label}
    </Button>
  );

  return (
    <>
      <Space size={4} wrap>
        {mayAcknowledge(alarm) && button('acknowledge', t('iot.acknowledge'), () => setModal('acknowledge'), true)}
        {mayArrive(alarm) && button('arrive', t('iot.arrive'), () => void run(() => arriveAt(alarm.id)))}
        {mayClear(alarm) && button('clear', t('iot.clear'), () => void run(() => clearAlarm(alarm.id)))}
        {mayClose(alarm) && button('close', t('iot.close'), () => setModal('close'))}
      </Space>
      {modal === 'acknowledge' && (
        <AcknowledgeModal
          alarm={alarm}
          onClose={() => setModal(undefined)}
          onSubmit={async ({ realFire, note }) => onChanged(await acknowledgeAlarm(alarm.id, { realFire, note }))}
        />
      )}
      {modal === 'close' && (
        <CloseModal
          alarm={alarm}
          onClose={() => setModal(undefined)}
          onSubmit={async ({ classification, note }) => {
            if (classification) onChanged(await closeAlarm(alarm.id, { classification, note }));
          }}
        />
      )}
    </>
  );
}
