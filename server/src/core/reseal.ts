import type { PersonalDataCipher } from './crypto.js';
import type { Queryable } from './db.js';

/** A sealed column, and the keyed-hash column that searches it, if any. */
export interface SealedColumn {
  enc: string;
  hash?: string;
}

/**
 * Key rotation for one table: values sealed under a retired key are opened and sealed again under the current one,
 * their search hashes recomputed, a batch at a time, each batch in one statement. Safe to stop and run again: it
 * only ever picks values that are still stale. Table and column names come from the owning module's code.
 */
export async function resealTable(
  db: Queryable,
  cipher: PersonalDataCipher,
  table: string,
  columns: SealedColumn[],
  onBatch?: (done: number) => void,
  batch = 500,
): Promise<number> {
  const current = `${cipher.version}:%`;
  const stale = columns.map((c) => `(${c.enc} IS NOT NULL AND ${c.enc} NOT LIKE $1)`).join(' OR ');
  let done = 0;
  for (;;) {
    const rows = await db.query<Record<string, string | null> & { id: number }>(
      `SELECT id::int AS id, ${columns.map((c) => c.enc).join(', ')} FROM ${table} WHERE ${stale} ORDER BY id LIMIT ${batch}`,
      [current],
    );
    if (!rows.length) return done;
    const arrays: unknown[][] = [rows.map((r) => r.id)];
    const sets: string[] = [];
    const types: string[] = ['bigint[]'];
    for (const c of columns) {
      const plain = rows.map((r) => (r[c.enc] ? cipher.decrypt(r[c.enc] as string) : null));
      arrays.push(plain.map((p) => (p === null ? null : cipher.encrypt(p))));
      types.push('text[]');
      sets.push(`${c.enc} = v.c${arrays.length - 1}`);
      if (c.hash) {
        arrays.push(plain.map((p) => (p === null ? null : cipher.searchHash(p))));
        types.push('text[]');
        sets.push(`${c.hash} = v.c${arrays.length - 1}`);
      }
    }
    const names = arrays.map((_, i) => (i === 0 ? 'id' : `c${i}`)).join(', ');
    await db.query(
      `UPDATE ${table} t SET ${sets.join(', ')}
       FROM unnest(${types.map((t, i) => `$${i + 1}::${t}`).join(', ')}) AS v(${names}) WHERE t.id = v.id`,
      arrays,
    );
    done += rows.length;
    onBatch?.(done);
  }
}
