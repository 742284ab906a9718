import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import type { ModuleContext } from '../../../core/module.js';
import { readSpreadsheetRows, type SpreadsheetLimits } from '../../../core/spreadsheet.js';
import { buildingAddresses } from '../db/buildings.repository.js';
import { householdIds, insertHouseholds, type NewHousehold } from '../db/households.repository.js';
import {
  getImport,
  insertImport,
  insertImportErrors,
  insertUnmatched,
  updateImport,
} from '../db/imports.repository.js';
import { insertPeople, insertTagsBulk, type NewPerson } from '../db/people.repository.js';
import { type CellError, type ImportRow, normaliseAddress, parseRow } from '../domain/import-row.js';
import { ageTags } from '../domain/tags.js';
import { sealResident } from './register-person.js';

type Ctx = Pick<ModuleContext, 'db' | 'cipher' | 'files' | 'log'>;
/** Bad cells are written in batches of this many; valid rows in batches of WRITE_BATCH. */
const BATCH = 500;
const WRITE_BATCH = 2_000;
/**
 * A street's residents, with room to spare: 200,000 rows are about 32 MB as CSV (a row of Chinese text is about
 * 160 bytes) and less as xlsx. A district imports street by street.
 */
export const IMPORT_LIMITS: SpreadsheetLimits = { maxBytes: 40 * 1024 * 1024, maxRows: 200_000 };
/** Each progress write is a commit of its own: by time, so a fast import does not spend itself on them. */
const PROGRESS_MS = 500;

/** The upload is stored durably first; checking and importing go on in the background with their progress. */
export async function startImport(
  ctx: Ctx,
  actor: Actor,
  file: { name: string; bytes: Buffer },
  mode: 'all_or_nothing' | 'valid_only',
): Promise<number> {
  const fileKey = await ctx.files.put(file.bytes, /\.xlsx$/i.test(file.name) ? '.xlsx' : '.csv');
  const id = await insertImport(ctx.db, {
    fileName: file.name,
    fileKey,
    mode,
    createdBy: actor.id,
    scopePath: actor.scopePath,
  });
  await writeAudit(ctx.db, {
    actorId: actor.id,
    actorName: actor.username,
    action: 'registry.import_started',
    subject: `import:${id}`,
  });
  void runImport(ctx, id, actor.id).catch(async (err) => {
    ctx.log.error({ err, importId: id }, 'import failed');
    await updateImport(ctx.db, id, { status: 'failed' });
  });
  return id;
}

/**
 * Pass 1 reads every row and records what is wrong, cell by cell, and which addresses match no building.
 * Pass 2 writes in one transaction: everything or nothing, or only the valid rows if the user chose so.
 * People already registered (same ID number) are counted as duplicates and left as they are.
 */
