import type { Role } from '../../../core/auth.js';
import type { Employment } from '../db/identity.repository.js';
import { ROLE_NAMES } from './user-admin.js';

/** The staff roster's columns, as the template names them. */
export const ROSTER_COLUMNS = {
  displayName: '姓名',
  username: '用户名',
  role: '角色',
  scopeCode: '管辖区划或网格编码',
  orgCode: '所属部门/队伍编码',
  employment: '专兼职',
} as const;

export const EMPLOYMENT_LABELS: Record<Employment, string> = { full_time: '专职', part_time: '兼职' };

/** A roster lists staff: residents sign themselves up on the phone. */
const ROLE_BY_LABEL = new Map(
  (Object.entries(ROLE_NAMES) as [Role, { 'zh-CN': string }][])
    .filter(([role]) => role !== 'resident')
    .map(([role, name]) => [name['zh-CN'], role]),
);
export const ROSTER_ROLE_LABELS = [...ROLE_BY_LABEL.keys()];

export interface CellError {
  column: string;
  zh: string;
  en: string;
}

export interface RosterRow {
  displayName: string;
  username: string;
  role: Role;
  scopeCode: string;
  orgCode?: string;
  employment: Employment;
}

/** One spreadsheet row → an account to create, or what is wrong with it, cell by cell (the database is asked later). */
export function parseRosterRow(cells: Record<string, string>): { row?: RosterRow; errors: CellError[] } {
  const get = (c: string) => (cells[c] ?? '').trim();
  const errors: CellError[] = [];
  const C = ROSTER_COLUMNS;
  const displayName = get(C.displayName);
  if (!displayName || displayName.length > 50)
    errors.push({
      column: C.displayName,
      zh: '姓名为空或超过 50 字',
      en: 'name is empty or longer than 50 characters',
    });
  const username = get(C.username);
  if (!/^[A-Za-z0-9._-]{3,64}$/.test(username))
    errors.push({
      column: C.username,
      zh: '应为 3–64 位字母、数字或 . _ -',
      en: 'must be 3–64 letters, digits, . _ or -',
    });
  const role = ROLE_BY_LABEL.get(get(C.role));
  if (!role)
    errors.push({
      column: C.role,
      zh: `应为以下之一：${ROSTER_ROLE_LABELS.join('、')}`,
      en: `must be one of ${ROSTER_ROLE_LABELS.join(', ')}`,
    });
  const scopeCode = get(C.scopeCode);
  if (!/^(\d{6}|\d{9}|\d{12}|\d{15})$/.test(scopeCode))
    errors.push({
      column: C.scopeCode,
      zh: '应为 6、9、12 位区划代码或 15 位网格编码',
      en: 'must be a 6-, 9- or 12-digit region code or a 15-digit grid code',
    });
  const orgCode = get(C.orgCode) || undefined;
  if (orgCode && !/^[0-9]{6,12}-[a-z_]+$/.test(orgCode))
    errors.push({
      column: C.orgCode,
      zh: '格式应如 370983-urban_management',
      en: 'must look like 370983-urban_management',
    });
  if (!orgCode && role === 'department_staff')
    errors.push({
      column: C.orgCode,
      zh: '部门工作人员须填写所属部门或队伍',
      en: 'department staff need their department or team',
    });
  const employmentText = get(C.employment);
  const employment: Employment | undefined =
    employmentText === '' || employmentText === EMPLOYMENT_LABELS.full_time
      ? 'full_time'
      : employmentText === EMPLOYMENT_LABELS.part_time
        ? 'part_time'
        : undefined;
  if (!employment)
    errors.push({ column: C.employment, zh: '应为“专职”或“兼职”', en: 'must be 专职 (full-time) or 兼职 (part-time)' });
  if (errors.length || !role || !employment) return { errors };
  return { row: { displayName, username, role, scopeCode, orgCode, employment }, errors };
}

/** A row every cell of which is empty is no row: spreadsheets keep formatting on rows nobody filled. */
export const isBlankRow = (cells: Record<string, string>) => Object.values(cells).every((v) => !String(v).trim());
