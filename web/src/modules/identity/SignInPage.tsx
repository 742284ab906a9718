import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { signIn, type User } from './api';
import { CenteredCard } from './CenteredCard';

interface Values {
  username: string;
  password: string;
}

export function SignInPage({ onSignedIn }: { onSignedIn: (user: User) => void }) {
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
    <CenteredCard title={t('signIn.title')}>
      <Form<Values> layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="username"
          label={t('signIn.username')}
          rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('signIn.password')}
          rules={[{ required: true, message: t('signIn.passwordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} className="sz-form-alert" />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
          {t('signIn.submit')}
        </Button>
      </Form>
    </CenteredCard>
  );
}
