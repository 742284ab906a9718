import { Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocation } from 'wouter';
import { UserMenu } from '../modules/identity/UserMenu';
import { NotificationBell } from '../modules/notify/NotificationBell';
import { type MessageKey, useT } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import type { ConsolePage } from './webModule';

interface Props {
  /** The pages the person may open, in menu order. */
  pages: readonly ConsolePage<MessageKey>[];
  current: ConsolePage<MessageKey>;
  children: ReactNode;
}

export function AppShell({ pages, current, children }: Props) {
  const { t } = useT();
  const [, navigate] = useLocation();
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
          selectedKeys={[current.key]}
          onClick={({ key }) => {
            const page = pages.find((p) => p.key === key);
            if (page && page !== current) navigate(page.paths[0]);
          }}
          items={pages.map((p) => ({ key: p.key, icon: p.nav.icon, label: t(p.nav.label) }))}
        />
        <Space size="middle">
          <NotificationBell />
          <LanguageSwitch />
          <UserMenu />
        </Space>
      </Layout.Header>
      {children}
    </Layout>
  );
}
