/** The identity module's public face: other modules import only from here. */
export { ensureFirstAdmin } from './commands/ensure-first-admin.js';
export { createIdentityModule } from './identity.module.js';
