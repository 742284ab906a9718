import { Button, Form, Input, NoticeBar } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { sendPhoneCode, signIn, signInByPhone, type User } from '../identity/api';
import { AnonymousReportEntry } from './anonymous/AnonymousReport';
import { GridCard, stationGrid } from './GridCard';
import { PhoneFrame } from './PhoneFrame';

type Mode = 'resident' | 'staff';

/**
 * Residents come in with their mobile number and a texted code, the way 12345 and mini-programs do it (the first
 * time signs them up); staff use their account. Opened from a grid station's QR code, the grid shows first.
 */
export function PhoneSignIn({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t } = useT();
  const [mode, setMode] = useState<Mode>('resident');
  return (
    <PhoneFrame>
      {stationGrid ? <GridCard code={stationGrid} /> : <div className="sz-phone-subtitle">{t('signIn.subtitle')}</div>}
      {mode === 'resident' ? <ResidentSignIn onSignedIn={onSignedIn} /> : <StaffSignIn onSignedIn={onSignedIn} />}
      {stationGrid && <AnonymousReportEntry grid={stationGrid} />}
      <div className="sz-phone-switch">
        <Button
          fill="none"
          size="small"
          color="primary"
          data-testid="sign-in-mode"
          onClick={() => setMode(mode === 'resident' ? 'staff' : 'resident')}
        >
          {mode === 'resident' ? t('phoneSignIn.staff') : t('phoneSignIn.resident')}
        </Button>
      </div>
    </PhoneFrame>
  );
}

const MOBILE = /^1[3-9]\d{9}$/;

function ResidentSignIn({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [wait, setWait] = useState(0);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  async function sendCode() {
    setError(undefined);
    try {
      const { phone } = await form.validateFields(['phone']);
      const sent = await sendPhoneCode(phone.trim());
      setWait(sent.resendAfterSeconds);
      setNotice(t('phoneSignIn.codeSent', { phone: `${phone.slice(0, 3)}****${phone.slice(-4)}` }));
    } catch (err) {
      if (err instanceof Error) setError(errorMessage(err));
    }
  }

  async function submit({ phone, code }: { phone: string; code: string }) {
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await signInByPhone(phone.trim(), code.trim()));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <Form
      form={form}
      layout="horizontal"
      mode="card"
      onFinish={submit}
      footer={
        <>
          {notice && !error && <NoticeBar content={notice} color="success" wrap className="sz-phone-error" />}
          {error && <NoticeBar content={error} color="error" wrap className="sz-phone-error" />}
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="phone-sign-in">
            {t('phoneSignIn.submit')}
          </Button>
          <div className="sz-phone-hint">{t('phoneSignIn.hint')}</div>
        </>
      }
    >
      <Form.Item
        name="phone"
        label={t('phoneSignIn.phone')}
        rules={[{ required: true, pattern: MOBILE, message: t('phoneSignIn.phoneRequired') }]}
      >
        <Input placeholder="138 0000 0000" type="tel" inputMode="numeric" maxLength={11} autoComplete="tel" />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('phoneSignIn.code')}
        rules={[{ required: true, pattern: /^\d{6}$/, message: t('phoneSignIn.codeRequired') }]}
        extra={
          <Button
            size="small"
            color="primary"
            fill="outline"
            disabled={wait > 0}
            onClick={sendCode}
            data-testid="send-code"
          >
            {wait > 0 ? t('phoneSignIn.resendIn', { seconds: wait }) : t('phoneSignIn.sendCode')}
          </Button>
        }
      >
        <Input placeholder="000000" inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
      </Form.Item>
    </Form>
  );
}

function StaffSignIn({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t } = useT();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit({ username, password }: { username: string; password: string }) {
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
    <Form
      layout="horizontal"
      mode="card"
      onFinish={submit}
      footer={
        <>
          {error && <NoticeBar content={error} color="error" wrap className="sz-phone-error" />}
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="staff-sign-in">
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
  );
}
