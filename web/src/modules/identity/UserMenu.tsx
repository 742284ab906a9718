import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../core/i18n';
import { ChangePasswordForm } from './ChangePasswordForm';
import { useSession } from './session';

export function UserMenu() {
  const { t, code } = useT();
  const { user, signOut } = useSession();
  const { message } = App.useApp();
  const [changing, setChanging] = useState(false);

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'password',
              icon: <KeyOutlined />,
              label: t('user.changePassword'),
              onClick: () => setChanging(true),
            },
            { type: 'divider' },
            { key: 'signOut', icon: <LogoutOutlined />, label: t('user.signOut'), onClick: () => void signOut() },
          ],
        }}
      >
        <Button type="text" className="sz-user-button" data-testid="user-menu">
          <Space>
            <UserOutlined />
            <span>{user.displayName}</span>
            <Typography.Text type="secondary" className="sz-user-role">
              {code('role', user.role)}
            </Typography.Text>
            <DownOutlined />
          </Space>
        </Button>
      </Dropdown>
      <Modal
        title={t('password.title')}
        open={changing}
        onCancel={() => setChanging(false)}
        footer={null}
        destroyOnHidden
      >
        <ChangePasswordForm
          onCancel={() => setChanging(false)}
          onChanged={() => {
            setChanging(false);
            void message.success(t('password.changed'));
          }}
        />
      </Modal>
    </>
  );
}
