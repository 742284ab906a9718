/** Every role a grid's team may hold, in the order a team is listed. */
export const GRID_ROLES = [
  'grid_leader',
  'grid_worker',
  'part_time_grid_worker',
  'police_officer',
  'property_manager',
  'villager_group_leader',
] as const;
export type GridRole = (typeof GRID_ROLES)[number];

export const GRID_KINDS = ['residential', 'commercial', 'rural', 'enterprise', 'other'] as const;
export type GridKind = (typeof GRID_KINDS)[number];

const FOUR_IN_EVERY_TEAM = ['grid_leader', 'grid_worker', 'part_time_grid_worker', 'police_officer'] as const;

/**
 * 五位一体: the five roles a grid of each kind defines. A village grid is a 村民小组 with no property company, so its
 * fifth is the group's leader; every other grid's is the property manager of the buildings it covers.
 */
export const TEAM_ROLES: Record<GridKind, readonly GridRole[]> = {
  residential: [...FOUR_IN_EVERY_TEAM, 'property_manager'],
  commercial: [...FOUR_IN_EVERY_TEAM, 'property_manager'],
  enterprise: [...FOUR_IN_EVERY_TEAM, 'property_manager'],
  other: [...FOUR_IN_EVERY_TEAM, 'property_manager'],
  rural: [...FOUR_IN_EVERY_TEAM, 'villager_group_leader'],
};
