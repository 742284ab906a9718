/** The roles the server lets keep the registry current (import) and see a full ID number or phone. */
const RECORD_ROLES = ['grid_worker', 'community_staff', 'street_staff', 'district_admin'];
const REVEAL_ROLES = ['grid_worker', 'community_staff', 'street_staff', 'district_admin'];

export const mayRecord = (role: string) => RECORD_ROLES.includes(role);
export const mayReveal = (role: string) => REVEAL_ROLES.includes(role);
