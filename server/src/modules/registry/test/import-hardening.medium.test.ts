import { setImmediate } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShanzhi, type Shanzhi } from '../../../app.js';
import { checkCharacter } from '../../../core/id-number.js';
import { squareAround, startTestApp, type TestApp } from '../../../test/support.js';
import { xlsxBomb } from '../../../test/xlsx-bomb.js';

/**
 * Imports against hostile files and faults: a zip bomb is refused at the door, a large import leaves the database to
 * other requests between its chunks, and an import a crash interrupted is failed at the next start and its starter
 * told.
 */
let t: TestApp;
let restarted: Shanzhi | undefined;
let staff: string;
let staffId: number;
const ADDRESS = '老城街道南关社区 8 栋';
const HEAD = '姓名,身份证号,手机号,楼栋地址,单元,房号,户籍类型,标签';

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  staff = await t.userCookie('community_staff', '370983002001', 'import.hard');
  staffId = (await t.app.inject({ url: '/api/identity/me', headers: { cookie: staff } })).json().user.id;
  const grids = await t.app.inject({ url: '/api/geo/regions/370983002001/grids', headers: { cookie: t.adminCookie } });
  const code = grids.json().features[0].properties.code;
  const [x, y] = (await t.app.inject({ url: `/api/geo/grids/${code}`, headers: { cookie: t.adminCookie } })).json().grid
    .centroid;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/registry/buildings',
    headers: { cookie: staff },
    payload: { name: '8 栋', address: ADDRESS, footprint: squareAround([x, y]), floors: 18 },
  });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => {
  await restarted?.close();
  await t?.stop();
});

function upload(bytes: Buffer, filename: string, lang = 'zh-CN') {
  const boundary = '----shanzhi-hardening';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return t.app.inject({
    method: 'POST',
    url: '/api/registry/imports',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'accept-language': lang,
      cookie: staff,
    },
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

const count = async (table: string) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n ?? 0;

/** The most memory the process held (heap and buffers) while `work` ran, above what it held before. */
async function memoryGrowth(work: () => Promise<unknown>): Promise<number> {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, used());
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, used()) - before;
}

describe('a spreadsheet built to exhaust memory', () => {
  it('is refused before it is kept when its shared strings say they unpack to a gigabyte', async () => {
    const bomb = xlsxBomb({ unpackedMb: 1024 });
    const imports = await count('registry_imports');
    let res: Awaited<ReturnType<typeof upload>> | undefined;
    const growth = await memoryGrowth(async () => {
      res = await upload(bomb, '实有人口.xlsx');
    });
    expect(res?.statusCode, res?.body).toBe(413);
    expect(res?.json().error).toMatchObject({
      code: 'spreadsheet.unpacks_too_large',
      field: 'file',
      message: expect.stringContaining('“实有人口.xlsx”'),
    });
    expect(growth).toBeLessThan(100 * 1024 * 1024);
    expect(await count('registry_imports')).toBe(imports);
  });

  it('is refused, in the caller’s language, when it hides a gigabyte behind a declared four kilobytes', async () => {
    const liar = xlsxBomb({ unpackedMb: 1024, lie: true });
    let res: Awaited<ReturnType<typeof upload>> | undefined;
    const growth = await memoryGrowth(async () => {
      res = await upload(liar, 'people.xlsx', 'en');
    });
    expect(res?.statusCode, res?.body).toBe(400);
    expect(res?.json().error).toMatchObject({
      code: 'spreadsheet.unreadable',
      field: 'file',
      message: expect.stringContaining('"people.xlsx" cannot be read'),
    });
    expect(growth).toBeLessThan(100 * 1024 * 1024);
  });

  it('is refused by its size alone above what a street’s residents need', async () => {
    const res = await upload(Buffer.alloc(41 * 1024 * 1024, 'a'), 'huge.csv');
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error).toMatchObject({
      code: 'spreadsheet.file_too_large',
      message: expect.stringContaining('“huge.csv”超过 40 MB'),
    });
  });
});

const id = (i: number) => {
  const day = new Date(Date.UTC(1950, 0, 1) + Math.floor(i / 900) * 86_400_000).toISOString().slice(0, 10);
  const first17 = `370983${day.replaceAll('-', '')}${String(100 + (i % 900)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
};

describe('a large import', () => {
  it('lets other requests through while it writes, chunk by chunk, and ends with every row', async () => {
    const N = 12_000;
    const csv = [
      HEAD,
      ...Array.from({ length: N }, (_, i) => `居民${i},${id(i)},,${ADDRESS},1,${100 + (i % 60)},本地,`),
    ];
    const people = await count('registry_people');
    const res = await upload(Buffer.from(csv.join('\n')), 'large.csv');
    expect(res.statusCode, res.body).toBe(202);
    const job = () =>
      t.app.inject({ url: `/api/registry/imports/${res.json().id}`, headers: { cookie: staff } }).then((r) => r.json());

    // the first chunk is committed, and counted, while the rest is still to write
    let seen = await job();
    while (seen.status === 'checking' || (seen.status === 'importing' && seen.importedRows === 0)) {
      // a turn of the event loop for the import's file reads: these requests alone would never give it one
      await setImmediate();
      seen = await job();
    }
    expect(seen).toMatchObject({ status: 'importing', totalRows: N });
    const me = await t.app.inject({ url: '/api/identity/me', headers: { cookie: staff } });
    expect(me.statusCode).toBe(200);
    // the answer came while the import was still writing: not every row was in yet
    expect(await count('registry_people')).toBeLessThan(people + N);

    await expect.poll(async () => (await job()).status).toBe('done');
    expect(await job()).toMatchObject({ importedRows: N, duplicateRows: 0, processedRows: N, failureReason: null });
    expect(await count('registry_people')).toBe(people + N);
  });
});

describe('an import a crash left unfinished', () => {
  it('is failed with the reason at the next start, and whoever started it is told', async () => {
    const [row] = await t.db.query<{ id: number }>(
      `INSERT INTO registry_imports (file_name, file_key, mode, status, imported_rows, created_by, scope_path, updated_at)
       VALUES ('街道人口.xlsx', 'gone', 'all_or_nothing', 'importing', 3000, $1, '37', now() - interval '1 hour')
       RETURNING id::int AS id`,
      [staffId],
    );
    const importId = row?.id as number;
    // the process stops; another starts on the same database
    await t.close();
    restarted = await createShanzhi(t.ctx.config, { db: t.db, serveWeb: false });
    const call = (url: string, lang = 'zh-CN') =>
      (restarted as Shanzhi).app.inject({ url, headers: { cookie: staff, 'accept-language': lang } });

    const job = (await call(`/api/registry/imports/${importId}`)).json();
    expect(job).toMatchObject({
      status: 'failed',
      importedRows: 3000,
      failureReason: expect.stringContaining('服务重启，导入中断；已写入的 3000 人保留'),
    });
    expect((await call(`/api/registry/imports/${importId}`, 'en')).json().failureReason).toContain(
      'The server restarted during the import',
    );
    const told = async () =>
      (await call('/api/notify/messages'))
        .json()
        .items.filter((m: { subject: string }) => m.subject === `import:${importId}`);
    await expect.poll(async () => (await told()).length).toBe(1);
    expect((await told())[0].titleZh).toContain('导入“街道人口.xlsx”失败：服务重启');
  });
});
