import { Button } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useT } from '../../core/i18n';

/**
 * "获取验证码", then a countdown until the server lets another code go. `send` validates what it needs, asks the
 * server and returns its wait, or throws for the caller's message.
 */
export function SendCodeButton({
  send,
  onError,
}: {
  send: () => Promise<{ resendAfterSeconds: number }>;
  onError: (err: unknown) => void;
}) {
  const { t } = useT();
  const [wait, setWait] = useState(0);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  async function click() {
    try {
      setWait((await send()).resendAfterSeconds);
    } catch (err) {
      onError(err);
    }
  }

  return (
    <Button size="small" color="primary" fill="outline" disabled={wait > 0} onClick={click} data-testid="send-code">
      {wait > 0 ? t('phoneSignIn.resendIn', { seconds: wait }) : t('phoneSignIn.sendCode')}
    </Button>
  );
}
