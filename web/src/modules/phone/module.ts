import { webModule } from '../../core/webModule';
import { messages } from './messages';

export const phoneModule = webModule({ name: 'phone', messages, pages: [] });
