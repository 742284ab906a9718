// The registry's figures (issue 4), on PostgreSQL, beside baselines from the same run:
//   0. the demo district at 雨花台区's size (DEMO_SCALE=district): residents/s, and search at that size
//   1. import of a 1,000,000-row residents CSV: rows/s and peak memory, beside COPY of the same rows
//   2. search at 1,000,000 people: p50/p99 for name, exact ID number and tag
//   3. the map layer of all buildings of a street: response size and time
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrationSources } from '../server/src/app.js';
import { PersonalDataCipher } from '../server/src/core/crypto.js';
import { openServer, type Queryable } from '../server/src/core/db.js';
import { FileStore } from '../server/src/core/files.js';
import { checkCharacter } from '../server/src/core/id-number.js';
import { migrate } from '../server/src/core/migrate.js';
import { createGeoModule, seedGeo } from '../server/src/modules/geo/index.js';
import { runImport } from '../server/src/modules/registry/commands/import-people.js';
import { DEMO_SCALES, seedDemoRegistry } from '../server/src/modules/registry/commands/seed-demo-registry.js';
import { buildingAddresses, buildingsGeoJson } from '../server/src/modules/registry/db/buildings.repository.js';
import { insertImport } from '../server/src/modules/registry/db/imports.repository.js';
import { searchPeople } from '../server/src/modules/registry/db/people.repository.js';
import { createModules } from '../server/src/modules.js';
import { createServerDatabase } from '../server/src/test/support.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const RUNS = 30;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] as number;

