import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { PersonalDataCipher } from './crypto.js';
import type { Db } from './db.js';
import type { EventBus } from './events.js';
import type { FileStore } from './files.js';
import type { HttpApp } from './http.js';

export interface ModuleContext {
  db: Db;
  events: EventBus;
  config: Config;
  log: FastifyBaseLogger;
  /** Encrypts personal data (phones, ID numbers) at rest with the configured data key. */
  cipher: PersonalDataCipher;
  files: FileStore;
}

/**
 * What every module declares about itself, in its `<name>.module.ts`: its name (URL prefix and table prefix),
 * its migrations, its routes, and what it needs to do when the process starts and stops.
 */
export interface ShanzhiModule {
  name: string;
  /** URL prefix of its routes; `/api/<name>` unless a standard dictates another (Open311). */
  prefix?: string;
  /** Folder of its SQL migrations, if it owns tables. */
  migrationsDir?: string;
  /** Registered at the root, before any module's routes (identity resolves the actor here). */
  hooks?(app: HttpApp, ctx: ModuleContext): Promise<void> | void;
  routes(app: HttpApp, ctx: ModuleContext): Promise<void> | void;
  start?(ctx: ModuleContext): Promise<void>;
  stop?(): Promise<void>;
  /** Contributes to /readyz: false while the module cannot serve yet. */
  ready?(): boolean;
}
