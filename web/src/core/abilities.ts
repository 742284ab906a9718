import { useCallback } from 'react';
import { useSession } from '../modules/identity/session';

/**
 * What the server lets a person do, `<module>.<action>`: `GET /api/identity/me` lists the signed-in person's, so the
 * console shows and hides from the same permissions the server enforces instead of copying role lists.
 */
export type Ability =
  | 'geo.region.view'
  | 'geo.grid.view'
  | 'geo.grid.import'
  | 'geo.point.locate'
  | 'identity.user.manage'
  | 'identity.org.view'
  | 'cases.report'
  | 'cases.dispatch'
  | 'cases.kpis.view'
  | 'cases.categories.manage'
  | 'cases.supervise'
  | 'registry.view'
  | 'registry.record'
  | 'registry.export'
  | 'registry.reveal'
  | 'registry.erase'
  | 'iot.view'
  | 'iot.handle'
  | 'iot.manage'
  | 'iot.configure'
  | 'core.audit.view';

/** A test of the signed-in person's abilities, for deciding several things at once. */
export function useCan(): (ability: Ability) => boolean {
  const { abilities } = useSession();
  return useCallback((ability) => abilities.has(ability), [abilities]);
}

export function useAbility(ability: Ability): boolean {
  return useSession().abilities.has(ability);
}
