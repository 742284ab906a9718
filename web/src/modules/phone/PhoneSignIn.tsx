import { Button, Form, Input, NoticeBar } from 'antd-mobile';
import { useState } from 'react';
import { errorMessage } from '../../core/api';
import { useT } from '../../core/i18n';
import { sendPhoneCode, signIn, signInByPhone, signInByPhonePassword, type User } from '../identity/api';
import { AnonymousReportEntry } from './anonymous/AnonymousReport';
import { GridCard, stationGrid } from './GridCard';
import { PhoneFrame } from './PhoneFrame';
import { SendCodeButton } from './SendCodeButton';

type Mode = 'resident' | 'staff';

/**
 * Residents come in with their mobile number and a texted code, the way 12345 and mini-programs do it (the first
 * time signs them up), or with the password they chose on 我的; staff use their account. Opened from a grid
 * station's QR code, the grid shows first.
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

/** A resident proves the number with a texted code, or gives the password they chose instead. */
function ResidentSignIn({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<{ phone: string; code?: string; password?: string }>();
  const [byPassword, setByPassword] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function sendCode() {
    setError(undefined);
    const { phone } = await form.validateFields(['phone']);
    const sent = await sendPhoneCode(phone.trim());
    setNotice(t('phoneSignIn.codeSent', { phone: `${phone.slice(0, 3)}****${phone.slice(-4)}` }));
    return sent;
  }

  async function submit({ phone, code, password }: { phone: string; code?: string; password?: string }) {
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(
        byPassword
          ? await signInByPhonePassword(phone.trim(), password ?? '')
          : await signInByPhone(phone.trim(), (code ?? '').trim()),
      );
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  function switchMethod() {
    setError(undefined);
    setNotice(undefined);
    setByPassword(!byPassword);
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
            {byPassword ? t('signIn.submit') : t('phoneSignIn.submit')}
          </Button>
          <div className="sz-phone-hint">{byPassword ? t('phoneSignIn.passwordHint') : t('phoneSignIn.hint')}</div>
          <div className="sz-phone-switch">
            <Button fill="none" size="small" color="primary" onClick={switchMethod} data-testid="sign-in-method">
              {byPassword ? t('phoneSignIn.byCode') : t('phoneSignIn.byPassword')}
            </Button>
          </div>
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
      {byPassword ? (
        <Form.Item
          key="password"
          name="password"
          label={t('signIn.password')}
          rules={[{ required: true, message: t('signIn.passwordRequired') }]}
        >
          <Input placeholder={t('signIn.password')} type="password" autoComplete="current-password" />
        </Form.Item>
      ) : (
        <Form.Item
          key="code"
          name="code"
          label={t('phoneSignIn.code')}
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('phoneSignIn.codeRequired') }]}
          extra={
            <SendCodeButton
              send={sendCode}
              onError={(err) => {
                // a number the form itself refused is already marked on its field
                if (err instanceof Error) setError(errorMessage(err));
              }}
            />
          }
        >
          <Input placeholder="000000" inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
        </Form.Item>
      )}
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
