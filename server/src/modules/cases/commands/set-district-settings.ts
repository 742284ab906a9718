import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import type { Db } from '../../../core/db.js';
import { coreErrors } from '../../../core/errors.js';
import { districtPathOf } from '../../geo/index.js';
import type { DistrictSettings } from '../cases.schemas.js';
import { districtSettings, setDistrictSettingsOf } from '../db/anonymous.repository.js';

/**
 * A district administrator decides, for their own district, whether people without an account may report, and who
 * verifies a handled case (never its handler).
 */
export async function setDistrictSettings(
  db: Db,
  actor: Actor,
  districtCode: string,
  change: Partial<DistrictSettings>,
  meta: { ip: string; id: string },
): Promise<DistrictSettings> {
  const path = await districtPathOf(db, districtCode, 'code');
  if (!inScope(actor, path)) throw coreErrors.outOfScope({ field: 'code' });
  return db.transaction(async (tx) => {
    const settings = { ...(await districtSettings(tx, districtCode)), ...change };
    await setDistrictSettingsOf(tx, districtCode, settings, actor.id);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'cases.district_settings_set',
      subject: `district:${districtCode}`,
      detail: { ...change },
      ip: meta.ip,
      requestId: meta.id,
    });
    return settings;
  });
}
