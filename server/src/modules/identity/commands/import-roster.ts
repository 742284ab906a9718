import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import type { Db, Queryable } from '../../../core/db.js';
import { AppError } from '../../../core/errors.js';
import type { Locale } from '../../../core/i18n.js';
import { inertCell, isUnreadableSpreadsheet, readSpreadsheetRows } from '../../../core/spreadsheet.js';
import { scopePathOf } from '../../geo/index.js';
import { findOrg, insertUser } from '../db/identity.repository.js';
import { hashPassword, oneTimePassword } from '../domain/password.js';
import {
  type CellError,
  EMPLOYMENT_LABELS,
  isBlankRow,
  parseRosterRow,
  ROSTER_COLUMNS,
  ROSTER_ROLE_LABELS,
  type RosterRow,
} from '../domain/roster-row.js';
import { grantableRoles, ROLE_NAMES } from '../domain/user-admin.js';
import { identityErrors } from '../identity.errors.js';

/** Bounds checked before the file is read: its size, then its rows as they are read. */
export const ROSTER_MAX_BYTES = 2 * 1024 * 1024;
export const ROSTER_MAX_ROWS = 5_000;
/** Argon2 hashes (19 MiB each) computed at once: enough to use both cores, not so many that memory balloons. */
const HASHING = 4;

type Meta = { ip?: string; requestId?: string };

export interface RosterProblem {
  row: number;
  column: string;
  message: string;
}

async function takenUsernames(db: Queryable, usernames: string[]): Promise<Set<string>> {
  const rows = await db.query<{ u: string }>(
    'SELECT lower(username) AS u FROM identity_users WHERE lower(username) = ANY($1::text[])',
    [usernames.map((u) => u.toLowerCase())],
  );
  return new Set(rows.map((r) => r.u));
}

/** Each row checked against what the administrator may give and what exists: scope, organisation, username. */
async function checkRows(db: Db, actor: Actor, rows: { line: number; row: RosterRow }[]) {
  const errors: { line: number; error: CellError }[] = [];
  const C = ROSTER_COLUMNS;
  const paths = new Map<string, string | undefined>();
  const orgs = new Map<string, Awaited<ReturnType<typeof findOrg>>>();
  const taken = await takenUsernames(
    db,
    rows.map((r) => r.row.username),
  );
  const firstLine = new Map<string, number>();
  const scopePaths = new Map<number, string>();
  for (const { line, row } of rows) {
    const add = (column: string, zh: string, en: string) => errors.push({ line, error: { column, zh, en } });
    const key = row.username.toLowerCase();
    const earlier = firstLine.get(key);
    if (earlier !== undefined) add(C.username, `与第 ${earlier} 行的用户名重复`, `the same username as row ${earlier}`);
    else firstLine.set(key, line);
    if (taken.has(key)) add(C.username, `用户名 ${row.username} 已被使用`, `username ${row.username} is taken`);
    if (!grantableRoles(actor.role).includes(row.role)) {
      const name = ROLE_NAMES[row.role];
      add(C.role, `您不能授予“${name['zh-CN']}”角色`, `you may not give the role ${name.en}`);
    }
    if (!paths.has(row.scopeCode)) paths.set(row.scopeCode, await scopePathOf(db, row.scopeCode));
    const scopePath = paths.get(row.scopeCode);
    if (scopePath === undefined)
      add(
        C.scopeCode,
        `${row.scopeCode} 不是已知的区划或网格编码`,
        `${row.scopeCode} is not a known region or grid code`,
      );
    else if (!inScope(actor, scopePath))
      add(C.scopeCode, `${row.scopeCode} 不在您的管辖范围内`, `${row.scopeCode} is outside your scope`);
    else scopePaths.set(line, scopePath);
    if (row.orgCode) {
      if (!orgs.has(row.orgCode)) orgs.set(row.orgCode, await findOrg(db, row.orgCode));
      const org = orgs.get(row.orgCode);
      if (!org) add(C.orgCode, `部门或队伍 ${row.orgCode} 不存在`, `org ${row.orgCode} does not exist`);
      else if (!inScope(actor, org.regionPath))
        add(C.orgCode, `${org.name}不在您的管辖范围内`, `${org.name} is outside your scope`);
    }
  }
  return { errors, scopePaths };
}

