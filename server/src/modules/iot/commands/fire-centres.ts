import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import { findOrg, registerOrgs } from '../../identity/index.js';
import { centresWithoutArea, setServiceArea, upsertFireCentres } from '../db/iot.repository.js';

export interface FireCentreInput {
  /** `<district code>-fire_centre_<letters>`, an identity org its staff belong to. */
  orgCode: string;
  name: string;
  districtPath: string;
  /** The streets it serves; the whole district when none are given. */
  streetPaths?: string[];
  lng: number;
  lat: number;
}

/**
 * 智慧消防服务中心: an org people can be members of, the district or streets it serves, and a point to measure from
 * where service areas overlap.
 */
export async function recordFireCentres(db: Queryable, centres: FireCentreInput[], actor?: Actor): Promise<void> {
  await registerOrgs(
    db,
    centres.map((c) => ({ code: c.orgCode, name: c.name, kind: 'fire_service_centre', regionPath: c.districtPath })),
  );
  await upsertFireCentres(db, centres);
  for (const c of centres)
    await setServiceArea(db, c.orgCode, c.streetPaths?.length ? c.streetPaths : [c.districtPath]);
  if (actor)
    await writeAudit(db, {
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'iot.fire_centres_recorded',
      detail: { codes: centres.map((c) => c.orgCode) },
    });
}

/** Gives centres recorded before service areas existed the region of their organisation; idempotent. */
export async function backfillServiceAreas(db: Queryable): Promise<number> {
  const codes = await centresWithoutArea(db);
  for (const code of codes) {
    const org = await findOrg(db, code);
    if (org) await setServiceArea(db, code, [org.regionPath]);
  }
  return codes.length;
}
