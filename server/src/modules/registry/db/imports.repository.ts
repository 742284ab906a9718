import { sql } from 'kysely';
import type { Queryable } from '../../../core/db.js';
import { all, first, int, queryBuilder, run } from '../../../core/sql.js';
import type { RegistryTables } from './registry.tables.js';

/**
 * SQL on registry_imports and their per-cell errors and unmatched addresses. The errors and unmatched rows of a
 * batch go in as column arrays (raw unnest, one statement however many); the rest goes through the typed builder.
 */

const q = queryBuilder<RegistryTables>();

export interface ImportRecord {
  id: number;
  fileName: string;
  fileKey: string;
  mode: 'all_or_nothing' | 'valid_only';
  status: 'checking' | 'importing' | 'done' | 'rejected' | 'failed';
  totalRows: number;
  processedRows: number;
  importedRows: number;
  duplicateRows: number;
  errorRows: number;
  unmatchedRows: number;
  createdBy: number;
  scopePath: string;
  /** Why a failed import stopped, in both languages. */
  failureZh: string | null;
  failureEn: string | null;
}

const IMPORT_COLUMNS = [
  'file_name as fileName',
  'file_key as fileKey',
  'mode',
  'status',
  'total_rows as totalRows',
  'processed_rows as processedRows',
  'imported_rows as importedRows',
  'duplicate_rows as duplicateRows',
  'error_rows as errorRows',
  'unmatched_rows as unmatchedRows',
  'scope_path as scopePath',
  'failure_zh as failureZh',
  'failure_en as failureEn',
] as const;

export async function insertImport(
  db: Queryable,
  i: { fileName: string; fileKey: string; mode: ImportRecord['mode']; createdBy: number; scopePath: string },
): Promise<number> {
  const row = await first(
    db,
    q
      .insertInto('registry_imports')
      .values({
        file_name: i.fileName,
        file_key: i.fileKey,
        mode: i.mode,
        status: 'checking',
        created_by: i.createdBy,
        scope_path: i.scopePath,
      })
      .returning((eb) => int(eb.ref('id')).as('id')),
  );
  return row?.id as number;
}

export async function getImport(db: Queryable, id: number): Promise<ImportRecord | undefined> {
  return first(
    db,
    q
      .selectFrom('registry_imports')
      .select((eb) => [int(eb.ref('id')).as('id'), ...IMPORT_COLUMNS, int(eb.ref('created_by')).as('createdBy')])
      .where('id', '=', id),
  );
}

export async function updateImport(
  db: Queryable,
  id: number,
  p: Partial<
    Pick<
      ImportRecord,
      'status' | 'totalRows' | 'processedRows' | 'importedRows' | 'duplicateRows' | 'errorRows' | 'unmatchedRows'
    >
  >,
): Promise<void> {
  // what the patch leaves out (or gives as undefined) stays as it is
  const set = {
    status: p.status,
    total_rows: p.totalRows,
    processed_rows: p.processedRows,
    imported_rows: p.importedRows,
    duplicate_rows: p.duplicateRows,
    error_rows: p.errorRows,
    unmatched_rows: p.unmatchedRows,
    finished_at: p.status && ['done', 'rejected', 'failed'].includes(p.status) ? sql<Date>`now()` : undefined,
  };
  if (Object.values(set).every((v) => v === undefined)) return;
  // every write is a sign of life: an import nobody writes to for long was left behind by a crash
  await run(
    db,
    q
      .updateTable('registry_imports')
      .set({ ...set, updated_at: sql<Date>`now()` })
      .where('id', '=', id),
  );
}

/**
 * Fails an import that is still checking or importing, with the reason; `ifQuietFor` fails it only if nothing has
 * written to it for that many seconds (another instance may be moving it). Undefined when it had ended or moved.
 */
export async function failImport(
  db: Queryable,
  id: number,
  reason: { zh: string; en: string },
  ifQuietFor?: number,
): Promise<{ fileName: string; createdBy: number; importedRows: number } | undefined> {
  let update = q
    .updateTable('registry_imports')
    .set({
      status: 'failed',
      failure_zh: reason.zh,
      failure_en: reason.en,
      finished_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('status', 'in', ['checking', 'importing']);
  if (ifQuietFor !== undefined) update = update.where('updated_at', '<=', quietSince(ifQuietFor));
  return first(
    db,
    update.returning((eb) => [
      'file_name as fileName',
      int(eb.ref('created_by')).as('createdBy'),
      'imported_rows as importedRows',
    ]),
  );
}

/** Imports still checking or importing that nothing has written to for `quietSeconds`. */
export async function unfinishedImports(
  db: Queryable,
  quietSeconds: number,
): Promise<{ id: number; status: ImportRecord['status'] }[]> {
  return all(
    db,
    q
      .selectFrom('registry_imports')
      .select((eb) => [int(eb.ref('id')).as('id'), 'status'])
      .where('status', 'in', ['checking', 'importing'])
      .where('updated_at', '<=', quietSince(quietSeconds))
      .orderBy('id'),
  );
}

const quietSince = (seconds: number) => sql<Date>`now() - make_interval(secs => ${seconds})`;

export async function insertImportErrors(
  db: Queryable,
  importId: number,
  errors: { row: number; column: string; zh: string; en: string }[],
): Promise<void> {
  if (!errors.length) return;
  await db.query(
    `INSERT INTO registry_import_errors (import_id, row_number, column_name, message_zh, message_en)
     SELECT $1, r, c, z, e FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS t(r, c, z, e)`,
    [importId, errors.map((e) => e.row), errors.map((e) => e.column), errors.map((e) => e.zh), errors.map((e) => e.en)],
  );
}

export async function insertUnmatched(
  db: Queryable,
  importId: number,
  rows: { row: number; address: string; name: string }[],
) {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO registry_import_unmatched (import_id, row_number, address, name)
     SELECT $1, r, a, n FROM unnest($2::int[], $3::text[], $4::text[]) AS t(r, a, n)`,
    [importId, rows.map((r) => r.row), rows.map((r) => r.address), rows.map((r) => r.name)],
  );
}

export async function listImportErrors(db: Queryable, importId: number) {
  return all(
    db,
    q
      .selectFrom('registry_import_errors')
      .select(['row_number as row', 'column_name as column', 'message_zh as zh', 'message_en as en'])
      .where('import_id', '=', importId)
      .orderBy('row_number')
      .orderBy('column_name'),
  );
}

export async function listUnmatched(db: Queryable, importId: number) {
  return all(
    db,
    q
      .selectFrom('registry_import_unmatched')
      .select(['row_number as row', 'address', 'name'])
      .where('import_id', '=', importId)
      .orderBy('row_number'),
  );
}
