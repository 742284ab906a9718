// `npm run bench`: the foundation's figures, each beside its baseline measured in the same run.
//   1. point → grid on 肥城市's 2,076 grids: the in-memory index vs the PostGIS query (PGlite, and the
//      PostgreSQL server when BENCH_DATABASE_URL or DATABASE_URL is set)
//   2. embedded cold start (empty data folder: migrations + demo seed) and warm start (same folder again)
//   3. the case loop on PostgreSQL (scripts/bench-cases.ts)
//   4. the registry on PostgreSQL (scripts/bench-registry.ts)
//   5. smart fire safety on PostgreSQL and Mosquitto (scripts/bench-iot.ts)
//   6. `/me` while a million residents are imported, embedded and on PostgreSQL (scripts/bench-import-live.ts)
// BENCH_ONLY=geo, cases, registry, iot or live runs one part.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrationSources } from '../server/src/app.js';
import { type Db, openEmbedded, openServer } from '../server/src/core/db.js';
import { migrate } from '../server/src/core/migrate.js';
import { createGeoModule, seedGeo } from '../server/src/modules/geo/index.js';
import { createModules } from '../server/src/modules.js';
import { createServerDatabase } from '../server/src/test/support.js';
import { benchCases } from './bench-cases.js';
import { benchImportWhileServing } from './bench-import-live.js';
import { benchIot } from './bench-iot.js';
import { benchRegistry } from './bench-registry.js';

const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 200_000);
const DB_LOOKUPS = Number(process.env.BENCH_DB_LOOKUPS ?? 5_000);
const FEICHENG_BBOX = [116.47, 35.88, 116.99, 36.31] as const;

function points(n: number): [number, number][] {
  let s = 20261127;
  const next = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const [x0, y0, x1, y1] = FEICHENG_BBOX;
  return Array.from({ length: n }, () => [x0 + next() * (x1 - x0), y0 + next() * (y1 - y0)]);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const rows: string[][] = [];
const row = (...cells: (string | number)[]) => {
  rows.push(cells.map(String));
  console.log(cells.join(' | '));
};

async function lookupBench(db: Db, engineLabel: string, concurrency: number) {
  const geo = createGeoModule();
  await migrate(db, migrationSources(createModules()));
  await seedGeo(db, { demoGrids: true, districts: ['370983'] });
  await geo.locator.start(db);
  const pts = points(LOOKUPS);

  let hits = 0;
  for (const [x, y] of pts.slice(0, 5_000)) if (geo.locator.locateCode(x, y)) hits++;
  const t0 = performance.now();
  for (const [x, y] of pts) if (geo.locator.locateCode(x, y)) hits++;
  const memMs = performance.now() - t0;
  row(
    `point→grid, in-memory index (${engineLabel} data, ${geo.locator.size} grids)`,
    `${fmt((LOOKUPS / memMs) * 1000)} lookups/s`,
    `${((memMs * 1000) / LOOKUPS).toFixed(2)} µs/lookup`,
  );

  const dbPts = pts.slice(0, DB_LOOKUPS);
  const sql =
    'SELECT code FROM geo_grids WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY code LIMIT 1';
  let agree = 0;
  const t1 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < dbPts.length) {
        const [x, y] = dbPts[next++] as [number, number];
        const [r] = await db.query<{ code: string }>(sql, [x, y]);
        if (r?.code === geo.locator.locateCode(x, y)) agree++;
        else if (!r && !geo.locator.locateCode(x, y)) agree++;
      }
    }),
  );
  const dbMs = performance.now() - t1;
  row(
    `point→grid, PostGIS query — baseline (${engineLabel}, ${concurrency} concurrent)`,
    `${fmt((DB_LOOKUPS / dbMs) * 1000)} lookups/s`,
    `${((dbMs * 1000) / DB_LOOKUPS).toFixed(1)} µs/lookup`,
  );
  row(`  index and PostGIS agree`, `${agree}/${DB_LOOKUPS}`, `${hits > 0 ? 'ok' : 'no hits!'}`);
}

function startOnce(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = fork(path.join(import.meta.dirname, '../server/src/main.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', MQTT_PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.on('message', (m: { ready?: boolean }) => {
      if (!m.ready) return;
      const ms = performance.now() - started;
      child.once('exit', () => resolve(ms));
      child.kill('SIGTERM');
    });
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`server exited with ${code}`)));
  });
}

async function main() {
  console.log(`Shanzhi bench — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}\n`);
  const only = process.env.BENCH_ONLY;
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!only || only === 'geo') await benchFoundation(serverUrl);
  if (!only || only === 'cases') {
    if (serverUrl) await benchCases(serverUrl, row);
    else row('case intake and queries on PostgreSQL', 'skipped', 'set BENCH_DATABASE_URL=postgres://… to include it');
  }
  if (!only || only === 'registry') {
    if (serverUrl) await benchRegistry(serverUrl, row);
    else
      row('registry import and search on PostgreSQL', 'skipped', 'set BENCH_DATABASE_URL=postgres://… to include it');
  }
  if (!only || only === 'iot') {
    if (serverUrl) await benchIot(serverUrl, row);
    else
      row(
        'fire-safety ingestion on PostgreSQL and Mosquitto',
        'skipped',
        'set BENCH_DATABASE_URL=postgres://… to include it',
      );
  }
  if (!only || only === 'live') {
    await benchImportWhileServing('embedded', undefined, row);
    if (serverUrl) await benchImportWhileServing('server', serverUrl, row);
  }
  console.log('\n| measure | result | per op |\n| --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

async function benchFoundation(serverUrl: string | undefined) {
  const lite = await openEmbedded('memory');
  await lookupBench(lite, 'PGlite', 1);
  await lite.close();

  if (serverUrl) {
    const created = await createServerDatabase(serverUrl, 'shanzhi_bench');
    const server = await openServer(created.url);
    try {
      await lookupBench(server, 'PostgreSQL 15', 8);
    } finally {
      await server.close();
      await created.drop();
    }
  } else {
    row('point→grid on PostgreSQL', 'skipped', 'set BENCH_DATABASE_URL=postgres://… to include it');
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-bench-'));
  try {
    const cold = await startOnce(dir);
    row(
      'embedded cold start (empty data folder: migrations, 3 districts, 5,952 grids, the default demo data)',
      `${fmt(cold)} ms`,
      '',
    );
    const warm = await startOnce(dir);
    row('embedded warm start (same folder)', `${fmt(warm)} ms`, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
