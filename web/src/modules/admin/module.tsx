import {
  ApartmentOutlined,
  AuditOutlined,
  MessageOutlined,
  SendOutlined,
  SettingOutlined,
  TeamOutlined,
  WarningOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import { webModule } from '../../core/webModule';
import { messages } from './messages';

/**
 * 系统管理: one menu entry opening onto the users and the organisations and teams (district and street
 * administrators, each within their scope; the data is identity's), the audit trail and the event deliveries (the district administrator's), the steps that reached
 * nobody (those who answer for an area), and the development SMS and WeChat outboxes.
 */
const group = { label: 'nav.admin', icon: <SettingOutlined /> } as const;

export const adminModule = webModule({
  name: 'admin',
  messages,
  pages: [
    {
      key: 'admin-users',
      paths: ['/admin/users'],
      page: lazy(() => import('./UsersPage').then((m) => ({ default: m.UsersPage }))),
      nav: { label: 'nav.adminUsers', icon: <TeamOutlined />, order: 89, group },
      ability: 'identity.user.manage',
    },
    {
      key: 'admin-orgs',
      paths: ['/admin/orgs'],
      page: lazy(() => import('./OrgsPage').then((m) => ({ default: m.OrgsPage }))),
      nav: { label: 'nav.adminOrgs', icon: <ApartmentOutlined />, order: 89.5, group },
      ability: 'identity.org.manage',
    },
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
    {
      key: 'admin-unreached',
      paths: ['/admin/unreached'],
      page: lazy(() => import('./UnreachedPage').then((m) => ({ default: m.UnreachedPage }))),
      nav: { label: 'nav.adminUnreached', icon: <WarningOutlined />, order: 92, group },
      ability: 'notify.steps.view',
    },
    {
      key: 'admin-sms-outbox',
      paths: ['/admin/sms-outbox'],
      page: lazy(() => import('./SmsOutboxPage').then((m) => ({ default: m.SmsOutboxPage }))),
      nav: { label: 'nav.adminSmsOutbox', icon: <MessageOutlined />, order: 93, group },
      ability: 'admin.sms_outbox.view',
    },
    {
      key: 'admin-wechat-outbox',
      paths: ['/admin/wechat-outbox'],
      page: lazy(() => import('./WechatOutboxPage').then((m) => ({ default: m.WechatOutboxPage }))),
      nav: { label: 'nav.adminWechatOutbox', icon: <WechatOutlined />, order: 94, group },
      ability: 'admin.wechat_outbox.view',
    },
  ],
});