async function writeCsv(file: string, addresses: string[]) {
  const out = createWriteStream(file);
  const write = (s: string) => new Promise<void>((r) => (out.write(s) ? r() : out.once('drain', () => r())));
  await write('姓名,身份证号,手机号,楼栋地址,单元,房号,户籍类型,标签\n');
  const day0 = Date.UTC(1940, 0, 1);
  for (let i = 0; i < PEOPLE; i++) {
    const birth = new Date(day0 + (i % 29_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `320114${birth}${String(Math.floor(i / 29_000) % 1000).padStart(3, '0')}`;
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`;
    const phone = `139${String(i).padStart(8, '0')}`;
    const tags = i % 11 === 0 ? '独居' : i % 17 === 0 ? '党员' : '';
    await write(
      `${name},${first17}${checkCharacter(first17)},${phone},${addresses[i % addresses.length]},1,${(i % 30) + 1}01,${i % 3 ? '流动' : '本地'},${tags}\n`,
    );
  }
  await new Promise<void>((r) => out.end(r));
}

/** Name, exact ID and tag search over everyone in the table; the ID searched is one of theirs. */
async function searches(
  db: Queryable,
  cipher: PersonalDataCipher,
  n: number,
  row: (...cells: (string | number)[]) => void,
  sampleId?: string,
) {
  const idHash = sampleId
    ? cipher.searchHash(sampleId)
    : ((await db.query<{ h: string }>('SELECT id_number_hash AS h FROM registry_people ORDER BY id DESC LIMIT 1'))[0]
        ?.h as string);
  const timed = async (label: string, q: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await q();
      xs.push(performance.now() - s);
    }
    row(`search at ${fmt(n)} people: ${label}`, `p50 ${pct(xs, 50).toFixed(1)} ms`, `p99 ${pct(xs, 99).toFixed(1)} ms`);
  };
  await timed('name, fuzzy (王秀)', () => searchPeople(db, { scope: '', name: '王秀', limit: 50, offset: 0 }));
  await timed('ID number, exact via keyed hash', () =>
    searchPeople(db, { scope: '', idNumberHash: [idHash], limit: 50, offset: 0 }),
  );
  await timed('tag 独居 (living alone), first 50', () =>
    searchPeople(db, { scope: '', tag: 'living_alone', limit: 50, offset: 0 }),
  );
}

export async function benchRegistry(serverUrl: string, row: (...cells: (string | number)[]) => void) {
  const created = await createServerDatabase(serverUrl, 'shanzhi_bench_registry');
  const db = await openServer(created.url);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-bench-registry-'));
  try {
    const geo = createGeoModule();
    await migrate(db, migrationSources(createModules()));
    await seedGeo(db, { demoGrids: true, districts: ['320114'] });
    await geo.locator.start(db);
    const cipher = PersonalDataCipher.single(Buffer.alloc(32, 7));
    const files = new FileStore(path.join(dir, 'files'));
    const ts = performance.now();
    const seeded = await seedDemoRegistry(
      { db, cipher },
      { districtCode: '320114', seed: 'bench', ...DEMO_SCALES.district },
    );
    const seedSeconds = (performance.now() - ts) / 1000;
    const [affordable] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM registry_people p JOIN registry_households h ON h.id = p.household_id
       JOIN registry_buildings b ON b.id = h.building_id WHERE b.affordable_type IS NOT NULL`,
    );
    row(
      `demo district at 雨花台区 size (DEMO_SCALE=district): ${fmt(seeded.buildings)} buildings`,
      `${fmt(seeded.people / seedSeconds)} residents/s`,
      `${fmt(seeded.people)} residents (${fmt(affordable?.n ?? 0)} in affordable housing) in ${fmt(seedSeconds)} s`,
    );
    await db.exec('ANALYZE registry_people; ANALYZE registry_person_tags');
    await searches(db, cipher, seeded.people, row);
    const addresses = (await buildingAddresses(db, '')).map((b) => b.address);
    const csv = path.join(dir, 'people.csv');
    await writeCsv(csv, addresses);

    await db.exec(
      `CREATE TABLE bench_copy (name text, id_number text, phone text, address text, unit text, room text, residence text, tags text)`,
    );
    const t0 = performance.now();
    execFileSync('psql', [created.url, '-q', '-c', `\\copy bench_copy FROM '${csv}' WITH (FORMAT csv, HEADER true)`]);
    const copySeconds = (performance.now() - t0) / 1000;

    const fileKey = await files.put(readFileSync(csv), '.csv');
    const importId = await insertImport(db, {
      fileName: 'people.csv',
      fileKey,
      mode: 'all_or_nothing',
      createdBy: 1,
      scopePath: '',
    });
    const [before = { last: 0 }] = await db.query<{ last: number }>(
      'SELECT coalesce(max(id), 0)::int AS last FROM registry_people',
    );
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 100);
    const t1 = performance.now();
    // the bench's file is larger than an upload may be: it measures the import, not the door
    await runImport({ db, cipher, files, log: console as never }, importId, 1, {
      maxBytes: Number.POSITIVE_INFINITY,
      maxRows: PEOPLE,
    });
    const importSeconds = (performance.now() - t1) / 1000;
    clearInterval(sampler);
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM registry_people');
    row(
      `import ${fmt(PEOPLE)}-row residents CSV (check + encrypt + write, chunks of 1,000 rows)`,
      `${fmt(PEOPLE / importSeconds)} rows/s`,
      `${fmt(importSeconds)} s, peak RSS ${fmt(peak / 1e6)} MB, ${fmt(n)} people in the table`,
    );
    row(
      `  baseline: COPY of the same rows into a plain table (psql \\copy)`,
      `${fmt(PEOPLE / copySeconds)} rows/s`,
      `${copySeconds.toFixed(1)} s`,
    );

    // the floor for the database alone: the same people, sealed already, copied into a twin of the table that
    // holds the district first and keeps every index the registry searches by
    const sealed = path.join(dir, 'sealed.csv');
    await db.exec(`CREATE TABLE bench_people (LIKE registry_people INCLUDING ALL);
      INSERT INTO bench_people SELECT * FROM registry_people WHERE id <= ${before.last}`);
    execFileSync('psql', [
      created.url,
      '-q',
      '-c',
      `\\copy (SELECT * FROM registry_people WHERE id > ${before.last}) TO '${sealed}' WITH (FORMAT csv)`,
    ]);
    const t3 = performance.now();
    execFileSync('psql', [created.url, '-q', '-c', `\\copy bench_people FROM '${sealed}' WITH (FORMAT csv)`]);
    const sealedSeconds = (performance.now() - t3) / 1000;
    row(
      `  baseline: COPY of the imported people, already sealed, into a twin of the table (same indexes, the district in it)`,
      `${fmt((n - seeded.people) / sealedSeconds)} rows/s`,
      `${sealedSeconds.toFixed(1)} s`,
    );

    await db.exec('ANALYZE registry_people; ANALYZE registry_person_tags');
    await searches(db, cipher, n, row, readFileSync(csv, 'utf8').split('\n', 3)[2]?.split(',')[1] as string);

    const street = '32.3201.320114.320114001';
    const t2 = performance.now();
    const layer = JSON.stringify(await buildingsGeoJson(db, '', street, 50_000));
    row(
      `map layer: all buildings of 雨花街道 as GeoJSON`,
      `${fmt(performance.now() - t2)} ms`,
      `${fmt(layer.length / 1024)} KiB, ${(layer.match(/"Feature"/g) ?? []).length} buildings`,
    );
  } finally {
    await db.close();
    await created.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
