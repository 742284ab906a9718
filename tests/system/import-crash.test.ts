import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../server/src/core/id-number.js';
import { squareAround } from '../../server/src/test/support.js';
import {
  adminSession,
  okJson,
  postJson,
  restartableServer,
  type ServerProcess,
  startServerProcess,
} from '../support/server-process.js';

/**
 * Kill -9 the server while it writes an accepted residents import; restart it. Every person the import had counted
 * as written is still there, importing the same file again completes it without a second copy of anyone, and on the
 * embedded engine (one process, so nobody else can be writing it) the interrupted import is failed with its reason
 * and its starter told. Runs on the embedded engine, or on PostgreSQL when DATABASE_URL is set.
 */
const ROWS = 20_000;
const ADDRESS = '老城街道南关社区 18 栋';
const HEAD = '姓名,身份证号,手机号,楼栋地址,单元,房号,户籍类型,标签';
/** The i-th of distinct valid ID numbers: a thousand per birth date, a birth date per thousand rows. */
const id = (i: number) => {
  const day = Math.floor(i / 1000);
  const first17 = `370983${1950 + (day % 50)}${String(1 + (Math.floor(day / 50) % 12)).padStart(2, '0')}01${String(i % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
};

let setup: Awaited<ReturnType<typeof restartableServer>>;
let server: ServerProcess | undefined;

beforeAll(async () => {
  setup = await restartableServer('shanzhi_import_crash');
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  await setup?.cleanUp();
});

interface Job {
  status: string;
  importedRows: number;
  duplicateRows: number;
  failureReason: string | null;
}

describe('a crash in the middle of writing a residents import', () => {
  it('keeps every person it counted as written, and the same file again completes it once', async () => {
    server = await startServerProcess(setup.env);
    const cookie = await adminSession(server, 'Import-Crash-Pass-2026', setup.admin);
    const get = async (s: ServerProcess, url: string) =>
      okJson(await fetch(`${s.base}${url}`, { headers: { cookie } }));
    const grids = await get(server, '/api/geo/regions/370983002001/grids');
    const grid = await get(server, `/api/geo/grids/${grids.features[0].properties.code}`);
    await okJson(
      await postJson(
        server.base,
        '/api/registry/buildings',
        { name: '18 栋', address: ADDRESS, footprint: squareAround(grid.grid.centroid), floors: 30 },
        { cookie },
      ),
    );
    const rows = Array.from({ length: ROWS }, (_, i) => `居民${i},${id(i)},,${ADDRESS},1,${100 + (i % 90)},本地,`);
    const file = [HEAD, ...rows].join('\n');
    const upload = async (s: ServerProcess) => {
      const form = new FormData();
      form.append('file', new Blob([file], { type: 'text/csv' }), '人口.csv');
      const res = await fetch(`${s.base}/api/registry/imports`, { method: 'POST', headers: { cookie }, body: form });
      expect(res.status).toBe(202);
      return ((await res.json()) as { id: number }).id;
    };

    const first = await upload(server);
    let seen: Job = await get(server, `/api/registry/imports/${first}`);
    while (seen.status === 'checking' || (seen.status === 'importing' && seen.importedRows === 0)) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await get(server, `/api/registry/imports/${first}`);
    }
    await server.stop('SIGKILL');
    // it was killed while writing: some chunks in, not all
    expect(seen.status).toBe('importing');
    expect(seen.importedRows).toBeGreaterThan(0);
    expect(seen.importedRows).toBeLessThan(ROWS);

    server = await startServerProcess(setup.env);
    const after = server;
    const interrupted: Job = await get(after, `/api/registry/imports/${first}`);
    // what it had counted as written is there; a chunk may have committed after the last look
    expect(interrupted.importedRows).toBeGreaterThanOrEqual(seen.importedRows);
    if (!setup.env.DATABASE_URL) {
      expect(interrupted.status).toBe('failed');
      expect(interrupted.failureReason).toContain('服务重启');
      const messages = await get(after, '/api/notify/messages');
      expect(messages.items.some((m: { subject: string }) => m.subject === `import:${first}`)).toBe(true);
    }

    const again = await upload(after);
    let done: Job = await get(after, `/api/registry/imports/${again}`);
    while (done.status === 'checking' || done.status === 'importing') {
      await new Promise((r) => setTimeout(r, 200));
      done = await get(after, `/api/registry/imports/${again}`);
    }
    expect(done.status).toBe('done');
    // everyone written before the crash is found again, the rest written now: no one lost, no one twice
    expect(done.duplicateRows).toBe(interrupted.importedRows);
    expect(done.importedRows + done.duplicateRows).toBe(ROWS);
  });
});
