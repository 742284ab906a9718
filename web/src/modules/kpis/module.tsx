import { AimOutlined, BarChartOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { webModule } from '../../core/webModule';
import { messages } from './messages';

export const kpisModule = webModule({
  name: 'kpis',
  messages,
  pages: [
    {
      key: 'kpis',
      paths: ['/kpis'],
      page: lazy(() => import('./KpiPage').then((m) => ({ default: m.KpiPage }))),
      nav: { label: 'nav.kpis', icon: <BarChartOutlined />, order: 50 },
      ability: 'cases.kpis.view',
    },
    {
      key: 'root-causes',
      paths: ['/root-causes'],
      page: lazy(() => import('./RootCausePage').then((m) => ({ default: m.RootCausePage }))),
      nav: { label: 'nav.rootCauses', icon: <AimOutlined />, order: 51 },
      ability: 'cases.kpis.view',
    },
  ],
});
