import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationSources } from '../app.js';
import type { CasesTables } from '../modules/cases/db/cases.tables.js';
import { createModules } from '../modules.js';
import { testDatabase } from '../test/support.js';
import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { all, first, int, queryBuilder, run } from './sql.js';
import { generateTableTypes, listedValues, tableTypesFile, typedModules } from './table-types.js';

let db: Db;
let drop: () => Promise<void> = async () => undefined;
let sources: ReturnType<typeof migrationSources>;

beforeAll(async () => {
  // the run's template is migrated already; migrate() finds nothing left to do and checks the checksums
  ({ db, drop } = await testDatabase('none'));
  sources = migrationSources(createModules());
  await migrate(db, sources);
});

afterAll(async () => {
  await drop();
});

describe('table types', () => {
  it('are what the migrations make, for every module that uses typed SQL', async () => {
    const typed = typedModules(sources);
    expect(typed.map((s) => s.module)).toEqual(expect.arrayContaining(['cases', 'registry']));
    for (const source of typed) {
      const file = tableTypesFile(source);
      expect(
        await generateTableTypes(db, source),
        `${file} is out of date with the migrations: run \`npm run db:types\` and commit it`,
      ).toBe(readFileSync(file, 'utf8'));
    }
  });

  it('turn a CHECK listing values into their union, and leave other checks alone', () => {
    expect(listedValues("CHECK ((kind = ANY (ARRAY['photo'::text, 'voice'::text])))")).toEqual(['photo', 'voice']);
    expect(
      listedValues("CHECK (((kind)::text = ANY ((ARRAY['a'::character varying, 'b''s'::character varying])::text[])))"),
    ).toEqual(['a', "b's"]);
    expect(listedValues('CHECK ((respond_hours > 0))')).toBeUndefined();
    expect(listedValues("CHECK ((code ~ '^[A-Z0-9]{2,12}$'::text))")).toBeUndefined();
  });
});

describe('typed SQL', () => {
  const q = queryBuilder<CasesTables>();
  const category = (code: string) =>
    q.insertInto('cases_categories').values({
      code,
      name_zh: '测试',
      name_en: 'Test',
      kind: 'event',
      default_level: 'grid',
      respond_hours: 1,
      handle_workdays: 1,
    });

  it('runs inside our own transactions, so a rollback takes its rows away', async () => {
    await expect(
      db.transaction(async (tx) => {
        await run(tx, category('ZZ01'));
        expect(await first(tx, q.selectFrom('cases_categories').select('code').where('code', '=', 'ZZ01'))).toEqual({
          code: 'ZZ01',
        });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await all(db, q.selectFrom('cases_categories').select('code').where('code', '=', 'ZZ01'))).toEqual([]);
  });

  it('gives int8 as a number on both engines once cast', async () => {
    await run(db, category('ZZ02'));
    const [row] = await all(
      db,
      q
        .insertInto('cases_media')
        .values({ kind: 'photo', mime: 'image/jpeg', bytes: 1, file_key: 'k', uploaded_by: 7 })
        .returning((eb) => [int(eb.ref('id')).as('id'), int(eb.ref('case_id')).as('caseId'), 'uploaded_by']),
    );
    expect(typeof row?.id).toBe('number');
    expect(row?.caseId).toBeNull();
    // uncast, the drivers differ: the types say so (string | number)
    expect(Number(row?.uploaded_by)).toBe(7);
  });

  it('never opens a connection of its own', async () => {
    await expect(q.selectFrom('cases_categories').selectAll().execute()).rejects.toThrow(/core\/db\.ts/);
  });
});
