import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../../../core/id-number.js';
import { COLUMNS, parseRow } from './import-row.js';

const withCheck = (first17: string) => first17 + checkCharacter(first17);

const row = (idNumber: string, tags: string) => ({
  [COLUMNS.name]: '王某',
  [COLUMNS.idNumber]: idNumber,
  [COLUMNS.address]: '老城街道南关社区 3 栋',
  [COLUMNS.room]: '301',
  [COLUMNS.residence]: '本地',
  [COLUMNS.tags]: tags,
});

describe('an import row’s tags', () => {
  it('refuses 老年人 typed for someone born in 1985, naming the tag column', () => {
    const { row: parsed, errors } = parseRow(row(withCheck('37098319850101001'), '党员，老年人'));
    expect(parsed).toBeUndefined();
    expect(errors).toEqual([
      {
        column: COLUMNS.tags,
        zh: '标签“老年人”与身份证号中的出生日期不符',
        en: expect.stringContaining('contradicts'),
      },
    ]);
  });

  it('accepts 老年人 typed for someone born in 1950 once, as the birth date derives it anyway', () => {
    const { row: parsed, errors } = parseRow(row(withCheck('37098319500101001'), '老年人、独居'));
    expect(errors).toEqual([]);
    expect(parsed?.tags).toEqual(['living_alone']);
  });
});
