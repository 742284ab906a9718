import type { Queryable } from '../../../core/db.js';

/** SQL on registry_imports and their per-cell errors and unmatched addresses. */

type R<T> = T & Record<string, unknown>;

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
}

const IMPORT_COLUMNS = `id::int AS id, file_name AS "fileName", file_key AS "fileKey", mode, status, total_rows AS "totalRows",
  processed_rows AS "processedRows", imported_rows AS "importedRows", duplicate_rows AS "duplicateRows",
  error_rows AS "errorRows", unmatched_rows AS "unmatchedRows", created_by::int AS "createdBy", scope_path::text AS "scopePath"`;

export async function insertImport(
  db: Queryable,
  i: { fileName: string; fileKey: string; mode: string; createdBy: number; scopePath: string },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO registry_imports (file_name, file_key, mode, status, created_by, scope_path)
     VALUES ($1, $2, $3, 'checking', $4, $5::ltree) RETURNING id::int AS id`,
    [i.fileName, i.fileKey, i.mode, i.createdBy, i.scopePath],
  );
  return row?.id as number;
}

export async function getImport(db: Queryable, id: number): Promise<ImportRecord | undefined> {
  const [row] = await db.query<R<ImportRecord>>(`SELECT ${IMPORT_COLUMNS} FROM registry_imports WHERE id = $1`, [id]);
  return row;
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
  await db.query(
    `UPDATE registry_imports SET status = coalesce($2, status), total_rows = coalesce($3, total_rows),
       processed_rows = coalesce($4, processed_rows), imported_rows = coalesce($5, imported_rows),
       duplicate_rows = coalesce($6, duplicate_rows), error_rows = coalesce($7, error_rows),
       unmatched_rows = coalesce($8, unmatched_rows),
       finished_at = CASE WHEN $2 IN ('done', 'rejected', 'failed') THEN now() ELSE finished_at END
     WHERE id = $1`,
    [
      id,
      p.status ?? null,
      p.totalRows ?? null,
      p.processedRows ?? null,
      p.importedRows ?? null,
      p.duplicateRows ?? null,
      p.errorRows ?? null,
      p.unmatchedRows ?? null,
    ],
  );
}

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
  return db.query<{ row: number; column: string; zh: string; en: string }>(
    `SELECT row_number AS row, column_name AS column, message_zh AS zh, message_en AS en
     FROM registry_import_errors WHERE import_id = $1 ORDER BY row_number, column_name`,
    [importId],
  );
}

export async function listUnmatched(db: Queryable, importId: number) {
  return db.query<{ row: number; address: string; name: string }>(
    'SELECT row_number AS row, address, name FROM registry_import_unmatched WHERE import_id = $1 ORDER BY row_number',
    [importId],
  );
}
