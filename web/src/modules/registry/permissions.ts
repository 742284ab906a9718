import { useAbility } from '../../core/abilities';
import { useSession } from '../identity/session';

/** A grid's code is 15 digits (community + sequence); every level above it has a shorter one. */
const GRID_CODE = /(^|\.)\d{15}$/;

/**
 * A compound belongs to a whole community, so editing one needs a scope over the community: those who record,
 * except a grid worker, whose scope is one grid. The server refuses them the same way.
 */
export function useMayEditCompound(): boolean {
  const { user } = useSession();
  return useAbility('registry.record') && !GRID_CODE.test(user.scopePath);
}
