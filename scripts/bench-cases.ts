// The case loop's figures (issue 3), on PostgreSQL, each beside its baseline from the same run:
//   1. case intake over HTTP at 200 concurrent clients vs plain INSERTs of the same rows by 200 concurrent writers
//   2. inbox and KPI queries with 1,000,000 cases in the database: p50/p99
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createServerDatabase } from '../server/src/test/support.js';
import { startServerProcess } from '../tests/support/server-process.js';

const CLIENTS = 200;
const INTAKE = Number(process.env.BENCH_INTAKE ?? 10_000);
const BULK = Number(process.env.BENCH_CASES ?? 1_000_000);
const QUERY_RUNS = 40;
// PostgreSQL here allows 100 connections: the baseline's 200 writers share 60 of them, the server's 200 clients its pool of 20
const BASELINE_CONNECTIONS = 60;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};

async function runConcurrent(total: number, clients: number, one: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const s = performance.now();
        await one(i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { perSecond: total / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

async function json(res: Response) {
  const body = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function apiToken(base: string, admin: { username: string; oneTimePassword: string }) {
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const cookie = String(
    (await post('/api/identity/sessions', { username: admin.username, password: admin.oneTimePassword })).headers.get(
      'set-cookie',
    ),
  ).split(';')[0] as string;
  await post(
    '/api/identity/password',
    { currentPassword: admin.oneTimePassword, newPassword: 'Bench-Boss-Pass-2026' },
    { cookie },
  );
  return (
    await json(
      await post('/api/identity/tokens', { username: 'admin', password: 'Bench-Boss-Pass-2026', name: 'bench' }),
    )
  ).token as string;
}

export async function benchCases(serverUrl: string, row: (...cells: (string | number)[]) => void) {
  const created = await createServerDatabase(serverUrl, 'shanzhi_bench_cases');
  const url = new URL(created.url);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-bench-'));
  const server = await startServerProcess({
    DATABASE_URL: url.toString(),
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('base64'),
    DATA_KEY: randomBytes(32).toString('base64'),
    ESCALATION_INTERVAL_SECONDS: '0',
  });
  const pool = new pg.Pool({ connectionString: url.toString(), max: BASELINE_CONNECTIONS });
  try {
    const token = await apiToken(server.base, server.admin as { username: string; oneTimePassword: string });
    const body = JSON.stringify({
      categoryCode: 'S05',
      description: '楼道堆放杂物，影响通行',
      location: { lng: 116.7712, lat: 36.1791 },
      contact: { phone: '13812345678' },
    });
    await runConcurrent(200, 50, async () => {
      await json(
        await fetch(`${server.base}/api/cases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        }),
      );
    });
    const http = await runConcurrent(INTAKE, CLIENTS, async (i) => {
      const res = await fetch(`${server.base}/api/cases`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': `bench-${i}-${randomBytes(4).toString('hex')}`,
        },
        body,
      });
      if (res.status !== 201) throw new Error(`intake answered ${res.status}`);
      await res.arrayBuffer();
    });
    row(
      `case intake over HTTP, ${CLIENTS} concurrent clients (PostgreSQL, ${INTAKE} reports)`,
      `${fmt(http.perSecond)} req/s`,
      `p50 ${http.p50.toFixed(1)} ms, p99 ${http.p99.toFixed(1)} ms`,
    );

    const [template] = (await pool.query('SELECT * FROM cases_cases ORDER BY id LIMIT 1')).rows;
    const base = await runConcurrent(INTAKE, CLIENTS, async (i) => {
      await pool.query(
        `INSERT INTO cases_cases (number, source, category_code, status, description, address, location, grid_code, grid_path,
           reporter_id, reporter_name, reporter_phone_enc, anonymous)
         VALUES ($1, 'api', $2, 'reported', $3, '', $4, $5, $6, $7, $8, $9, false)`,
        [
          `BASE${i}`,
          template.category_code,
          template.description,
          template.location,
          template.grid_code,
          template.grid_path,
          template.reporter_id,
          template.reporter_name,
          template.reporter_phone_enc,
        ],
      );
    });
    row(
      `  baseline: plain INSERT of the same row, ${CLIENTS} concurrent writers over ${BASELINE_CONNECTIONS} connections`,
      `${fmt(base.perSecond)} rows/s`,
      `p50 ${base.p50.toFixed(1)} ms, p99 ${base.p99.toFixed(1)} ms`,
    );

    const t0 = performance.now();
    await pool.query(
      `INSERT INTO cases_cases (number, source, category_code, status, description, address, location, grid_code, grid_path,
         reporter_id, anonymous, reported_at, accepted_at, due_at, dispatched_at, closed_at, level, assignee_path, rating)
       SELECT 'BULK' || g, 'resident', (ARRAY['S02','S05','E0101','S0301','C0102'])[1 + g % 5],
         (ARRAY['reported','accepted','dispatched','in_progress','closed','rated'])[1 + g % 6], '批量生成的案件', '',
         x.geom, x.code, x.path, $2, false,
         now() - make_interval(days => g % 365), now() - make_interval(days => g % 365),
         now() - make_interval(days => g % 365) + interval '5 days',
         now() - make_interval(days => g % 365), CASE WHEN g % 6 >= 4 THEN now() - make_interval(days => g % 365) + interval '3 days' END,
         'grid', x.path, CASE WHEN g % 6 = 5 THEN 'satisfied' END
       FROM generate_series(1, $1) AS g
       JOIN LATERAL (SELECT grid_code AS code, grid_path AS path, location AS geom FROM cases_cases
                     WHERE id = (SELECT min(id) FROM cases_cases)) x ON true`,
      [BULK, template.reporter_id],
    );
    // the KPIs count ratings from their own table: every rated case's return visit, given when it was closed
    await pool.query(
      `INSERT INTO cases_ratings (case_id, rating, resolved, rated_by, rated_by_kind, rated_at)
       SELECT id, rating, true, reporter_id, 'resident', closed_at FROM cases_cases
       WHERE number LIKE 'BULK%' AND rating IS NOT NULL`,
    );
    await pool.query('ANALYZE cases_cases');
    await pool.query('ANALYZE cases_ratings');
    row(`loaded ${fmt(BULK)} cases (INSERT … SELECT)`, `${fmt((performance.now() - t0) / 1000)} s`, '');

    const district = '370983';
    const street = (template.grid_path as string).split('.').slice(0, 4).at(-1) as string;
    const inbox = await runConcurrent(QUERY_RUNS, 1, async () => {
      await json(
        await fetch(`${server.base}/api/cases?box=to_accept&limit=50`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      );
    });
    row(
      `inbox "to accept", 50 newest of ${fmt(BULK)} cases (HTTP)`,
      `p50 ${inbox.p50.toFixed(1)} ms`,
      `p99 ${inbox.p99.toFixed(1)} ms`,
    );
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const to = new Date().toISOString();
    for (const region of [street, district]) {
      const kpi = await runConcurrent(Math.min(QUERY_RUNS, 10), 1, async () => {
        await json(
          await fetch(`${server.base}/api/cases/kpis?regionCode=${region}&from=${from}&to=${to}`, {
            headers: { authorization: `Bearer ${token}` },
          }),
        );
      });
      row(
        `KPIs for ${region} over 30 days, ${fmt(BULK)} cases (HTTP)`,
        `p50 ${kpi.p50.toFixed(1)} ms`,
        `p99 ${kpi.p99.toFixed(1)} ms`,
      );
    }
  } finally {
    await pool.end();
    await server.stop('SIGTERM');
    await created.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
