import { useCallback } from 'react';
import type { adminPermissions } from '../../../server/src/modules/admin/admin.permissions';
import type { casesPermissions } from '../../../server/src/modules/cases/cases.permissions';
import type { geoPermissions } from '../../../server/src/modules/geo/geo.permissions';
import type { identityPermissions } from '../../../server/src/modules/identity/identity.permissions';
import type { iotPermissions } from '../../../server/src/modules/iot/iot.permissions';
import type { notifyPermissions } from '../../../server/src/modules/notify/notify.permissions';
import type { open311Permissions } from '../../../server/src/modules/open311/open311.permissions';
import type { registryPermissions } from '../../../server/src/modules/registry/registry.permissions';
import { useSession } from '../modules/identity/session';

/** `<module>.<action>` for each action a server module's permissions declare. */
type AbilitiesOf<Module extends string, P> = `${Module}.${keyof P & string}`;

/**
 * What the server lets a person do, `<module>.<action>`: `GET /api/identity/me` lists the signed-in person's, so the
 * console shows and hides from the same permissions the server enforces instead of copying role lists. The names come
 * from the server's own declarations, so an ability renamed or removed there fails the console's type check.
 */
export type Ability =
  | AbilitiesOf<'admin', typeof adminPermissions>
  | AbilitiesOf<'cases', typeof casesPermissions>
  | AbilitiesOf<'geo', typeof geoPermissions>
  | AbilitiesOf<'identity', typeof identityPermissions>
  | AbilitiesOf<'iot', typeof iotPermissions>
  | AbilitiesOf<'notify', typeof notifyPermissions>
  | AbilitiesOf<'open311', typeof open311Permissions>
  | AbilitiesOf<'registry', typeof registryPermissions>;

/** A test of the signed-in person's abilities, for deciding several things at once. */
export function useCan(): (ability: Ability) => boolean {
  const { abilities } = useSession();
  return useCallback((ability) => abilities.has(ability), [abilities]);
}

export function useAbility(ability: Ability): boolean {
  return useSession().abilities.has(ability);
}
