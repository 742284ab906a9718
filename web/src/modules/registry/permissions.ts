/** The roles the server lets keep the registry current (import) and see a full ID number or phone. */
const RECORD_ROLES = ['grid_worker', 'community_staff', 'street_staff', 'district_admin'];
const REVEAL_ROLES = ['grid_worker', 'community_staff', 'street_staff', 'district_admin'];
/** Taking one person's whole record away, or erasing it, on their request: the district answers for both. */
const ERASE_ROLES = ['district_admin'];

export const mayRecord = (role: string) => RECORD_ROLES.includes(role);
export const mayReveal = (role: string) => REVEAL_ROLES.includes(role);
export const mayErase = (role: string) => ERASE_ROLES.includes(role);
/** A compound belongs to a whole community, which a grid worker's scope never covers; the server refuses them. */
export const mayEditCompound = (role: string) => mayRecord(role) && role !== 'grid_worker';
