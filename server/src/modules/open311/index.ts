/** The Open311 adapter's public face. */
export { createOpen311Module } from './open311.module.js';
