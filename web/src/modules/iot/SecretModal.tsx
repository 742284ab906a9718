import { Alert, Descriptions, Modal, Typography } from 'antd';
import { useT } from '../../core/i18n';
import type { Credential } from './api';

/**
 * A device's secret, the one time it is seen: the server keeps only its hash. A click beside the dialog does not
 * close it, so nobody loses the secret before copying it.
 */
export function SecretModal({ credential, onClose }: { credential: Credential | undefined; onClose: () => void }) {
  const { t } = useT();
  return (
    <Modal
      open={credential !== undefined}
      title={t('iot.secretTitle')}
      onCancel={onClose}
      onOk={onClose}
      okText={t('iot.secretSaved')}
      footer={(_, { OkBtn }) => <OkBtn />}
      mask={{ closable: false }}
      okButtonProps={{ 'data-testid': 'fire-secret-done' } as never}
      destroyOnHidden
    >
      {credential && (
        <div className="sz-fire-secret" data-testid="fire-secret">
          <Alert type="warning" showIcon title={t('iot.secretOnce')} />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('iot.colDevice')}>
              <span className="sz-mono">{credential.code}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('iot.secret')}>
              <Typography.Text code copyable={{ text: credential.secret }} data-testid="fire-secret-value">
                {credential.secret}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </div>
      )}
    </Modal>
  );
}
