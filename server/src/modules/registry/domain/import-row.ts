import { isMobilePhone } from '../../../core/crypto.js';
import { birthDateOf, idNumberProblem } from '../../../core/id-number.js';
import { ageTags, contradictedAgeTag, PERSON_TAGS, type PersonTag } from './tags.js';

/** The agencies' spreadsheets speak Chinese: these are the template's columns. */
export const COLUMNS = {
  name: '姓名',
  idNumber: '身份证号',
  phone: '手机号',
  address: '楼栋地址',
  unit: '单元',
  room: '房号',
  residence: '户籍类型',
  tags: '标签',
} as const;

export const TAG_LABELS: Record<PersonTag, string> = {
  elderly: '老年人',
  living_alone: '独居',
  disabled: '残疾人',
  low_income: '低保',
  party_member: '党员',
  veteran: '退役军人',
  minor: '未成年人',
  rider: '外卖骑手',
  courier: '快递员',
  ride_hailing_driver: '网约车司机',
  affordable_housing_tenant: '保障房住户',
  released_prisoner: '刑满释放人员',
  community_correction: '社区矫正对象',
  drug_rehabilitation: '戒毒康复人员',
  severe_mental_disorder: '严重精神障碍患者',
  key_youth: '重点青少年',
};
const TAG_BY_LABEL = new Map(Object.entries(TAG_LABELS).map(([k, v]) => [v, k as PersonTag]));

export interface CellError {
  column: string;
  zh: string;
  en: string;
}

export interface ImportRow {
  name: string;
  idNumber: string;
  phone: string | null;
  address: string;
  unit: string;
  room: string;
  registered: boolean;
  tags: PersonTag[];
}

/** One spreadsheet row → a person, or the list of what is wrong with it, cell by cell. */
export function parseRow(cells: Record<string, string>): { row?: ImportRow; errors: CellError[] } {
  const get = (c: string) => (cells[c] ?? '').trim();
  const errors: CellError[] = [];
  const name = get(COLUMNS.name);
  if (!name || name.length > 50)
    errors.push({ column: COLUMNS.name, zh: '姓名为空或过长', en: 'name is empty or too long' });
  const idNumber = get(COLUMNS.idNumber).toUpperCase();
  const idProblem = idNumberProblem(idNumber);
  if (idProblem) {
    const text = {
      format: ['应为 18 位，末位可为 X', 'must be 18 characters, the last may be X'],
      division: ['前 6 位不是有效的行政区划代码', 'the first 6 digits are no division code'],
      birth_date: ['出生日期不存在', 'impossible birth date'],
      check_digit: ['校验码错误（GB 11643）', 'wrong check digit (GB 11643)'],
    }[idProblem];
    errors.push({ column: COLUMNS.idNumber, zh: text[0] as string, en: text[1] as string });
  }
  const phone = get(COLUMNS.phone) || null;
  if (phone && !isMobilePhone(phone))
    errors.push({ column: COLUMNS.phone, zh: '应为 11 位手机号', en: 'must be an 11-digit mobile number' });
  const address = get(COLUMNS.address);
  if (!address) errors.push({ column: COLUMNS.address, zh: '楼栋地址为空', en: 'building address is empty' });
  const room = get(COLUMNS.room);
  if (!room) errors.push({ column: COLUMNS.room, zh: '房号为空', en: 'room is empty' });
  const residence = get(COLUMNS.residence);
  if (residence !== '本地' && residence !== '流动') {
    errors.push({
      column: COLUMNS.residence,
      zh: '应为“本地”或“流动”',
      en: 'must be 本地 (registered) or 流动 (floating)',
    });
  }
  const tags: PersonTag[] = [];
  for (const label of get(COLUMNS.tags)
    .split(/[,，、;；]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const tag = TAG_BY_LABEL.get(label);
    if (!tag || !PERSON_TAGS.includes(tag))
      errors.push({ column: COLUMNS.tags, zh: `未知标签“${label}”`, en: `unknown tag "${label}"` });
    else if (!idProblem && contradictedAgeTag(tag, birthDateOf(idNumber)))
      errors.push({
        column: COLUMNS.tags,
        zh: `标签“${label}”与身份证号中的出生日期不符`,
        en: `tag "${label}" contradicts the birth date in the ID number`,
      });
    else if (!ageTags(birthDateOf(idNumber)).includes(tag)) tags.push(tag);
  }
  if (errors.length) return { errors };
  return {
    row: { name, idNumber, phone, address, unit: get(COLUMNS.unit), room, registered: residence === '本地', tags },
    errors,
  };
}

/** Addresses match after removing spaces and unifying full-width characters, nothing looser. */
export function normaliseAddress(a: string): string {
  return a.normalize('NFKC').replace(/\s+/g, '');
}
