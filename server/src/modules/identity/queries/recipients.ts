import type { Role } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';

/** The units a grid path passes through, bottom up: province.city.district.street.community.grid. */
export const UNIT_LEVELS = ['grid', 'community', 'street', 'district'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** Who answers for a unit, and how many labels of a grid path name it. */
const UNIT: Record<UnitLevel, { roles: readonly Role[]; depth: number }> = {
  grid: { roles: ['grid_worker'], depth: 6 },
  community: { roles: ['community_staff'], depth: 5 },
  street: { roles: ['street_staff'], depth: 4 },
  district: { roles: ['district_admin', 'command_centre'], depth: 3 },
};

export const unitPathOf = (gridPath: string, level: UnitLevel) =>
  gridPath.split('.').slice(0, UNIT[level].depth).join('.');

/** Enabled people of these roles whose scope is the path or one of its ancestors (the whole deployment included). */
export async function peopleCovering(db: Queryable, roles: readonly Role[], path: string): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT id::int AS id FROM identity_users
     WHERE role = ANY($1::text[]) AND scope_path @> $2::ltree AND NOT disabled ORDER BY id`,
    [roles, path],
  );
  return rows.map((r) => r.id);
}

/** The people who answer for one unit of a grid path: its grid workers, its community's staff, … */
export async function unitPeople(db: Queryable, gridPath: string, level: UnitLevel): Promise<number[]> {
  return peopleCovering(db, UNIT[level].roles, unitPathOf(gridPath, level));
}

export interface Reached {
  level: UnitLevel;
  path: string;
  userIds: number[];
}

/**
 * The first unit at or above `from` that has somebody to tell, walking grid → community → street → district: a step
 * whose own people are missing is raised to the next level rather than told to nobody. Undefined when not even the
 * district has anyone.
 */
export async function firstUnitWithPeople(
  db: Queryable,
  gridPath: string,
  from: UnitLevel,
): Promise<Reached | undefined> {
  for (const level of UNIT_LEVELS.slice(UNIT_LEVELS.indexOf(from))) {
    const userIds = await unitPeople(db, gridPath, level);
    if (userIds.length) return { level, path: unitPathOf(gridPath, level), userIds };
  }
  return undefined;
}

/** The level above a unit, or null above the district. */
export const levelAbove = (level: UnitLevel): UnitLevel | null => UNIT_LEVELS[UNIT_LEVELS.indexOf(level) + 1] ?? null;
