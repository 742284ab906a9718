import { AlertOutlined, CalendarOutlined, TagsOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { webModule } from '../../core/webModule';
import { messages } from './messages';

export const casesModule = webModule({
  name: 'cases',
  messages,
  pages: [
    {
      key: 'cases',
      paths: ['/cases', '/cases/*'],
      page: lazy(() => import('./CasesPage').then((m) => ({ default: m.CasesPage }))),
      nav: { label: 'nav.cases', icon: <AlertOutlined />, order: 20 },
      ability: 'cases.report',
    },
    {
      key: 'categories',
      paths: ['/categories'],
      page: lazy(() => import('./categories/CategoryAdminPage').then((m) => ({ default: m.CategoryAdminPage }))),
      nav: { label: 'nav.categories', icon: <TagsOutlined />, order: 60 },
      ability: 'cases.categories.manage',
    },
    {
      key: 'calendar',
      paths: ['/calendar'],
      page: lazy(() => import('./calendar/CalendarPage').then((m) => ({ default: m.CalendarPage }))),
      nav: { label: 'nav.calendar', icon: <CalendarOutlined />, order: 61 },
      ability: 'cases.calendar.view',
    },
  ],
});
