import { AuditOutlined, SendOutlined, SettingOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { webModule } from '../../core/webModule';
import { messages } from './messages';

/** 系统管理, the district administrator's: one menu entry opening onto the audit trail and the event deliveries. */
const group = { label: 'nav.admin', icon: <SettingOutlined /> } as const;

export const adminModule = webModule({
  name: 'admin',
  messages,
  pages: [
    {
      key: 'admin-audit',
      paths: ['/admin/audit'],
      page: lazy(() => import('./AuditPage').then((m) => ({ default: m.AuditPage }))),
      nav: { label: 'nav.adminAudit', icon: <AuditOutlined />, order: 90, group },
      ability: 'admin.audit.view',
    },
    {
      key: 'admin-events',
      paths: ['/admin/events'],
      page: lazy(() => import('./EventsPage').then((m) => ({ default: m.EventsPage }))),
      nav: { label: 'nav.adminEvents', icon: <SendOutlined />, order: 91, group },
      ability: 'admin.events.manage',
    },
  ],
});
