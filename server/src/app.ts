import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import { AccessRegistry, type RouteAccess } from './core/access.js';
import type { Config } from './core/config.js';
import { PersonalDataCipher } from './core/crypto.js';
import { type Db, openDb } from './core/db.js';
import { coreErrors } from './core/errors.js';
import { EventBus } from './core/events.js';
import { FileStore } from './core/files.js';
import { createHttp, type HttpApp } from './core/http.js';
import { pickLocale } from './core/i18n.js';
import { type MigrationSource, migrate } from './core/migrate.js';
import {
  type ModuleContext,
  orderModules,
  type SeedOptions,
  type SeedReport,
  type ShanzhiModule,
} from './core/module.js';
import { seedModules } from './core/seeds.js';
import { AliyunSms, DevOutboxSms } from './core/sms.js';
import { DevOutboxWechat, MpWechat } from './core/wechat.js';
import { createModules } from './modules.js';

export interface Shanzhi {
  app: HttpApp;
  db: Db;
  events: EventBus;
  /** What modules share (database, events, cipher, files, access), for start-up seeding outside a request. */
  ctx: ModuleContext;
  /** The modules, in the order they started. */
  modules: readonly ShanzhiModule[];
  /** A module by name, for tests and tools that drive its own services. */
  module<M extends ShanzhiModule>(name: string): M;
  /** Every route a module registered and who may call it, for the access matrix test and the docs. */
  routes: RouteAccess[];
  /** Runs every module's seed (reference data; demo data on a module's first start). */
  seed(opts: Omit<SeedOptions, 'firstStart'>): Promise<Record<string, SeedReport>>;
  close(): Promise<void>;
}

const WEB_DIST = path.join(import.meta.dirname, '../../web/dist');

export function migrationSources(modules: readonly ShanzhiModule[]): MigrationSource[] {
  return [
    { module: 'core', dir: path.join(import.meta.dirname, 'core/migrations') },
    ...modules.flatMap((m) => (m.migrationsDir ? [{ module: m.name, dir: m.migrationsDir }] : [])),
  ];
}

/**
 * Builds the whole application on an open database: migrations, module start-up, routes, health, console.
 * Tests call this with their own database; main.ts calls it with the configured one.
 */
export async function createShanzhi(
  config: Config,
  opts: { db?: Db; serveWeb?: boolean; modules?: ShanzhiModule[] } = {},
): Promise<Shanzhi> {
  const modules = opts.modules ? orderModules(opts.modules) : createModules();
  const app = await createHttp({
    logLevel: config.logLevel,
    logFile: config.logFile,
    sessionSecret: config.sessionSecret,
    redact: modules.flatMap((m) => m.redact ?? []),
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    contentOrigins: modules.flatMap((m) => m.contentOrigins?.(config) ?? []),
  });
  const db = opts.db ?? (await openDb(config));
  const events = new EventBus(db, app.log, {
    relay: config.events.relay,
    maxAttempts: config.events.maxAttempts,
    pollMs: 1000,
    leaseSeconds: 60,
    releaseClaimsAtStart: db.engine === 'embedded',
  });
  const access = new AccessRegistry();
  for (const m of modules) access.add(m.name, m.permissions);
  const cipher = PersonalDataCipher.rotating(
    { version: config.dataKeyVersion, key: config.dataKey },
    config.retiredDataKeys,
  );
  const ctx: ModuleContext = {
    db,
    events,
    config,
    log: app.log,
    cipher,
    files: new FileStore(path.join(config.dataDir, 'files')),
    sms: config.sms.gateway === 'aliyun' ? new AliyunSms(config.sms) : new DevOutboxSms(db, cipher),
    wechat: config.wechat.gateway === 'mp' ? new MpWechat(config.wechat) : new DevOutboxWechat(db, cipher),
    access,
  };

  const started: ShanzhiModule[] = [];
  try {
    await migrate(db, migrationSources(modules));
    for (const m of modules) {
      await m.start?.(ctx);
      started.push(m);
    }
    // every subscriber is registered now, so deliveries a crash left behind find their handler
    await events.start();
    for (const m of modules) await m.recover?.(ctx);
    for (const m of modules) await m.hooks?.(app, ctx);
    for (const m of modules)
      await app.register(
        async (scoped) => {
          // every route of the module says who may call it, or the start stops here
          scoped.addHook('onRoute', (route) => access.guard(m.name, route));
          await m.routes(scoped as HttpApp, ctx);
        },
        { prefix: m.prefix ?? `/api/${m.name}` },
      );
  } catch (err) {
    // a start that stops half-way leaves no broker, timer or connection behind
    await events.stop();
    for (const m of started.reverse()) await m.stop?.().catch(() => undefined);
    await app.close().catch(() => undefined);
    if (!opts.db) await db.close();
    throw err;
  }

  const health = z.object({ status: z.string(), engine: z.string() });
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    { config: { access: 'public' }, schema: { tags: ['health'], response: { 200: health, 503: health } } },
    async (_req, reply) => {
      const dbOk = await db.query('SELECT 1').then(
        () => true,
        () => false,
      );
      const ok = dbOk && modules.every((m) => m.ready?.() ?? true);
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not_ready', engine: db.engine });
    },
  );

  const serveWeb = opts.serveWeb !== false && existsSync(WEB_DIST);
  if (serveWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    const isPage = req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/docs');
    if (serveWeb && isPage) return reply.type('text/html').sendFile('index.html');
    const err = coreErrors.notFound();
    return reply
      .status(404)
      .send({ error: { code: err.code, message: err.localized(pickLocale(req.headers['accept-language'])) } });
  });

  let closed = false;
  return {
    app,
    db,
    events,
    ctx,
    modules,
    module<M extends ShanzhiModule>(name: string): M {
      const found = modules.find((m) => m.name === name);
      if (!found) throw new Error(`no module named ${name}`);
      return found as M;
    },
    routes: access.routes,
    seed: (seedOpts) => seedModules(modules, ctx, seedOpts),
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await events.stop();
      for (const m of [...modules].reverse()) await m.stop?.();
      if (!opts.db) await db.close();
    },
  };
}
