/** The managed list of person tags (after the 综治 data standard GB/T 31000 and the seed's groups). */
export const PERSON_TAGS = [
  'elderly',
  'living_alone',
  'disabled',
  'low_income',
  'party_member',
  'veteran',
  'minor',
  'rider',
  'courier',
  'ride_hailing_driver',
  'affordable_housing_tenant',
  'released_prisoner',
  'community_correction',
  'drug_rehabilitation',
  'severe_mental_disorder',
  'key_youth',
] as const;
export type PersonTag = (typeof PERSON_TAGS)[number];

/** Tags that follow from the birth date are derived, never typed. */
export function ageTags(birthDate: string, today = new Date()): PersonTag[] {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age >= 60 ? ['elderly'] : age < 18 ? ['minor'] : [];
}

/**
 * An age tag someone typed that the birth date contradicts (老年人 for a person born in 1985): refused rather than
 * dropped, so whoever typed it learns the record is not what they thought.
 */
export function contradictedAgeTag(tag: PersonTag, birthDate: string, today = new Date()): boolean {
  return (tag === 'elderly' || tag === 'minor') && !ageTags(birthDate, today).includes(tag);
}
