/** The registry module's public face. */
export { createRegistryModule } from './registry.module.js';
