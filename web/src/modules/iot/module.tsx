import { FireOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { webModule } from '../../core/webModule';
import { messages } from './messages';

export const iotModule = webModule({
  name: 'iot',
  messages,
  pages: [
    {
      key: 'fire',
      paths: ['/fire'],
      page: lazy(() => import('./FirePage').then((m) => ({ default: m.FirePage }))),
      nav: { label: 'nav.fire', icon: <FireOutlined />, order: 40 },
      ability: 'iot.view',
    },
  ],
});
