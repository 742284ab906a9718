import { Button, Form, Input, NoticeBar } from 'antd-mobile';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { signIn, type User } from '../identity/api';
import { PhoneFrame } from './PhoneFrame';

interface Values {
  username: string;
  password: string;
}

export function PhoneSignIn({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t } = useT();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit({ username, password }: Values) {
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await signIn(username.trim(), password));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <PhoneFrame>
      <div className="sz-phone-subtitle">{t('signIn.subtitle')}</div>
      <Form
        layout="horizontal"
        mode="card"
        onFinish={submit}
        footer={
          <>
            {error && <NoticeBar content={error} color="error" wrap className="sz-phone-error" />}
            <Button block type="submit" color="primary" size="large" loading={busy} data-testid="phone-sign-in">
              {t('signIn.submit')}
            </Button>
          </>
        }
      >
        <Form.Item
          name="username"
          label={t('signIn.username')}
          rules={[{ required: true, message: t('signIn.usernameRequired') }]}
        >
          <Input placeholder={t('signIn.username')} autoComplete="username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('signIn.password')}
          rules={[{ required: true, message: t('signIn.passwordRequired') }]}
        >
          <Input placeholder={t('signIn.password')} type="password" autoComplete="current-password" />
        </Form.Item>
      </Form>
    </PhoneFrame>
  );
}