async function readRoster(file: { name: string; bytes: Buffer }) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shanzhi-roster-'));
  const stored = path.join(dir, 'roster.xlsx');
  try {
    await writeFile(stored, file.bytes);
    const rows: { line: number; row?: RosterRow; errors: CellError[] }[] = [];
    let missing: string[] | undefined;
    // blank rows are skipped and not counted against the roster's own bound: the reader's leaves room for them
    const limits = { maxBytes: ROSTER_MAX_BYTES, maxRows: 2 * ROSTER_MAX_ROWS };
    for await (const { line, cells } of readSpreadsheetRows(stored, file.name, limits)) {
      missing ??= Object.values(ROSTER_COLUMNS).filter((c) => !(c in cells));
      if (isBlankRow(cells)) continue;
      if (rows.length >= ROSTER_MAX_ROWS)
        throw identityErrors.rosterTooManyRows({ field: 'file', params: { max: ROSTER_MAX_ROWS } });
      rows.push({ line, ...parseRosterRow(cells) });
    }
    return { rows, missing: missing ?? [] };
  } catch (err) {
    // not a spreadsheet ExcelJS can open, or one the shared reader refused: the roster's own words offer the template
    const unreadable =
      isUnreadableSpreadsheet(err) ||
      (err instanceof AppError && err.code === 'validation.invalid' && err.options.field === 'file');
    if (err instanceof AppError && !unreadable) throw err;
    throw identityErrors.rosterBadFile({ field: 'file' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The handout: each new account's username and one-time password, the only copy anyone gets. */
async function passwordSheet(accounts: (RosterRow & { password: string })[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('一次性密码');
  sheet.columns = [
    { header: '姓名', key: 'displayName', width: 14 },
    { header: '用户名', key: 'username', width: 20 },
    { header: '角色', key: 'role', width: 16 },
    { header: '一次性密码', key: 'password', width: 22 },
  ];
  for (const a of accounts)
    sheet.addRow({ ...a, displayName: inertCell(a.displayName), role: ROLE_NAMES[a.role]['zh-CN'] });
  sheet.getRow(1).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow(['首次登录须修改密码；本表只生成这一次，发放后请妥善销毁。']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * A staff roster → accounts, all or nothing: every row is checked first (its cells, then what the administrator may
 * give and what exists), and one problem anywhere creates nobody and reports every problem by row and column. The
 * accounts are written in one transaction; their one-time passwords leave only in the spreadsheet returned.
 */
export async function importRoster(
  db: Db,
  actor: Actor,
  file: { name: string; bytes: Buffer },
  locale: Locale,
  meta: Meta,
) {
  if (!/\.xlsx$/i.test(file.name)) throw identityErrors.rosterBadFile({ field: 'file' });
  if (file.bytes.length > ROSTER_MAX_BYTES)
    throw identityErrors.rosterTooLarge({ field: 'file', params: { mb: ROSTER_MAX_BYTES / 1024 / 1024 } });
  const { rows, missing } = await readRoster(file);
  const problems: RosterProblem[] = [];
  const say = (row: number, e: CellError) =>
    problems.push({ row, column: e.column, message: locale === 'en' ? e.en : e.zh });
  for (const column of missing)
    say(1, { column, zh: '缺少这一列（请使用模板）', en: 'this column is missing (use the template)' });
  if (!missing.length && !rows.length) throw identityErrors.rosterEmpty({ field: 'file' });
  for (const r of rows) for (const e of r.errors) say(r.line, e);
  const valid = rows.flatMap((r) => (r.row ? [{ line: r.line, row: r.row }] : []));
  const { errors, scopePaths } = await checkRows(db, actor, valid);
  for (const e of errors) say(e.line, e.error);
  if (problems.length) {
    problems.sort((a, b) => a.row - b.row);
    throw identityErrors.rosterInvalid({ field: 'file', params: { count: problems.length }, details: { problems } });
  }

  const accounts = valid.map(({ line, row }) => ({ ...row, line, password: oneTimePassword() }));
  const hashes: string[] = [];
  for (let i = 0; i < accounts.length; i += HASHING)
    hashes.push(...(await Promise.all(accounts.slice(i, i + HASHING).map((a) => hashPassword(a.password)))));

  await db.transaction(async (tx) => {
    for (const [i, a] of accounts.entries()) {
      const scopePath = scopePaths.get(a.line) as string;
      const u = await insertUser(tx, {
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        scopePath,
        passwordHash: hashes[i] as string,
        mustChangePassword: true,
        orgCode: a.orgCode ?? null,
        employment: a.employment,
      });
      await writeAudit(tx, {
        actorId: actor.id,
        actorName: actor.username,
        action: 'identity.user_created',
        subject: `user:${u.id}`,
        detail: { username: u.username, role: u.role, scopePath, orgCode: u.orgCode, roster: file.name },
        ...meta,
      });
    }
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.roster_imported',
      subject: `roster:${file.name}`,
      detail: { created: accounts.length },
      ...meta,
    });
  });
  const sheet = await passwordSheet(accounts);
  return { created: accounts.length, passwordsXlsx: sheet.toString('base64') };
}

/** The template an administrator fills in: the columns, two example rows, and the words each column takes. */
export async function rosterTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('人员名册');
  sheet.columns = Object.values(ROSTER_COLUMNS).map((header) => ({ header, key: header, width: 22 }));
  const C = ROSTER_COLUMNS;
  sheet.addRow({
    [C.displayName]: '张某某',
    [C.username]: 'rr.zhang',
    [C.role]: ROLE_NAMES.department_staff['zh-CN'],
    [C.scopeCode]: '370983002',
    [C.orgCode]: '370983002-rapid_response',
    [C.employment]: EMPLOYMENT_LABELS.full_time,
  });
  sheet.addRow({
    [C.displayName]: '李某某',
    [C.username]: 'gw.li',
    [C.role]: ROLE_NAMES.grid_worker['zh-CN'],
    [C.scopeCode]: '370983002001001',
    [C.orgCode]: '',
    [C.employment]: EMPLOYMENT_LABELS.part_time,
  });
  // codes are text: a spreadsheet must not turn 370983002001001 into 3.70983E+14
  for (const key of [C.scopeCode, C.orgCode]) sheet.getColumn(key).numFmt = '@';
  sheet.getRow(1).font = { bold: true };
  const help = book.addWorksheet('说明');
  help.addRow([C.role, ROSTER_ROLE_LABELS.join('、')]);
  help.addRow([C.scopeCode, '区、街道、社区的区划代码（6、9、12 位）或 15 位网格编码，须在您的管辖范围内']);
  help.addRow([C.orgCode, '部门工作人员必填，如 370983-urban_management（在“组织与队伍”页可查）；其他角色可空']);
  help.addRow([C.employment, '专职 或 兼职（空为专职）']);
  help.addRow([
    '大小',
    `一次最多 ${ROSTER_MAX_ROWS} 行、${ROSTER_MAX_BYTES / 1024 / 1024} MB；有任何问题则不创建任何账号`,
  ]);
  help.getColumn(1).width = 20;
  help.getColumn(2).width = 80;
  return Buffer.from(await book.xlsx.writeBuffer());
}
