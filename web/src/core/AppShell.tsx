import { Layout, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { UserMenu } from '../modules/identity/UserMenu';
import { useT } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useT();
  return (
    <Layout className="sz-shell">
      <Layout.Header className="sz-header">
        <Typography.Title level={4} className="sz-brand">
          {t('app.name')}
        </Typography.Title>
        <Space size="middle">
          <LanguageSwitch />
          <UserMenu />
        </Space>
      </Layout.Header>
      {children}
    </Layout>
  );
}
