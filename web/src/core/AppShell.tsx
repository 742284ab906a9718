import { AlertOutlined, GlobalOutlined } from '@ant-design/icons';
import { Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { UserMenu } from '../modules/identity/UserMenu';
import { useT } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import type { ConsolePage } from './navigation';

interface Props {
  page: ConsolePage;
  onNavigate: (page: ConsolePage) => void;
  children: ReactNode;
}

export function AppShell({ page, onNavigate, children }: Props) {
  const { t } = useT();
  return (
    <Layout className="sz-shell">
      <Layout.Header className="sz-header">
        <Typography.Title level={4} className="sz-brand">
          {t('app.name')}
        </Typography.Title>
        <Menu
          mode="horizontal"
          className="sz-nav"
          data-testid="nav"
          selectedKeys={[page]}
          onClick={({ key }) => onNavigate(key as ConsolePage)}
          items={[
            { key: 'map', icon: <GlobalOutlined />, label: t('nav.map') },
            { key: 'cases', icon: <AlertOutlined />, label: t('nav.cases') },
          ]}
        />
        <Space size="middle">
          <LanguageSwitch />
          <UserMenu />
        </Space>
      </Layout.Header>
      {children}
    </Layout>
  );
}
