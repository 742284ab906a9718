import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { changePassword } from './api';

/** The server's rule; checked here too so the user learns it before submitting. */
const MIN_PASSWORD_LENGTH = 10;

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const FIELDS = new Set(['currentPassword', 'newPassword']);

export function ChangePasswordForm({ onChanged, onCancel }: { onChanged: () => void; onCancel?: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit({ currentPassword, newPassword }: Values) {
    setBusy(true);
    setError(undefined);
    try {
      await changePassword(currentPassword, newPassword);
      form.resetFields();
      onChanged();
    } catch (err) {
      // Errors about one field belong next to it; anything else goes above the buttons.
      if (err instanceof ApiError && err.field && FIELDS.has(err.field)) {
        form.setFields([{ name: err.field as keyof Values, errors: [err.message] }]);
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        rules={[
          { required: true, message: t('password.newRequired') },
          { min: MIN_PASSWORD_LENGTH, message: t('password.minLength', { min: MIN_PASSWORD_LENGTH }) },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} className="sz-form-alert" />}
      <Space className="sz-form-actions">
        {onCancel && <Button onClick={onCancel}>{t('password.cancel')}</Button>}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="change-password-submit">
          {t('password.submit')}
        </Button>
      </Space>
    </Form>
  );
}
