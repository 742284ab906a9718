import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
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
import { failImport } from './fail-import.js';
import { sealResident } from './register-person.js';

type RunCtx = Pick<ModuleContext, 'db' | 'cipher' | 'files' | 'log'>;
/** Bad cells are written in batches of this many; valid rows in chunks of WRITE_BATCH, each its own transaction. */
const BATCH = 500;
const WRITE_BATCH = 1_000;
/**
 * A street's residents, with room to spare: 200,000 rows are about 32 MB as CSV (a row of Chinese text is about
 * 160 bytes) and less as xlsx. A district imports street by street.
 */
export const IMPORT_LIMITS: SpreadsheetLimits = { maxBytes: 40 * 1024 * 1024, maxRows: 200_000 };
/** Each progress write is a commit of its own: by time, so a fast import does not spend itself on them. */
const PROGRESS_MS = 500;

/** The upload is stored durably first; checking and importing go on in the background with their progress. */
export async function startImport(
  ctx: RunCtx & Pick<ModuleContext, 'events'>,
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
    await failImport(ctx, id, err).catch((e) => ctx.log.error({ err: e, importId: id }, 'import not marked failed'));
  });
  return id;
}

/**
 * Pass 1 reads every row and records what is wrong, cell by cell, and which addresses match no building.
 * Pass 2 writes, everything or only the valid rows if the user chose so, in chunks that each commit with the
 * import's progress: the embedded engine's one connection is free between chunks, so the rest of the platform goes
 * on answering during a long import. A pass 2 that stops leaves its committed chunks, counted on the import; people
 * already registered (same ID number) are counted as duplicates and left as they are, so the same file imported
 * again completes it.
 */
export async function runImport(ctx: RunCtx, importId: number, actorId: number, limits = IMPORT_LIMITS): Promise<void> {
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
    if (performance.now() - shown >= PROGRESS_MS) {
      shown = performance.now();
      await updateImport(ctx.db, importId, { processedRows: total });
    }
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
  const keyOf = (h: { buildingId: number; unit: string; room: string }) => `${h.buildingId}|${h.unit}|${h.room}`;
  const households = new Map(
    (await householdIds(ctx.db, [...new Set([...buildings.values()].map((b) => b.id))])).map((h) => [keyOf(h), h.id]),
  );
  type Prepared = { row: ImportRow; person: NewPerson; household: NewHousehold }[];
  const write = async (batch: Prepared) => {
    const { created, inserted } = await ctx.db.transaction(async (tx) => {
      // the chunk's new households in one statement, then each person pointed at theirs
      const fresh = new Map(
        batch.filter((b) => !households.has(keyOf(b.household))).map((b) => [keyOf(b.household), b]),
      );
      const created = await insertHouseholds(
        tx,
        [...fresh.values()].map((b) => b.household),
      );
      const ids = new Map(created.map((h) => [keyOf(h), h.id]));
      for (const b of batch)
        b.person.householdId = households.get(keyOf(b.household)) ?? ids.get(keyOf(b.household)) ?? null;
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
      // the counts commit with the rows they count, so a stop part-way leaves a true record of what was written
      await updateImport(tx, importId, {
        processedRows: processed + batch.length,
        importedRows: imported + inserted.length,
        duplicateRows: duplicates + batch.length - inserted.length,
      });
      return { created, inserted: inserted.length };
    });
    for (const h of created) households.set(keyOf(h), h.id);
    imported += inserted;
    duplicates += batch.length - inserted;
    processed += batch.length;
  };
  // the next chunk is read and sealed (CPU) while the database writes the last one; one write at a time
  let batch: Prepared = [];
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
    if (batch.length) await handOver();
  } finally {
    // the import is failed only once no write of it is still running
    await writing.catch(() => undefined);
  }
  await writing;
  await updateImport(ctx.db, importId, { status: 'done' });
  await writeAudit(ctx.db, {
    actorId,
    action: 'registry.import_finished',
    subject: `import:${importId}`,
    detail: { imported, duplicates, errorRows, unmatchedRows },
  });
}
