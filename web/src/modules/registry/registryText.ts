import type { Translator } from '../../core/i18n';
import type { HouseholdUse } from './api';

/** Lived-in reads calm, empty reads faint, business stands out: what a grid worker looks for on a floor. */
export const USE_COLOUR: Record<HouseholdUse, string> = {
  owner_occupied: 'green',
  rented: 'blue',
  vacant: 'default',
  commercial: 'orange',
};

export function formatDate(iso: string, lang: Translator['lang']): string {
  return new Date(iso).toLocaleDateString(lang, { year: 'numeric', month: '2-digit', day: '2-digit' });
}

export function formatDateTime(iso: string, lang: Translator['lang']): string {
  return new Date(iso).toLocaleString(lang, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** '1' reads as 1 单元 (Unit 1); a name written out in full ('东单元') is shown as written; '' is a building without units. */
export function unitLabel(name: string, t: Translator['t']): string {
  if (name === '') return t('units.noUnit');
  return /^\d+$/.test(name) ? t('units.unit', { name }) : name;
}

/** Full years on the given day, from a birth date written YYYY-MM-DD. */
export function ageOf(birthDate: string, today = new Date()): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const birthdayPassed = today.getMonth() + 1 > month || (today.getMonth() + 1 === month && today.getDate() >= day);
  return today.getFullYear() - year - (birthdayPassed ? 0 : 1);
}
