import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { webModule } from '../../core/webModule';
import { messages } from './messages';

export const registryModule = webModule({
  name: 'registry',
  messages,
  pages: [
    {
      key: 'registry',
      paths: ['/registry', '/registry/*'],
      page: lazy(() => import('./RegistryPage').then((m) => ({ default: m.RegistryPage }))),
      nav: { label: 'nav.registry', icon: <HomeOutlined />, order: 30 },
      ability: 'registry.view',
    },
  ],
});
