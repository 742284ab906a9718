import { Button, Form, Input, NoticeBar } from 'antd-mobile';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { changePassword } from '../identity/api';
import { PhoneFrame } from './PhoneFrame';

/** The server's rule; checked here too so the resident learns it before submitting. */
const MIN_PASSWORD_LENGTH = 10;

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Shown right after sign-in while the account still has its one-time password. */
export function PhoneChangePassword({ onChanged, onSignOut }: { onChanged: () => void; onSignOut: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit({ currentPassword, newPassword }: Values) {
    setBusy(true);
    setError(undefined);
    try {
      await changePassword(currentPassword, newPassword);
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <PhoneFrame title={t('password.title')}>
      <NoticeBar content={t('password.forcedHint')} color="info" wrap />
      <Form
        form={form}
        mode="card"
        onFinish={submit}
        footer={
          <>
            {error && <NoticeBar content={error} color="error" wrap className="sz-phone-error" />}
            <Button block type="submit" color="primary" size="large" loading={busy} data-testid="phone-change-password">
              {t('password.submit')}
            </Button>
            <Button block fill="none" onClick={onSignOut}>
              {t('user.signOut')}
            </Button>
          </>
        }
      >
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.currentRequired') }]}
        >
          <Input type="password" placeholder={t('password.current')} autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[
            { required: true, message: t('password.newRequired') },
            { min: MIN_PASSWORD_LENGTH, message: t('password.minLength', { min: MIN_PASSWORD_LENGTH }) },
          ]}
        >
          <Input type="password" placeholder={t('password.new')} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            {
              validator: (_, value) =>
                !value || value === form.getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            },
          ]}
        >
          <Input type="password" placeholder={t('password.confirm')} autoComplete="new-password" />
        </Form.Item>
      </Form>
    </PhoneFrame>
  );
}
