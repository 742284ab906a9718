import { writeAudit } from '../../../core/audit.js';
import { type Actor, districtOf, mayConfigure } from '../../../core/auth.js';
import type { Db, Queryable } from '../../../core/db.js';
import { coreErrors } from '../../../core/errors.js';
import { districtPathOf } from '../../geo/index.js';
import { casesErrors } from '../cases.errors.js';
import {
  type CategoryRecord,
  categoriesIn,
  type DistrictCategory,
  setDistrictLimits,
  updateCategory,
} from '../db/cases.repository.js';

/** What a district may set for itself; everything else about a category holds for every district. */
const DISTRICT_FIELDS = ['respondHours', 'dispatchHours', 'handleWorkdays'] as const;

/** The district a category is read or changed for: the one named, else the caller's own ('' above every district). */
export async function categoryDistrict(db: Queryable, actor: Actor | undefined, districtCode?: string) {
  return districtCode ? districtPathOf(db, districtCode, 'districtCode') : districtOf(actor?.scopePath ?? '');
}

/**
 * A global administrator changes a category for the whole deployment; a district administrator sets the time
 * limits their district works to, the rest of the category being every district's.
 */
export async function changeCategory(
  db: Db,
  actor: Actor,
  code: string,
  input: Partial<CategoryRecord> & { districtCode?: string },
  meta: { ip?: string; requestId?: string },
): Promise<DistrictCategory> {
  const { districtCode, ...patch } = input;
  const district = await categoryDistrict(db, actor, districtCode);
  if (!mayConfigure(actor, district)) throw coreErrors.outOfScope({ field: 'districtCode' });
  const shared = Object.keys(patch).find((k) => !(DISTRICT_FIELDS as readonly string[]).includes(k));
  if (district && shared) throw casesErrors.deploymentCategoryField({ field: shared });
  return db.transaction(async (tx) => {
    const [known] = await categoriesIn(tx, district, code);
    if (!known) throw casesErrors.unknownCategory({ field: 'code', params: { code } });
    if (district) await setDistrictLimits(tx, code, district, patch, actor.id);
    else await updateCategory(tx, code, patch);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'cases.category_changed',
      subject: `category:${code}`,
      detail: district ? { ...patch, district: district.split('.').at(-1) } : patch,
      ...meta,
    });
    return (await categoriesIn(tx, district, code))[0] as DistrictCategory;
  });
}
