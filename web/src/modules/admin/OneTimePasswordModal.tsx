import { Alert, Descriptions, Modal, Typography } from 'antd';
import { useT } from '../../core/i18n';

export interface OneTimePassword {
  username: string;
  displayName: string;
  password: string;
}

/**
 * A new or reset account's one-time password, the only time anyone sees it: the server keeps its hash. A click beside
 * the dialog does not close it, so nobody loses the password before copying it.
 */
export function OneTimePasswordModal({ shown, onClose }: { shown: OneTimePassword | undefined; onClose: () => void }) {
  const { t } = useT();
  return (
    <Modal
      open={shown !== undefined}
      title={t('users.passwordTitle')}
      onCancel={onClose}
      onOk={onClose}
      okText={t('users.passwordDone')}
      footer={(_, { OkBtn }) => <OkBtn />}
      mask={{ closable: false }}
      okButtonProps={{ 'data-testid': 'users-password-done' } as never}
      destroyOnHidden
    >
      {shown && (
        <div className="sz-users-password" data-testid="users-password">
          <Alert type="warning" showIcon title={t('users.passwordOnce', { name: shown.displayName })} />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('users.username')}>
              <span className="sz-mono">{shown.username}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('users.oneTimePassword')}>
              <Typography.Text
                code
                copyable={{ text: shown.password, tooltips: [t('users.copy'), t('users.copied')] }}
                className="sz-users-password-value"
                data-testid="users-password-value"
              >
                {shown.password}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </div>
      )}
    </Modal>
  );
}
