import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { erasePerson } from './api';

const MIN_REASON = 4;

interface Props {
  personId: number;
  name: string;
  onErased: () => void;
}

/** 删除个人信息, on the person's request: there is no undo, so it asks why and says what stays behind. */
export function ErasePersonButton({ personId, name, onErased }: Props) {
  const { t } = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit({ reason }: { reason: string }) {
    setBusy(true);
    setError(undefined);
    try {
      await erasePerson(personId, reason.trim());
      setOpen(false);
      onErased();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button danger icon={<DeleteOutlined />} onClick={() => setOpen(true)} data-testid="erase-person">
        {t('person.erase')}
      </Button>
      <Modal
        open={open}
        title={t('person.eraseTitle', { name })}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('person.eraseSubmit')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'erase-submit' } as never}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('person.eraseWarning')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="reason"
            label={t('person.eraseReason')}
            extra={t('person.eraseReasonHint')}
            rules={[
              {
                required: true,
                min: MIN_REASON,
                transform: (value?: string) => value?.trim(),
                message: t('person.eraseReasonRequired'),
              },
            ]}
          >
            <Input.TextArea rows={2} maxLength={200} data-testid="erase-reason" />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </>
  );
}
