import type { Role } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';

/**
 * The units a grid path passes through, bottom up: province.city.district.street.community(.village or
 * compound).grid. A grid is its whole path, however deep it hangs; the units above it are prefixes of fixed depth.
 */
export const UNIT_LEVELS = ['grid', 'community', 'street', 'district'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** Who answers for a unit, and how many labels of a grid path name it. */
const UNIT: Record<UnitLevel, { roles: readonly Role[]; depth: number }> = {
  grid: { roles: ['grid_worker'], depth: Number.POSITIVE_INFINITY },
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

/**
 * Everyone along a grid's chain in one statement: each unit's people, from the grid's workers up to the district's
 * administrators and command centre (a notification resolves its target and the level above it from this).
 */
export async function chainPeople(db: Queryable, gridPath: string): Promise<Record<UnitLevel, number[]>> {
  const rows = await db.query<{ id: number; role: Role }>(
    `SELECT id::int AS id, role FROM identity_users
     WHERE role = ANY($1::text[]) AND scope_path @> $2::ltree AND NOT disabled ORDER BY id`,
    [UNIT_LEVELS.flatMap((l) => UNIT[l].roles), gridPath],
  );
  const out = { grid: [], community: [], street: [], district: [] } as Record<UnitLevel, number[]>;
  for (const r of rows) {
    const level = UNIT_LEVELS.find((l) => UNIT[l].roles.includes(r.role));
    if (level) out[level].push(r.id);
  }
  return out;
}

/** The level above a unit, or null above the district. */
export const levelAbove = (level: UnitLevel): UnitLevel | null => UNIT_LEVELS[UNIT_LEVELS.indexOf(level) + 1] ?? null;
