import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import type { Db } from '../core/db.js';

/**
 * Booting PGlite with PostGIS, migrating and generating demo grids took most of each test file's set-up. A run
 * does it once per kind of seed instead — a template — and every file starts from a copy of it: an in-memory
 * PGlite loaded from the template's data directory, or a PostgreSQL database created from a template database.
 * Each file still has a database of its own.
 */

/** The demo grids a test database is seeded with: every demo district's, those of the districts named, or none. */
export type Grids = 'all' | string[] | 'none';

/** The first administrator, not yet signed in: the one-time password main.ts would have printed. */
export interface FirstAdmin {
  username: string;
  oneTimePassword: string;
}

export type Template =
  /** A data directory to copy, and the same as an uncompressed tarball for PGlite's loadDataDir. */
  | { engine: 'embedded'; dataDir: string; tarball: string; admin: FirstAdmin }
  /** A database on the server DATABASE_URL points at, to be named as the TEMPLATE of CREATE DATABASE. */
  | { engine: 'server'; adminUrl: string; database: string; admin: FirstAdmin };

/** Set by the run's global setup (vitest.config.ts): where templates and their admin credentials are kept. */
export const TEMPLATES_ENV = 'SHANZHI_TEST_TEMPLATES';
/** Template databases are named after the run, so the run's teardown drops its own and no other run's. */
export const templateDatabasePrefix = (runDir: string) =>
  // lower case: PostgreSQL folds the unquoted name in CREATE DATABASE, not the one in a connection URL
  `shanzhi_tpl_${path.basename(runDir).replace(/\W/g, '').toLowerCase()}`;

function runDir(): string {
  const dir = process.env[TEMPLATES_ENV];
  if (!dir)
    throw new Error(`${TEMPLATES_ENV} is not set: run the tests through vitest.config.ts, whose globalSetup sets it`);
  return dir;
}

const variantOf = (grids: Grids) => (Array.isArray(grids) ? `d${[...grids].sort().join('_')}` : grids);

/** The run's template for these grids on the engine DATABASE_URL selects, built by the first file to ask for it. */
export function testTemplate(grids: Grids): Promise<Template> {
  const engine = process.env.DATABASE_URL ? 'server' : 'embedded';
  const key = `${engine}_${variantOf(grids)}`;
  return oncePerRun(key, () => buildTemplate(runDir(), key, grids));
}

/**
 * Something a run needs once, whichever file asks first: files run in parallel processes, so the first builds it
 * holding a lock directory and the others wait for its result (JSON) to appear. A lock whose builder died is
 * taken over.
 */
export async function oncePerRun<T>(key: string, build: () => Promise<T>): Promise<T> {
  const dir = runDir();
  const done = path.join(dir, `${key}.json`);
  const lock = path.join(dir, `${key}.lock`);
  for (;;) {
    if (existsSync(done)) return JSON.parse(readFileSync(done, 'utf8')) as T;
    try {
      mkdirSync(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (builderDied(lock)) rmSync(lock, { recursive: true, force: true });
      else await delay(200);
      continue;
    }
    writeFileSync(path.join(lock, 'pid'), String(process.pid));
    try {
      const result = await build();
      writeFileSync(`${done}.tmp`, JSON.stringify(result));
      renameSync(`${done}.tmp`, done);
      return result;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

function builderDied(lock: string): boolean {
  const pidFile = path.join(lock, 'pid');
  // the builder writes its pid right after taking the lock: no file yet means it is still starting
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8')), 0);
    return false;
  } catch {
    return true;
  }
}

async function buildTemplate(dir: string, key: string, grids: Grids): Promise<Template> {
  // imported here, not above, so that the run's global setup, which needs only the names, stays light
  const [{ createShanzhi }, { openEmbedded, openServer }, { ensureFirstAdmin }, { loadShanzhiConfig }] =
    await Promise.all([
      import('../app.js'),
      import('../core/db.js'),
      import('../modules/identity/index.js'),
      import('../modules.js'),
    ]);
  const adminUrl = process.env.DATABASE_URL;
  const database = `${templateDatabasePrefix(dir)}_${key.replace(/\W/g, '_')}`.slice(0, 63);
  const pgdata = path.join(dir, key);
  let db: Db;
  if (adminUrl) {
    // a builder that died half-way left its database behind
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await adminQuery(adminUrl, `CREATE DATABASE ${database}`);
    db = await openServer(databaseUrl(adminUrl, database), 4);
  } else {
    rmSync(pgdata, { recursive: true, force: true });
    db = await openEmbedded(pgdata);
  }
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-template-'));
  try {
    const shanzhi = await createShanzhi(
      loadShanzhiConfig({
        LOG_LEVEL: 'silent',
        DATA_DIR: scratch,
        SESSION_SECRET: randomBytes(32).toString('base64'),
        DATA_KEY: randomBytes(32).toString('base64'),
        ESCALATION_INTERVAL_SECONDS: '0',
        IOT_JOB_INTERVAL_SECONDS: '0',
        MQTT_PORT: '0',
        HOST: '127.0.0.1',
        IOT_TOPIC_ROOT: `tpl${randomBytes(4).toString('hex')}`,
      }),
      { db, serveWeb: false },
    );
    await shanzhi.seed({
      demo: grids === 'none' ? 'none' : 'grids',
      scale: 'small',
      districts: Array.isArray(grids) ? grids : undefined,
    });
    const admin = await ensureFirstAdmin(db);
    if (!admin) throw new Error('a new template database already had users');
    await shanzhi.close();
    await db.close();
    if (adminUrl) return { engine: 'server', adminUrl, database, admin };
    const tarball = `${pgdata}.tar`;
    // PGlite's loader reads plain ustar entries relative to its data directory
    execFileSync('tar', ['--format=ustar', '-cf', tarball, '-C', pgdata, '.']);
    return { engine: 'embedded', dataDir: pgdata, tarball, admin };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The URL of another database on the server adminUrl points at. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One statement on a connection of its own: CREATE and DROP DATABASE may not run inside a pool's transaction. */
export async function adminQuery(adminUrl: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await admin.query(sql, params);
  } finally {
    await admin.end();
  }
}
