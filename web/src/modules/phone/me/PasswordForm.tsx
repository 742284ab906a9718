import { Button, Form, Input, NoticeBar, Segmented, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useT } from '../../../core/i18n';
import { sendOwnCode, setOwnPassword } from '../../identity/api';
import { SendCodeButton } from '../SendCodeButton';
import { showOnField } from './fieldErrors';

/** The server's rule (identity's domain/password.ts), checked here too so the resident learns it before sending. */
const MIN_PASSWORD_LENGTH = 10;
const FIELDS = ['code', 'currentPassword', 'newPassword'] as const;

interface Values {
  code?: string;
  currentPassword?: string;
  newPassword: string;
  confirm: string;
}

/**
 * A first password only with a fresh code texted to the resident's own number, so a borrowed or stolen session cannot
 * set one; a later change with the current password, or a code for one who forgot it.
 */
export function PasswordForm({
  hasPassword,
  phoneMasked,
  onDone,
}: {
  hasPassword: boolean;
  phoneMasked: string | null;
  onDone: () => void;
}) {
  const { t } = useT();
  const [form] = Form.useForm<Values>();
  const [proof, setProof] = useState<'currentPassword' | 'code'>(hasPassword ? 'currentPassword' : 'code');
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function sendCode() {
    setError(undefined);
    const sent = await sendOwnCode();
    setNotice(t('phoneSignIn.codeSent', { phone: phoneMasked ?? '' }));
    return sent;
  }

  async function submit(v: Values) {
    setBusy(true);
    setError(undefined);
    try {
      await setOwnPassword({
        newPassword: v.newPassword,
        ...(proof === 'code' ? { code: v.code?.trim() } : { currentPassword: v.currentPassword }),
      });
      Toast.show({ icon: 'success', content: hasPassword ? t('password.changed') : t('me.passwordSaved') });
      onDone();
    } catch (err) {
      setError(showOnField(form, FIELDS, err));
      setBusy(false);
    }
  }

  return (
    <Form
      form={form}
      mode="card"
      onFinish={submit}
      data-testid="me-password-form"
      footer={
        <>
          {notice && !error && <NoticeBar content={notice} color="success" wrap className="sz-phone-error" />}
          {error && <NoticeBar content={error} color="error" wrap className="sz-phone-error" />}
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="me-password-submit">
            {t('me.save')}
          </Button>
        </>
      }
    >
      <Form.Header>
        <span className="sz-phone-sheet-title">{hasPassword ? t('password.title') : t('me.passwordSetTitle')}</span>
      </Form.Header>
      {hasPassword ? (
        <Form.Item>
          <Segmented
            block
            value={proof}
            onChange={(v) => setProof(v as typeof proof)}
            options={[
              { label: t('me.proofPassword'), value: 'currentPassword' },
              { label: t('me.proofCode'), value: 'code' },
            ]}
          />
        </Form.Item>
      ) : (
        <Form.Item>
          <div className="sz-phone-hint-left">{t('me.passwordFirstHint', { phone: phoneMasked ?? '' })}</div>
        </Form.Item>
      )}
      {proof === 'code' ? (
        <Form.Item
          key="code"
          name="code"
          label={t('phoneSignIn.code')}
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('phoneSignIn.codeRequired') }]}
          extra={<SendCodeButton send={sendCode} onError={(err) => setError(showOnField(form, FIELDS, err))} />}
        >
          <Input placeholder="000000" inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
        </Form.Item>
      ) : (
        <Form.Item
          key="currentPassword"
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.currentRequired') }]}
        >
          <Input type="password" placeholder={t('password.current')} autoComplete="current-password" />
        </Form.Item>
      )}
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
  );
}
