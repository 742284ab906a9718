import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { type MessageKey, useT } from '../../core/i18n';
import { type RevealField, revealPerson } from './api';

const MIN_REASON = 4;

const FIELD_LABEL: Record<RevealField, MessageKey> = { idNumber: 'people.idNumber', phone: 'people.phone' };

interface Props {
  personId: number;
  field: RevealField;
  onRevealed: (value: string) => void;
}

/** Asks why before asking the server, which keeps the reason with its record of who saw what. */
export function RevealButton({ personId, field, onRevealed }: Props) {
  const { t } = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit({ reason }: { reason: string }) {
    setBusy(true);
    setError(undefined);
    try {
      onRevealed(await revealPerson(personId, field, reason.trim()));
      setOpen(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        size="small"
        type="link"
        icon={<EyeOutlined />}
        onClick={() => setOpen(true)}
        data-testid={`reveal-${field}`}
      >
        {t('person.reveal')}
      </Button>
      <Modal
        open={open}
        title={t('person.revealTitle', { field: t(FIELD_LABEL[field]) })}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('person.revealSubmit')}
        okButtonProps={{ loading: busy, 'data-testid': 'reveal-submit' } as never}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="reason"
            label={t('person.revealReason')}
            extra={t('person.revealReasonHint')}
            rules={[
              {
                required: true,
                min: MIN_REASON,
                transform: (value?: string) => value?.trim(),
                message: t('person.revealReasonRequired'),
              },
            ]}
          >
            <Input.TextArea rows={2} maxLength={200} data-testid="reveal-reason" />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </>
  );
}
