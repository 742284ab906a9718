import { webModule } from '../../core/webModule';
import { messages } from './messages';

export const identityModule = webModule({ name: 'identity', messages, pages: [] });
