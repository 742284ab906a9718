/**
 * Unified social credit codes, GB 32100-2015: registration authority and organisation kind (2), division code (6),
 * organisation code (9), then a check character computed MOD 31 over an alphabet without I, O, S, V and Z.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((acc, c, i) => acc + ALPHABET.indexOf(c) * (WEIGHTS[i] as number), 0);
  return ALPHABET[(31 - (sum % 31)) % 31] as string;
}

export type CreditCodeProblem = 'format' | 'check_character';

export function creditCodeProblem(code: string): CreditCodeProblem | undefined {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return 'format';
  if (creditCheckCharacter(code.slice(0, 17)) !== code[17]) return 'check_character';
  return undefined;
}
