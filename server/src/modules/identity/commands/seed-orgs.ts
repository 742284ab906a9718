import type { Db } from '../../../core/db.js';
import { insertOrgs } from '../db/identity.repository.js';
import { DEPARTMENTS } from '../domain/departments.js';

export interface OrgRegion {
  code: string;
  name: string;
  path: string;
  level: 'district' | 'street';
}

/**
 * Every district gets its standing departments and every street its rapid-response team (快速处置队), so cases can
 * be dispatched and whistled from the first start. Idempotent: existing orgs are left as they are.
 */
export async function seedOrgs(db: Db, regions: OrgRegion[]): Promise<number> {
  const rows: [string, string, string, string][] = [];
  for (const r of regions) {
    if (r.level === 'district') {
      for (const d of DEPARTMENTS) rows.push([`${r.code}-${d.key}`, `${r.name}${d.zh}`, 'department', r.path]);
    } else {
      rows.push([`${r.code}-rapid_response`, `${r.name}快速处置队`, 'rapid_response_team', r.path]);
    }
  }
  return insertOrgs(
    db,
    rows.map(([code, name, kind, regionPath]) => ({ code, name, kind, regionPath })),
  );
}
