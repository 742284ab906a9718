/** The notify module's public face. */
export { createNotifyModule } from './notify.module.js';
