/** The registry module's public face. */

export { seedDemoRegistry } from './commands/seed-demo-registry.js';
export { createRegistryModule } from './registry.module.js';
