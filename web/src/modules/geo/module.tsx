import { GlobalOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { webModule } from '../../core/webModule';
import { messages } from './messages';

export const geoModule = webModule({
  name: 'geo',
  messages,
  pages: [
    {
      key: 'map',
      paths: ['/'],
      page: lazy(() => import('./GeoPage').then((m) => ({ default: m.GeoPage }))),
      nav: { label: 'nav.map', icon: <GlobalOutlined />, order: 10 },
      ability: 'geo.region.view',
    },
  ],
});
