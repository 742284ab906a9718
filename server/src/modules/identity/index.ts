/** The identity module's public face: other modules import only from here. */
export { ensureFirstAdmin } from './commands/ensure-first-admin.js';
export { resetByUsername, unlockByUsername } from './commands/recover-account.js';
export { resealIdentity } from './commands/reseal-identity.js';
export { seedDemoMembers, seedDemoStaff } from './commands/seed-demo-staff.js';
export { type OrgRegion, seedOrgs } from './commands/seed-orgs.js';
export { serviceActor } from './commands/service-actor.js';
export {
  displayNames,
  findOrg,
  findUserIds,
  insertOrgs as registerOrgs,
  type OrgRecord,
} from './db/identity.repository.js';
export { findOnDutyUserIds } from './db/orgs.repository.js';
export { sealedPhones } from './db/phone-codes.repository.js';
export { sealedOpenids } from './db/wechat.repository.js';
export { ROLE_NAMES } from './domain/user-admin.js';
export { createIdentityModule } from './identity.module.js';
export {
  chainPeople,
  levelAbove as unitLevelAbove,
  peopleCovering,
  UNIT_LEVELS,
  type UnitLevel,
  unitPathOf,
} from './queries/recipients.js';
export { resolveActor } from './queries/resolve-actor.js';
export { publishedWorkPhones } from './queries/work-phones.js';
