import type { Translator } from '../../../core/i18n';
import type { HouseholdUse } from './api';

export const USE_COLOUR: Record<HouseholdUse, 'primary' | 'success' | 'default' | 'warning'> = {
  owner_occupied: 'success',
  rented: 'primary',
  vacant: 'default',
  commercial: 'warning',
};

/** Units are mostly numbered ('1' → 1 单元); a building without units has the unit ''. */
export function unitName(name: string, t: Translator['t']): string {
  if (!name) return t('doorstep.wholeBuilding');
  return /^\d+$/.test(name) ? t('doorstep.unit', { name }) : name;
}

/** The server's 409 when someone else changed the household's use after the version the phone showed. */
export const HOUSEHOLD_CHANGED = 'registry.household_changed';
