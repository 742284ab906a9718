import { Layout, Menu, type MenuProps, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocation } from 'wouter';
import { UserMenu } from '../modules/identity/UserMenu';
import { NotificationBell } from '../modules/notify/NotificationBell';
import { type MessageKey, type Translator, useT } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import type { ConsolePage } from './webModule';

interface Props {
  /** The pages the person may open, in menu order. */
  pages: readonly ConsolePage<MessageKey>[];
  current: ConsolePage<MessageKey>;
  children: ReactNode;
}

type MenuItem = Required<MenuProps>['items'][number] & { key: string };

/** The menu's entries in page order, a group's pages under one entry. */
function menuItems(pages: readonly ConsolePage<MessageKey>[], t: Translator['t']): MenuItem[] {
  const items: MenuItem[] = [];
  const groups = new Map<string, MenuItem[]>();
  for (const { key, nav } of pages) {
    const item = { key, icon: nav.icon, label: t(nav.label) };
    if (!nav.group) {
      items.push(item);
      continue;
    }
    const group = groups.get(nav.group.label);
    if (group) {
      group.push(item);
      continue;
    }
    const children = [item];
    groups.set(nav.group.label, children);
    items.push({ key: `group:${nav.group.label}`, icon: nav.group.icon, label: t(nav.group.label), children });
  }
  return items;
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
          items={menuItems(pages, t)}
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
