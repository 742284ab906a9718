import { Button, List, NoticeBar, Popup, Stepper, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { ACTION_FIELDS } from '../cases/actionForms';
import type { ActionInput, CaseAction } from '../cases/api';
import { PhoneAttachments } from './PhoneAttachments';
import { useUploads } from './useUploads';

/** The on-site check is evidence: passing or failing it takes a photo taken there, not only words. */
const NEEDS_SITE_PHOTO: readonly CaseAction[] = ['verify', 'fail_verification'];

interface Props {
  action: CaseAction;
  onSubmit: (input: ActionInput) => Promise<void>;
  onClose: () => void;
}

/** The form of one action on the phone: a note or reason, extra days, photos; the same fields as in the console. */
export function PhoneActionSheet({ action, onSubmit, onClose }: Props) {
  const { t, code } = useT();
  const fields = ACTION_FIELDS[action] ?? {};
  const uploads = useUploads();
  const [note, setNote] = useState('');
  const [days, setDays] = useState(3);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit() {
    if (fields.note?.required && !note.trim()) return setError(t('phone.noteRequired'));
    if (NEEDS_SITE_PHOTO.includes(action) && uploads.ids.length === 0) return setError(t('phone.sitePhotoRequired'));
    if (uploads.busy) return setError(t('media.stillUploading'));
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit({
        action,
        note: note.trim() || undefined,
        days: fields.days ? days : undefined,
        mediaIds: uploads.ids.length ? uploads.ids : undefined,
      });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <Popup visible onMaskClick={onClose} bodyStyle={{ maxHeight: '85vh', overflowY: 'auto' }} destroyOnClose>
      <List header={code('caseAction', action)} mode="card" data-testid="phone-action-sheet">
        {fields.days && (
          <List.Item extra={<Stepper min={1} max={60} value={days} onChange={setDays} />}>{t('action.days')}</List.Item>
        )}
        {fields.note && (
          <List.Item title={t(fields.note.label)}>
            <TextArea value={note} onChange={setNote} rows={3} maxLength={2000} data-testid="phone-action-note" />
          </List.Item>
        )}
      </List>
      {fields.photos && <PhoneAttachments uploads={uploads} />}
      <div className="sz-phone-actions">
        {error && <NoticeBar content={error} color="error" wrap />}
        <Button block color="primary" size="large" loading={busy} onClick={submit} data-testid="phone-action-submit">
          {t('action.submit')}
        </Button>
      </div>
    </Popup>
  );
}
