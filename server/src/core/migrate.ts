import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './db.js';

export interface MigrationSource {
  /** The module that owns the folder; part of each migration's id so two modules may reuse a file name. */
  module: string;
  dir: string;
}

export interface MigrationResult {
  applied: string[];
}

const LOCK_KEY = 7_305_114; // any constant: serialises migrations of several instances starting together

/**
 * Applies each not-yet-applied `*.sql` file once, in module order then file-name order, each in its own
 * transaction; a changed file that was already applied is refused rather than silently diverging.
 */
export async function migrate(db: Db, sources: MigrationSource[]): Promise<MigrationResult> {
  await db.exec(`CREATE TABLE IF NOT EXISTS core_schema_migrations (
    id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  for (const source of sources) {
    const files = readdirSync(source.dir)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    for (const file of files) {
      const id = `${source.module}/${file}`;
      const sql = readFileSync(path.join(source.dir, file), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const didApply = await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
        const [previous] = await tx.query<{ checksum: string }>(
          'SELECT checksum FROM core_schema_migrations WHERE id = $1',
          [id],
        );
        if (previous) {
          if (previous.checksum !== checksum) throw new Error(`migration ${id} was changed after it was applied`);
          return false;
        }
        for (const statement of splitStatements(sql)) await tx.query(statement);
        await tx.query('INSERT INTO core_schema_migrations (id, checksum) VALUES ($1, $2)', [id, checksum]);
        return true;
      });
      if (didApply) applied.push(id);
    }
  }
  return { applied };
}

/** Migrations are plain statements separated by `;` at line end; dollar-quoted bodies are kept whole. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  let inDollar = false;
  for (const line of sql.split('\n')) {
    if (/^\s*--/.test(line) && !inDollar) continue;
    const dollars = line.match(/\$\$/g)?.length ?? 0;
    if (dollars % 2 === 1) inDollar = !inDollar;
    current += `${line}\n`;
    if (!inDollar && /;\s*$/.test(line)) {
      out.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
