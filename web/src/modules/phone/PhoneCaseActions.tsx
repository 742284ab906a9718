import { Button, List, Toast } from 'antd-mobile';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { ACTION_FIELDS, DANGEROUS } from '../cases/actionForms';
import { type ActionInput, actOnCase, type Case, type CaseAction, type CaseDetail } from '../cases/api';
import { PhoneActionSheet } from './PhoneActionSheet';

/** What is done on site, from the phone; dispatching and closing stay with the console. */
const PHONE_ACTIONS: readonly CaseAction[] = [
  'report_in',
  'finish_part',
  'self_handle',
  'start',
  'handle',
  'verify',
  'fail_verification',
  'return',
  'request_extension',
];

/** The phone's position for a report-in, or nothing when it cannot be had within a few seconds. */
function here(): Promise<{ location?: { lng: number; lat: number } }> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve({});
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ location: { lng: p.coords.longitude, lat: p.coords.latitude } }),
      () => resolve({}),
      { enableHighAccuracy: true, timeout: 8000, maximumAge: 60_000 },
    );
  });
}

/** A button for each on-site action the server says this person may take now. */
export function PhoneCaseActions({ item, onChanged }: { item: Case; onChanged: (detail: CaseDetail) => void }) {
  const { t, code } = useT();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [busy, setBusy] = useState<CaseAction | null>(null);
  const actions = PHONE_ACTIONS.filter((a) => item.allowedActions.includes(a));

  async function send(input: ActionInput) {
    onChanged(await actOnCase(item.id, input));
    Toast.show({ icon: 'success', content: t('case.done', { action: code('caseAction', input.action) }) });
  }

  async function sendNow(action: CaseAction) {
    setBusy(action);
    try {
      // 报到 says where the person stands, when the phone can tell
      await send(action === 'report_in' ? { action, ...(await here()) } : { action });
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  if (actions.length === 0) return null;
  return (
    <>
      <List header={t('case.actions')} mode="card">
        <List.Item>
          <div className="sz-phone-action-buttons" data-testid="phone-case-actions">
            {actions.map((action, i) => (
              <Button
                key={action}
                color={DANGEROUS.includes(action) ? 'danger' : i === 0 ? 'primary' : 'default'}
                fill={DANGEROUS.includes(action) ? 'outline' : 'solid'}
                loading={busy === action}
                onClick={() => (ACTION_FIELDS[action] ? setOpen(action) : void sendNow(action))}
                data-testid={`phone-action-${action}`}
              >
                {code('caseAction', action)}
              </Button>
            ))}
          </div>
        </List.Item>
      </List>
      {open && <PhoneActionSheet action={open} onSubmit={send} onClose={() => setOpen(null)} />}
    </>
  );
}
