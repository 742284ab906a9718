import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { Db } from '../../../core/db.js';
import { type GridRole, type GridStation, getGrid, replaceGridTeam, setGridStation } from '../db/geo.repository.js';
import { geoErrors } from '../geo.errors.js';
import { assertInScope } from '../geo.permissions.js';

type Meta = { ip?: string; requestId?: string };

/**
 * Sets a grid's team (五位一体) as a whole, without re-importing the grid: whoever answers for an area containing it
 * (its community, street or district). A linked account is kept as the user id given: geo cannot look into identity
 * (identity depends on geo), so the console offers the ids and identity's own checks guard what the account can do.
 */
export async function setGridTeam(
  db: Db,
  actor: Actor,
  code: string,
  members: { role: GridRole; name: string; userId?: number | null }[],
  meta: Meta,
) {
  const grid = await getGrid(db, code);
  if (!grid) throw geoErrors.gridNotFound({ field: 'code', params: { code } });
  assertInScope(actor, grid.path);
  const after = await db.transaction(async (tx) => {
    await replaceGridTeam(tx, code, members);
    const changed = await getGrid(tx, code);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'geo.grid_team_changed',
      subject: `grid:${code}`,
      detail: { before: grid.team, after: changed?.team ?? [] },
      ...meta,
    });
    return changed?.team ?? [];
  });
  return { team: after };
}

/** Sets or clears the grid's station (网格工作站), shown on the card its QR code opens; by whoever manages its team. */
export async function setGridStationOf(db: Db, actor: Actor, code: string, station: GridStation | null, meta: Meta) {
  const grid = await getGrid(db, code);
  if (!grid) throw geoErrors.gridNotFound({ field: 'code', params: { code } });
  assertInScope(actor, grid.path);
  return db.transaction(async (tx) => {
    await setGridStation(tx, code, station);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'geo.grid_station_changed',
      subject: `grid:${code}`,
      detail: { before: grid.station, after: station },
      ...meta,
    });
    return { station: (await getGrid(tx, code))?.station ?? null };
  });
}
