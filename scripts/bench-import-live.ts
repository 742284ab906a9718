// Is the server still answering while it imports a million residents? (issue 13) On one engine, in a server process
// started the way `npm start` runs it: `GET /api/identity/me` is timed back to back while nothing else happens (the
// baseline, same run), then again while 1,000,000 residents go in through the real upload route as five files of
// 200,000 rows (the route's own limit), one after another.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkCharacter } from '../server/src/core/id-number.js';
import { createServerDatabase, squareAround } from '../server/src/test/support.js';
import { adminSession, okJson, postJson, startServerProcess } from '../tests/support/server-process.js';

const ROWS = Number(process.env.BENCH_LIVE_ROWS ?? 1_000_000);
const PER_FILE = 200_000;
const BUILDINGS = 50;
const IDLE_SECONDS = 10;
const HEAD = '姓名,身份证号,手机号,楼栋地址,单元,房号,户籍类型,标签';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] as number;

/** The i-th of a million distinct valid ID numbers of 肥城市 residents: a birth date per row modulo 29,000 days. */
function idNumber(i: number) {
  const birth = new Date(Date.UTC(1940, 0, 1) + (i % 29_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `370983${birth}${String(Math.floor(i / 29_000) % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

function residentsCsv(from: number, to: number, address: (i: number) => string) {
  const lines = [HEAD];
  for (let i = from; i < to; i++) {
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`;
    const tags = i % 11 === 0 ? '独居' : i % 17 === 0 ? '党员' : '';
    lines.push(
      `${name},${idNumber(i)},139${String(i).padStart(8, '0')},${address(i)},${(i % 4) + 1},${(i % 30) + 1}0${(i % 4) + 1},${i % 3 ? '流动' : '本地'},${tags}`,
    );
  }
  return lines.join('\n');
}

/** `/me` back to back until `until` settles: one request in flight at a time, as one person's open page would ask. */
async function sampleMe(base: string, cookie: string, until: Promise<unknown>) {
  const xs: number[] = [];
  let done = false;
  until.finally(() => {
    done = true;
  });
  while (!done) {
    const s = performance.now();
    const res = await fetch(`${base}/api/identity/me`, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/me answered ${res.status}`);
    xs.push(performance.now() - s);
    await new Promise((r) => setTimeout(r, 20));
  }
  return xs;
}

export async function benchImportWhileServing(
  engine: 'embedded' | 'server',
  serverUrl: string | undefined,
  row: (...cells: (string | number)[]) => void,
) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-bench-live-'));
  const created = engine === 'server' ? await createServerDatabase(serverUrl as string, 'shanzhi_bench_live') : null;
  const server = await startServerProcess({
    ...(created ? { DATABASE_URL: created.url } : {}),
    DEMO_DATA: 'grids',
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('base64'),
    DATA_KEY: randomBytes(32).toString('base64'),
    ESCALATION_INTERVAL_SECONDS: '0',
  });
  try {
    const cookie = await adminSession(server, 'Bench-Live-Pass-2026');
    const get = async (url: string) => okJson(await fetch(`${server.base}${url}`, { headers: { cookie } }));
    const grids = await get('/api/geo/regions/370983002001/grids');
    const grid = await get(`/api/geo/grids/${grids.features[0].properties.code}`);
    const addresses: string[] = [];
    for (let b = 1; b <= BUILDINGS; b++) {
      const address = `老城街道南关社区 ${b} 栋`;
      await okJson(
        await postJson(
          server.base,
          '/api/registry/buildings',
          { name: `${b} 栋`, address, footprint: squareAround(grid.grid.centroid), floors: 30 },
          { cookie },
        ),
      );
      addresses.push(address);
    }

    const idle = await sampleMe(server.base, cookie, new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000)));

    let imported = 0;
    const t0 = performance.now();
    const importing = (async () => {
      for (let from = 0; from < ROWS; from += PER_FILE) {
        const csv = residentsCsv(from, Math.min(ROWS, from + PER_FILE), (i) => addresses[i % BUILDINGS] as string);
        const form = new FormData();
        form.append('file', new Blob([csv], { type: 'text/csv' }), `人口-${from / PER_FILE + 1}.csv`);
        const res = await fetch(`${server.base}/api/registry/imports`, {
          method: 'POST',
          headers: { cookie },
          body: form,
        });
        if (res.status !== 202) throw new Error(`import answered ${res.status} ${await res.text()}`);
        const { id } = (await res.json()) as { id: number };
        for (;;) {
          const job = await get(`/api/registry/imports/${id}`);
          if (job.status === 'done') {
            imported += job.importedRows;
            break;
          }
          if (job.status !== 'checking' && job.status !== 'importing')
            throw new Error(`import ${id} ended ${job.status}: ${job.failureReason}`);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    })();
    const busy = await sampleMe(server.base, cookie, importing);
    await importing;
    const seconds = (performance.now() - t0) / 1000;

    const label = engine === 'embedded' ? 'embedded engine (PGlite, one connection)' : 'PostgreSQL server';
    row(
      `${label}: import ${fmt(ROWS)} residents through the upload route (${Math.ceil(ROWS / PER_FILE)} files)`,
      `${fmt(imported / seconds)} rows/s`,
      `${fmt(seconds)} s, ${fmt(imported)} people written`,
    );
    row(
      `  GET /api/identity/me while importing (${fmt(busy.length)} requests)`,
      `p50 ${pct(busy, 50).toFixed(1)} ms`,
      `p99 ${pct(busy, 99).toFixed(1)} ms, max ${Math.max(...busy).toFixed(0)} ms`,
    );
    row(
      `  baseline: GET /api/identity/me with nothing else running (${fmt(idle.length)} requests)`,
      `p50 ${pct(idle, 50).toFixed(1)} ms`,
      `p99 ${pct(idle, 99).toFixed(1)} ms, max ${Math.max(...idle).toFixed(0)} ms`,
    );
  } finally {
    await server.stop();
    await created?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
