import type { FastifyBaseLogger } from 'fastify';
import type { AccessRegistry, Permissions } from './access.js';
import type { Config, SettingsFragment } from './config.js';
import type { PersonalDataCipher } from './crypto.js';
import type { Db } from './db.js';
import type { EventBus } from './events.js';
import type { FileStore } from './files.js';
import type { HttpApp } from './http.js';
import type { SmsGateway } from './sms.js';
import type { WechatGateway } from './wechat.js';

export interface ModuleContext {
  db: Db;
  events: EventBus;
  config: Config;
  log: FastifyBaseLogger;
  /** Encrypts personal data (phones, ID numbers) at rest with the configured data key. */
  cipher: PersonalDataCipher;
  files: FileStore;
  /** Texts to phones: sign-up codes, and messages to people who asked for them by SMS. */
  sms: SmsGateway;
  /** WeChat template messages to people who bound their WeChat, and the openid behind an OAuth code. */
  wechat: WechatGateway;
  /** Every module's permissions: who may do what, for commands that check a role beyond the route's. */
  access: AccessRegistry;
}

/** What a first start or a test asks each module to seed. */
export interface SeedOptions {
  /** none: reference data only; grids: and generated grids; demo: and synthetic buildings, people, devices. */
  demo: Config['demoData'];
  scale: Config['demoScale'];
  /** Limits generated grids to these districts (tests), all demo districts when unset. */
  districts?: string[];
  /** This module has never seeded this database: the time to generate its demo data. */
  firstStart: boolean;
}

/** What a module's seed did, printed at start-up; empty when there was nothing to do. */
export type SeedReport = Record<string, number | string>;

/**
 * What every module declares about itself, in its `<name>.module.ts`: the platform loops over these and names no
 * module itself. `server/src/modules.ts` holds the one list.
 */
export interface ShanzhiModule {
  /** URL prefix (`/api/<name>`), table prefix (`<name>_`), ability prefix (`<name>.`), settings key. */
  name: string;
  /** Modules that must start before this one; a missing or cyclic dependency stops the start. */
  dependsOn?: readonly string[];
  /** URL prefix of its routes; `/api/<name>` unless a standard dictates another (Open311). */
  prefix?: string;
  /** Folder of its SQL migrations, if it owns tables. */
  migrationsDir?: string;
  /** Its environment variables, merged into the one configuration. */
  settings?: SettingsFragment;
  /** Who may do what: each route names one of these abilities (`<name>.<action>`) in its `config.access`. */
  permissions?: Permissions;
  /** Servers this module's pages fetch from (a map's tile server), allowed by the Content-Security-Policy. */
  contentOrigins?(config: Config): string[];
  /** Log keys whose values are personal data or secrets of this module (pino paths such as `*.idNumber`). */
  redact?: readonly string[];
  /** Reference data at every start (idempotent), demo data on the module's first start (see core/seeds.ts). */
  seed?(ctx: ModuleContext, opts: SeedOptions): Promise<SeedReport | undefined>;
  /** Seals this module's personal data again under the current key (`npm run rotate-keys`). */
  reseal?(ctx: Pick<ModuleContext, 'db' | 'cipher'>, progress: (n: number) => void): Promise<SeedReport>;
  /** Registered at the root, before any module's routes (identity resolves the actor here). */
  hooks?(app: HttpApp, ctx: ModuleContext): Promise<void> | void;
  routes(app: HttpApp, ctx: ModuleContext): Promise<void> | void;
  start?(ctx: ModuleContext): Promise<void>;
  /**
   * Once every module has started and subscribed: settles what a crashed process left half-done, so the events it
   * publishes reach every subscriber (a module that hears them starts after the one that publishes them).
   */
  recover?(ctx: ModuleContext): Promise<void>;
  stop?(): Promise<void>;
  /** Contributes to /readyz: false while the module cannot serve yet. */
  ready?(): boolean;
  /** A line of the start-up message, e.g. where devices connect. */
  banner?(): string;
}

/**
 * The modules in an order where each comes after what it depends on (the list's own order among equals), or a
 * clear error naming a dependency that is missing or a cycle.
 */
export function orderModules<M extends ShanzhiModule>(modules: readonly M[]): M[] {
  const byName = new Map(modules.map((m) => [m.name, m]));
  if (byName.size !== modules.length) throw new Error('two modules share a name');
  for (const m of modules)
    for (const d of m.dependsOn ?? [])
      if (!byName.has(d)) throw new Error(`module ${m.name} depends on ${d}, which is not registered`);
  const done = new Set<string>();
  const ordered: M[] = [];
  const visit = (m: M, trail: string[]) => {
    if (done.has(m.name)) return;
    if (trail.includes(m.name))
      throw new Error(`modules depend on each other in a cycle: ${[...trail, m.name].join(' → ')}`);
    for (const d of m.dependsOn ?? []) visit(byName.get(d) as M, [...trail, m.name]);
    done.add(m.name);
    ordered.push(m);
  };
  for (const m of modules) visit(m, []);
  return ordered;
}
