import { Alert, Button } from 'antd';
import { useT } from '../../core/i18n';
import { CenteredCard } from './CenteredCard';
import { ChangePasswordForm } from './ChangePasswordForm';

/** Shown right after sign-in while the account still has its one-time password. */
export function ChangePasswordPage({ onChanged, onSignOut }: { onChanged: () => void; onSignOut: () => void }) {
  const { t } = useT();
  return (
    <CenteredCard title={t('password.title')}>
      <Alert type="info" showIcon title={t('password.forcedHint')} className="sz-form-alert" />
      <ChangePasswordForm onChanged={onChanged} />
      <Button type="link" onClick={onSignOut} className="sz-signout-link">
        {t('user.signOut')}
      </Button>
    </CenteredCard>
  );
}
