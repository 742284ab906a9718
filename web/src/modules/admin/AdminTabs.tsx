import { Tabs } from 'antd';
import { useLocation } from 'wouter';
import { useCan } from '../../core/abilities';
import { useT } from '../../core/i18n';
import { adminModule } from './module';

/** 系统管理's pages side by side, so moving between them does not need the menu; only those the person may open. */
export function AdminTabs({ current }: { current: string }) {
  const { t } = useT();
  const can = useCan();
  const [, navigate] = useLocation();
  const pages = adminModule.pages.filter((p) => can(p.ability));
  return (
    <Tabs
      activeKey={current}
      onChange={(key) => {
        const page = pages.find((p) => p.key === key);
        if (page) navigate(page.paths[0]);
      }}
      items={pages.map((p) => ({ key: p.key, label: t(p.nav.label) }))}
      className="sz-admin-tabs"
      data-testid="admin-tabs"
    />
  );
}
