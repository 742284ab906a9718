import { webModule } from '../../core/webModule';
import { messages } from './messages';

export const notifyModule = webModule({ name: 'notify', messages, pages: [] });
