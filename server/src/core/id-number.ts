/**
 * Resident identity card numbers, GB 11643-1999: 6-digit division code, 8-digit birth date, 3-digit sequence
 * (odd for men, even for women) and a check character computed with ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkCharacter(first17: string): string {
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * (WEIGHTS[i] as number), 0);
  return CHECK[sum % 11] as string;
}

export type IdNumberProblem = 'format' | 'division' | 'birth_date' | 'check_digit';

/**
 * The provinces of GB/T 2260 (and Taiwan, Hong Kong and Macao, 71/81/82). The county part of a division code is not
 * checked against today's list: a card keeps the code of the county it was issued in, and counties have been merged
 * and renumbered since; a code for a whole province (xx0000) is no one's address, though.
 */
const PROVINCES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '),
);

/** Each problem in words, to follow "the ID number" in an error message of any module. */
export const ID_NUMBER_REASONS = {
  format: { 'zh-CN': '应为 18 位，末位可为 X', en: 'must be 18 characters, the last may be X' },
  division: { 'zh-CN': '中的行政区划代码不存在', en: 'holds a division code that does not exist' },
  birth_date: { 'zh-CN': '中的出生日期不存在', en: 'holds an impossible birth date' },
  check_digit: { 'zh-CN': '校验码错误（GB 11643）', en: 'has a wrong check digit (GB 11643)' },
} as const satisfies Record<IdNumberProblem, { 'zh-CN': string; en: string }>;

export function idNumberProblem(id: string, today = new Date()): IdNumberProblem | undefined {
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!PROVINCES.has(id.slice(0, 2)) || id.slice(2, 6) === '0000') return 'division';
  const birth = birthDateOf(id);
  const date = new Date(`${birth}T00:00:00Z`);
  if (
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== birth ||
    date > today ||
    birth < '1890-01-01'
  ) {
    return 'birth_date';
  }
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return 'check_digit';
  return undefined;
}

export function birthDateOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export function sexOf(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}

/** 320114199001011234 → 320114********1234: the division and the last four, as government screens show it. */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(-4)}` : '******';
}
