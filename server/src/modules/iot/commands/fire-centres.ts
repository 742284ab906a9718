import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import { registerOrgs } from '../../identity/index.js';
import { upsertFireCentres } from '../db/iot.repository.js';

export interface FireCentreInput {
  /** `<district code>-fire_centre_<letters>`, an identity org its staff belong to. */
  orgCode: string;
  name: string;
  districtPath: string;
  lng: number;
  lat: number;
}

/** 智慧消防服务中心: an org people can be members of, and a point the nearest-centre search measures from. */
export async function recordFireCentres(db: Queryable, centres: FireCentreInput[], actor?: Actor): Promise<void> {
  await registerOrgs(
    db,
    centres.map((c) => ({ code: c.orgCode, name: c.name, kind: 'fire_service_centre', regionPath: c.districtPath })),
  );
  await upsertFireCentres(db, centres);
  if (actor)
    await writeAudit(db, {
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'iot.fire_centres_recorded',
      detail: { codes: centres.map((c) => c.orgCode) },
    });
}
