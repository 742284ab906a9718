import { Alert, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { type Alarm, CLASSIFICATIONS, type Classification } from './api';

interface Values {
  realFire?: boolean;
  classification?: Classification;
  note?: string;
}

interface Props {
  alarm: Alarm;
  onSubmit: (values: Values) => Promise<void>;
  onClose: () => void;
}

function useSubmit(onSubmit: Props['onSubmit'], onClose: () => void) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ note, ...values }: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit({ ...values, note: note?.trim() || undefined });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

/** 确认: saying it is a real fire hands it to 119 and opens a case, so it is a box to tick, never the default. */
export function AcknowledgeModal({ alarm, onSubmit, onClose }: Props) {
  const { t } = useT();
  const [form] = Form.useForm<Values>();
  const { error, busy, submit } = useSubmit(onSubmit, onClose);
  return (
    <Modal
      open
      title={t('iot.ackTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('iot.submit')}
      okButtonProps={{ loading: busy, 'data-testid': 'fire-ack-submit' } as never}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ realFire: false }}>
        {alarm.fire && (
          <Form.Item name="realFire" valuePropName="checked">
            <Checkbox data-testid="fire-ack-real">{t('iot.realFire')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="note" label={t('iot.note')}>
          <Input.TextArea rows={3} maxLength={500} data-testid="fire-ack-note" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** 关闭: the classification is what the false-alarm rate is counted from, so it is required. */
export function CloseModal({ onSubmit, onClose }: Props) {
  const { t, code } = useT();
  const [form] = Form.useForm<Values>();
  const { error, busy, submit } = useSubmit(onSubmit, onClose);
  return (
    <Modal
      open
      title={t('iot.closeTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('iot.submit')}
      okButtonProps={{ loading: busy, 'data-testid': 'fire-close-submit' } as never}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="classification"
          label={t('iot.classification')}
          rules={[{ required: true, message: t('iot.classificationRequired') }]}
        >
          <Select
            data-testid="fire-close-classification"
            options={CLASSIFICATIONS.map((c) => ({ value: c, label: code('alarmClass', c) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('iot.note')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
