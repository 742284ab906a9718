import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import type { Config } from './core/config.js';
import { PersonalDataCipher } from './core/crypto.js';
import { type Db, openDb } from './core/db.js';
import { coreErrors } from './core/errors.js';
import { EventBus } from './core/events.js';
import { FileStore } from './core/files.js';
import { createHttp, type HttpApp } from './core/http.js';
import { pickLocale } from './core/i18n.js';
import { migrate } from './core/migrate.js';
import type { ModuleContext, ShanzhiModule } from './core/module.js';
import { createCasesModule } from './modules/cases/index.js';
import { createGeoModule, type GeoModule } from './modules/geo/index.js';
import { createIdentityModule } from './modules/identity/index.js';
import { createIotModule, type IotModule } from './modules/iot/index.js';
import { createNotifyModule } from './modules/notify/index.js';
import { createOpen311Module } from './modules/open311/index.js';
import { createRegistryModule } from './modules/registry/index.js';

export interface Shanzhi {
  app: HttpApp;
  db: Db;
  events: EventBus;
  geo: GeoModule;
  iot: IotModule;
  /** What modules share (database, events, cipher, files), for start-up seeding outside a request. */
  ctx: ModuleContext;
  /** Every route registered, for the access matrix test and the docs. */
  routes: { method: string; url: string }[];
  close(): Promise<void>;
}

const WEB_DIST = path.join(import.meta.dirname, '../../web/dist');

/** Dependencies run first: identity resolves the actor before any module's route sees the request. */
export function createModules(db: Db): { geo: GeoModule; iot: IotModule; all: ShanzhiModule[] } {
  const geo = createGeoModule({ db });
  const iot = createIotModule({ locator: geo.locator });
  return {
    geo,
    iot,
    all: [
      geo,
      createIdentityModule(),
      createCasesModule({ locator: geo.locator }),
      createNotifyModule(),
      createOpen311Module({ locator: geo.locator }),
      createRegistryModule({ locator: geo.locator }),
      iot,
    ],
  };
}

export function migrationSources(modules: ShanzhiModule[]) {
  return [
    { module: 'core', dir: path.join(import.meta.dirname, 'core/migrations') },
    ...modules.flatMap((m) => (m.migrationsDir ? [{ module: m.name, dir: m.migrationsDir }] : [])),
  ];
}

/**
 * Builds the whole application on an open database: migrations, module start-up, routes, health, console.
 * Tests call this with their own database; main.ts calls it with the configured one.
 */
export async function createShanzhi(config: Config, opts: { db?: Db; serveWeb?: boolean } = {}): Promise<Shanzhi> {
  const app = await createHttp({
    logLevel: config.logLevel,
    logFile: config.logFile,
    sessionSecret: config.sessionSecret,
  });
  const db = opts.db ?? (await openDb(config));
  const events = new EventBus(app.log);
  const ctx: ModuleContext = {
    db,
    events,
    config,
    log: app.log,
    cipher: PersonalDataCipher.rotating(
      { version: config.dataKeyVersion, key: config.dataKey },
      config.retiredDataKeys,
    ),
    files: new FileStore(path.join(config.dataDir, 'files')),
  };
  const { geo, iot, all } = createModules(db);

  const routes: Shanzhi['routes'] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });

  await migrate(db, migrationSources(all));
  for (const m of all) await m.start?.(ctx);
  for (const m of all) await m.hooks?.(app, ctx);
  for (const m of all)
    await app.register(async (scoped) => m.routes(scoped as HttpApp, ctx), { prefix: m.prefix ?? `/api/${m.name}` });

  app.get(
    '/healthz',
    { schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({
      status: 'ok' as const,
    }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        response: {
          200: z.object({ status: z.string(), engine: z.string() }),
          503: z.object({ status: z.string(), engine: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      const dbOk = await db.query('SELECT 1').then(
        () => true,
        () => false,
      );
      const ok = dbOk && all.every((m) => m.ready?.() ?? true);
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
    geo,
    iot,
    ctx,
    routes,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await events.drain();
      for (const m of all) await m.stop?.();
      if (!opts.db) await db.close();
    },
  };
}
