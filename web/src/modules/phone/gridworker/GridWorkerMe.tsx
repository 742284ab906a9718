import { Button, Dialog, List } from 'antd-mobile';
import { useT } from '../../../core/i18n';
import { useSession } from '../../identity/session';
import { forgetOnPhone, visitsOf } from '../doorstep/doorstepStore';
import { PhoneMyCases } from '../PhoneMyCases';
import { WechatBinding } from '../WechatBinding';

/**
 * Who is signed in and where they serve, their WeChat for notices, their own patrol reports, and signing out — which clears the grid's data off
 * the phone, after asking when visits are still waiting to be sent.
 */
export function GridWorkerMe({ onOpen }: { onOpen: (id: number) => void }) {
  const { t, code } = useT();
  const { user, signOut } = useSession();
  const signOutHere = async () => {
    const waiting = (await visitsOf(user.id)).length;
    if (waiting) {
      const confirmed = await Dialog.confirm({
        content: t('gw.signOutWaiting', { count: waiting }),
        confirmText: t('gw.signOutDelete'),
        cancelText: t('gw.signOutStay'),
      });
      if (!confirmed) return;
    }
    await forgetOnPhone(user.id);
    await signOut();
  };
  return (
    <>
      <List mode="card" data-testid="gw-me">
        <List.Item extra={code('role', user.role)}>{user.displayName}</List.Item>
        <List.Item extra={<span className="sz-mono">{user.scopePath.split('.').at(-1)}</span>}>
          {t('gw.scope')}
        </List.Item>
      </List>
      <WechatBinding />
      <div className="sz-phone-section-title">{t('phone.myCases')}</div>
      <PhoneMyCases onOpen={onOpen} />
      <div className="sz-phone-actions">
        <Button block onClick={() => void signOutHere()} data-testid="phone-sign-out">
          {t('user.signOut')}
        </Button>
      </div>
    </>
  );
}
