import { App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { useSession } from '../identity/session';
import { ActionModal } from './ActionModal';
import { ACTION_FIELDS, DANGEROUS } from './actionForms';
import {
  type ActionInput,
  actOnCase,
  CASE_ACTIONS,
  type Case,
  type CaseAction,
  type CaseDetail,
  type Org,
} from './api';
import { fitsMyPart } from './whistle';

interface Props {
  item: Case;
  orgs: Org[];
  onChanged: (detail: CaseDetail) => void;
}

/** A button for each action the server says this person may take now, and nothing else. */
export function CaseActions({ item, orgs, onChanged }: Props) {
  const { t, code } = useT();
  const { message } = App.useApp();
  const { user } = useSession();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [busy, setBusy] = useState<CaseAction | null>(null);

  async function send(input: ActionInput) {
    const detail = await actOnCase(item.id, input);
    onChanged(detail);
    void message.success(t('case.done', { action: code('caseAction', input.action) }));
  }

  async function sendNow(action: CaseAction) {
    setBusy(action);
    try {
      await send({ action });
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  // Actions the server added after this page was written have no form here yet, so they get no button either.
  const actions = CASE_ACTIONS.filter((a) => item.allowedActions.includes(a) && fitsMyPart(a, item, user.orgCode));
  if (actions.length === 0) {
    return <Typography.Text type="secondary">{t('case.noActions')}</Typography.Text>;
  }
  return (
    <>
      <Space wrap data-testid="case-actions">
        {actions.map((action, i) => (
          <Button
            key={action}
            type={i === 0 ? 'primary' : 'default'}
            danger={DANGEROUS.includes(action)}
            loading={busy === action}
            data-testid={`action-${action}`}
            onClick={() => (ACTION_FIELDS[action] ? setOpen(action) : void sendNow(action))}
          >
            {code('caseAction', action)}
          </Button>
        ))}
      </Space>
      {open && (
        <ActionModal action={open} orgs={orgs} priority={item.priority} onSubmit={send} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