export async function runImport(ctx: Ctx, importId: number, actorId: number, limits = IMPORT_LIMITS): Promise<void> {
  const job = await getImport(ctx.db, importId);
  if (!job) return;
  const path = ctx.files.pathOf(job.fileKey);
  const readRows = () => readSpreadsheetRows(path, job.fileName, limits);
  const buildings = new Map(
    (await buildingAddresses(ctx.db, job.scopePath)).map((b) => [normaliseAddress(b.address), b]),
  );
  const seen = new Set<string>();
  const bad = new Set<number>();
  let errors: { row: number; column: string; zh: string; en: string }[] = [];
  let unmatched: { row: number; address: string; name: string }[] = [];
  let total = 0;
  let errorRows = 0;
  let unmatchedRows = 0;
  const flush = async () => {
    await insertImportErrors(ctx.db, importId, errors);
    await insertUnmatched(ctx.db, importId, unmatched);
    errors = [];
    unmatched = [];
  };
  let shown = performance.now();
  const progress = async (db: Queryable, processedRows: number) => {
    if (performance.now() - shown < PROGRESS_MS) return;
    shown = performance.now();
    await updateImport(db, importId, { processedRows });
  };
  for await (const { line, cells } of readRows()) {
    total++;
    const { row, errors: cellErrors } = parseRow(cells);
    const problems: CellError[] = [...cellErrors];
    if (row && seen.has(row.idNumber))
      problems.push({ column: '身份证号', zh: '与文件中前面的行重复', en: 'repeats an earlier row of the file' });
    if (row) seen.add(row.idNumber);
    if (problems.length) {
      errorRows++;
      bad.add(line);
      for (const p of problems) errors.push({ row: line, column: p.column, zh: p.zh, en: p.en });
    } else if (row && !buildings.has(normaliseAddress(row.address))) {
      unmatchedRows++;
      bad.add(line);
      unmatched.push({ row: line, address: row.address, name: row.name });
    }
    if (errors.length + unmatched.length >= BATCH) await flush();
    await progress(ctx.db, total);
  }
  await flush();
  seen.clear();
  await updateImport(ctx.db, importId, { totalRows: total, processedRows: total, errorRows, unmatchedRows });
  if (job.mode === 'all_or_nothing' && errorRows + unmatchedRows > 0) {
    await updateImport(ctx.db, importId, { status: 'rejected' });
    return;
  }

  await updateImport(ctx.db, importId, { status: 'importing', processedRows: 0 });
  let imported = 0;
  let duplicates = 0;
  let processed = 0;
  await ctx.db.transaction(async (tx) => {
    // a server shows progress from another connection; the embedded engine has only this one, busy with the transaction
    const progressDb = ctx.db.engine === 'server' ? ctx.db : tx;
    const households = new Map(
      (await householdIds(tx, [...new Set([...buildings.values()].map((b) => b.id))])).map((h) => [
        `${h.buildingId}|${h.unit}|${h.room}`,
        h.id,
      ]),
    );
    type Prepared = { row: ImportRow; person: NewPerson; household: NewHousehold }[];
    let batch: Prepared = [];
    const keyOf = (h: { buildingId: number; unit: string; room: string }) => `${h.buildingId}|${h.unit}|${h.room}`;
    const write = async (batch: Prepared) => {
      // the batch's new households in one statement, then each person pointed at theirs
      const fresh = new Map(
        batch.filter((b) => !households.has(keyOf(b.household))).map((b) => [keyOf(b.household), b]),
      );
      for (const h of await insertHouseholds(
        tx,
        [...fresh.values()].map((b) => b.household),
      )) {
        households.set(keyOf(h), h.id);
      }
      for (const b of batch) b.person.householdId = households.get(keyOf(b.household)) ?? null;
      const inserted = await insertPeople(
        tx,
        batch.map((b) => b.person),
      );
      const byHash = new Map(inserted.map((i) => [i.idNumberHash, i.id]));
      const tags = batch.flatMap(({ row, person }) => {
        const id = byHash.get(person.idNumberHash);
        return id ? [...ageTags(person.birthDate), ...row.tags].map((tag) => ({ personId: id, tag })) : [];
      });
      await insertTagsBulk(tx, tags, actorId);
      imported += inserted.length;
      duplicates += batch.length - inserted.length;
      processed += batch.length;
      await progress(progressDb, processed);
    };
    // the next batch is read and sealed (CPU) while the database writes the last one; one write at a time
    let writing: Promise<void> = Promise.resolve();
    const handOver = async () => {
      await writing;
      writing = write(batch);
      // awaited before the next hand-over; until then a failure must not count as unhandled
      writing.catch(() => undefined);
      batch = [];
    };
    try {
      for await (const { line, cells } of readRows()) {
        if (bad.has(line)) continue;
        const { row } = parseRow(cells);
        if (!row) continue;
        const building = buildings.get(normaliseAddress(row.address));
        if (!building) continue;
        batch.push({
          row,
          household: { buildingId: building.id, unit: row.unit, room: row.room, use: 'owner_occupied' },
          // the household is known once the batch is written
          person: sealResident(
            ctx.cipher,
            { name: row.name, idNumber: row.idNumber, phone: row.phone ?? undefined, registered: row.registered },
            { householdId: 0, gridPath: building.gridPath },
          ),
        });
        if (batch.length >= WRITE_BATCH) await handOver();
      }
      await handOver();
    } finally {
      // the transaction never ends with a write still running on it
      await writing.catch(() => undefined);
    }
    await writing;
  });
  await updateImport(ctx.db, importId, {
    status: 'done',
    importedRows: imported,
    duplicateRows: duplicates,
    processedRows: processed,
  });
  await writeAudit(ctx.db, {
    actorId,
    action: 'registry.import_finished',
    subject: `import:${importId}`,
    detail: { imported, duplicates, errorRows, unmatchedRows },
  });
}
