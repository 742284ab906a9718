import { Button, DotLoading, List, NoticeBar, Popup } from 'antd-mobile';
import { useState } from 'react';
import { useT } from '../../../core/i18n';
import { useInvalidate, useLoad } from '../../../core/query';
import { fetchProfile, type Profile } from '../../identity/api';
import { useSession } from '../../identity/session';
import { WechatBinding } from '../WechatBinding';
import { NotifyPreferences } from './NotifyPreferences';
import { PasswordForm } from './PasswordForm';
import { RealNameForm } from './RealNameForm';

type Sheet = 'password' | 'realName' | null;

/**
 * The resident's 我的: their number and real name (masked, as the server sends them), a password beside the texted
 * codes, how messages reach them, and signing out. Its own chunk: most visits to /m never open it.
 */
export default function ResidentMe() {
  const { t } = useT();
  const { signOut } = useSession();
  const invalidate = useInvalidate();
  const profile = useLoad(['identity', 'profile'], true, fetchProfile);
  const [sheet, setSheet] = useState<Sheet>(null);

  const done = () => {
    setSheet(null);
    void invalidate(['identity', 'profile']);
  };

  return (
    <>
      {profile.status === 'failed' && <NoticeBar content={profile.message} color="error" wrap />}
      {profile.status === 'loading' && (
        <div className="sz-phone-center">
          <DotLoading />
        </div>
      )}
      {profile.status === 'ready' && (
        <Account
          profile={profile.value}
          onPassword={() => setSheet('password')}
          onRealName={() => setSheet('realName')}
        />
      )}
      <NotifyPreferences />
      <WechatBinding />
      <div className="sz-phone-actions">
        <Button block onClick={() => void signOut()} data-testid="phone-sign-out">
          {t('user.signOut')}
        </Button>
      </div>
      <Popup
        visible={sheet !== null && profile.status === 'ready'}
        onMaskClick={() => setSheet(null)}
        onClose={() => setSheet(null)}
        destroyOnClose
        bodyClassName="sz-phone-sheet"
      >
        {profile.status === 'ready' && sheet === 'password' && (
          <PasswordForm hasPassword={profile.value.hasPassword} phoneMasked={profile.value.phoneMasked} onDone={done} />
        )}
        {profile.status === 'ready' && sheet === 'realName' && (
          <RealNameForm realName={profile.value.realName} onDone={done} />
        )}
      </Popup>
    </>
  );
}

function Account({
  profile,
  onPassword,
  onRealName,
}: {
  profile: Profile;
  onPassword: () => void;
  onRealName: () => void;
}) {
  const { t } = useT();
  const { realName } = profile;
  return (
    <List mode="card" header={t('me.account')} data-testid="me-account">
      <List.Item extra={<span className="sz-mono">{profile.phoneMasked ?? t('me.noPhone')}</span>}>
        {t('me.phone')}
      </List.Item>
      <List.Item
        onClick={onRealName}
        data-testid="me-real-name"
        extra={realName ? `${realName.nameMasked} ${realName.idNumberMasked}` : t('me.realNameNone')}
        description={realName ? undefined : t('me.realNameWhy')}
      >
        {t('me.realName')}
      </List.Item>
      <List.Item
        onClick={onPassword}
        data-testid="me-password"
        extra={profile.hasPassword ? t('me.passwordSet') : t('me.passwordNone')}
      >
        {t('me.password')}
      </List.Item>
    </List>
  );
}
