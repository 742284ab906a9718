/** The admin module's public face: the audit viewer and the event deliveries live at /api/admin. */
export { createAdminModule } from './admin.module.js';
