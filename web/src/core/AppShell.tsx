import {
  AlertOutlined,
  BarChartOutlined,
  FireOutlined,
  GlobalOutlined,
  HomeOutlined,
  TagsOutlined,
} from '@ant-design/icons';
import { Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useSession } from '../modules/identity/session';
import { UserMenu } from '../modules/identity/UserMenu';
import { NotificationBell } from '../modules/notify/NotificationBell';
import { type MessageKey, useT } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { type ConsolePage, pagesFor } from './navigation';

const NAV: Record<ConsolePage, { icon: ReactNode; label: MessageKey }> = {
  map: { icon: <GlobalOutlined />, label: 'nav.map' },
  cases: { icon: <AlertOutlined />, label: 'nav.cases' },
  registry: { icon: <HomeOutlined />, label: 'nav.registry' },
  fire: { icon: <FireOutlined />, label: 'nav.fire' },
  kpis: { icon: <BarChartOutlined />, label: 'nav.kpis' },
  categories: { icon: <TagsOutlined />, label: 'nav.categories' },
};

interface Props {
  page: ConsolePage;
  onNavigate: (page: ConsolePage) => void;
  children: ReactNode;
}

export function AppShell({ page, onNavigate, children }: Props) {
  const { t } = useT();
  const { user } = useSession();
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
          items={pagesFor(user.role).map((key) => ({ key, icon: NAV[key].icon, label: t(NAV[key].label) }))}
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
