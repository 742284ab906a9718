import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { Db } from '../../../core/db.js';
import { getGrid, gridNamed, renameGrid } from '../db/geo.repository.js';
import { geoErrors } from '../geo.errors.js';
import { assertInScope } from '../geo.permissions.js';
import type { GridLocator } from '../queries/locate-point.js';

/** PostgreSQL's unique_violation on the community's grid names: a parallel rename took the name first. */
const nameTakenMeanwhile = (err: unknown) => (err as { code?: unknown } | null)?.code === '23505';

/**
 * Renames a grid. Its neighbours' 四至 and its poster name it, so a name another grid of the community has is refused
 * with that grid named, rather than left for the database to reject.
 */
export async function renameGridOf(
  db: Db,
  locator: GridLocator,
  actor: Actor,
  code: string,
  name: string,
  meta: { ip?: string; requestId?: string },
) {
  const grid = await getGrid(db, code);
  if (!grid) throw geoErrors.gridNotFound({ field: 'code', params: { code } });
  assertInScope(actor, grid.path);
  const taken = (other: string) =>
    geoErrors.gridNameTaken({ field: 'name', params: { name, community: grid.communityCode, code: other } });
  const holder = await gridNamed(db, grid.communityCode, name);
  if (holder && holder.code !== code) throw taken(holder.code);
  if (holder) return { name };
  await db
    .transaction(async (tx) => {
      await renameGrid(tx, code, name);
      await writeAudit(tx, {
        actorId: actor.id,
        actorName: actor.username,
        action: 'geo.grid_renamed',
        subject: `grid:${code}`,
        detail: { before: grid.name, after: name },
        ...meta,
      });
    })
    .catch(async (err: unknown) => {
      if (!nameTakenMeanwhile(err)) throw err;
      throw taken((await gridNamed(db, grid.communityCode, name))?.code ?? '');
    });
  await locator.changed();
  return { name };
}
