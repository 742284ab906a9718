import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';
import { resolveStep } from '../../iot/commands/escalation.js';
import { findOnDutyUserIds, findUserIds } from '../index.js';

/**
 * 组织与队伍 within a scope: a street administrator manages their street's rapid-response team and nothing else, members
 * join and leave (audited), full/part-time and the on-duty roster, new departments with their services; and the
 * staff roster import: all or nothing, its problems by row and column.
 */
const DISTRICT = '370983';
const STREET = '370983002'; // 老城街道
const OTHER_STREET = '370983001'; // 新城街道
const TEAM = `${STREET}-rapid_response`;
const OTHER_TEAM = `${OTHER_STREET}-rapid_response`;

let t: TestApp;
let streetAdmin: string;
beforeAll(async () => {
  t = await startTestApp({ grids: [DISTRICT] });
  streetAdmin = await t.userCookie('street_staff', STREET, 'orgs.street');
});
afterAll(async () => t?.stop());

type Payload = Record<string, unknown>;
type Member = { id: number; username: string; employment: string; onDuty: boolean; orgCode: string | null };
type ManagedOrg = { code: string; kind: string; members: number; partTime: number; onDuty: number; services: string[] };

const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: Payload) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function managed(cookie: string): Promise<ManagedOrg[]> {
  const res = await call('GET', '/api/identity/orgs/managed', cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function members(cookie: string, code: string): Promise<Member[]> {
  const res = await call('GET', `/api/identity/orgs/${code}`, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().members;
}

async function newUser(payload: Payload): Promise<Member> {
  const res = await call('POST', '/api/identity/users', t.adminCookie, {
    displayName: String(payload.username),
    ...payload,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().user;
}

async function audits(action: string, subject: string) {
  return t.db.query<{ actor_name: string; detail: Record<string, unknown> }>(
    'SELECT actor_name, detail FROM core_audit WHERE action = $1 AND subject = $2 ORDER BY id',
    [action, subject],
  );
}

describe('organisations in scope', () => {
  it('shows a street administrator their street’s team only, a district administrator every kind', async () => {
    const street = await managed(streetAdmin);
    expect(street.map((o) => o.code)).toEqual([TEAM]);
    const district = await managed(t.adminCookie);
    const codes = district.map((o) => o.code);
    expect(codes).toEqual(expect.arrayContaining([TEAM, OTHER_TEAM, `${DISTRICT}-housing`]));
    expect(new Set(district.map((o) => o.kind))).toEqual(new Set(['department', 'rapid_response_team']));
  });

  it('keeps a street administrator out of another street’s team and the district’s departments', async () => {
    for (const code of [OTHER_TEAM, `${DISTRICT}-housing`]) {
      const res = await call('GET', `/api/identity/orgs/${code}`, streetAdmin);
      expect(res.statusCode, code).toBe(403);
      expect(res.json().error.code).toBe('auth.out_of_scope');
    }
    const worker = await newUser({ username: 'gw.other', role: 'grid_worker', scopeCode: OTHER_STREET });
    const add = await call('PUT', `/api/identity/orgs/${OTHER_TEAM}/members/${worker.id}`, streetAdmin, {});
    expect(add.statusCode).toBe(403);
    const duty = await call('PATCH', `/api/identity/orgs/${OTHER_TEAM}/members/${worker.id}`, streetAdmin, {
      onDuty: true,
    });
    expect(duty.statusCode).toBe(403);
    expect((await members(t.adminCookie, OTHER_TEAM)).map((m) => m.username)).not.toContain('gw.other');
  });

  it('lets a street administrator create a team in their street, not a district department', async () => {
    const department = await call('POST', '/api/identity/orgs', streetAdmin, {
      kind: 'department',
      regionCode: DISTRICT,
      key: 'street_made',
      name: '街道自建局',
    });
    expect(department.statusCode).toBe(403);
    expect(department.json().error).toMatchObject({ code: 'auth.out_of_scope', field: 'regionCode' });
    const elsewhere = await call('POST', '/api/identity/orgs', streetAdmin, {
      kind: 'social_organisation',
      regionCode: OTHER_STREET,
      key: 'volunteers',
      name: '新城志愿队',
    });
    expect(elsewhere.statusCode).toBe(403);
    const team = await call('POST', '/api/identity/orgs', streetAdmin, {
      kind: 'social_organisation',
      regionCode: STREET,
      key: 'volunteers',
      name: '老城志愿服务队',
    });
    expect(team.statusCode, team.body).toBe(200);
    expect((await managed(streetAdmin)).map((o) => o.code)).toContain(`${STREET}-volunteers`);
    const [audit] = await audits('identity.org_created', `org:${STREET}-volunteers`);
    expect(audit?.actor_name).toBe('orgs.street');
    const [row] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM identity_orgs WHERE code LIKE '%street_made'",
    );
    expect(row?.n).toBe(0);
  });

  it('puts each kind at its level, and refuses a code that is taken', async () => {
    const teamInDistrict = await call('POST', '/api/identity/orgs', t.adminCookie, {
      kind: 'rapid_response_team',
      regionCode: DISTRICT,
      key: 'rapid_two',
      name: '区快速处置二队',
    });
    expect(teamInDistrict.statusCode).toBe(400);
    expect(teamInDistrict.json().error).toMatchObject({ code: 'identity.org_region_level', field: 'regionCode' });
    expect(teamInDistrict.json().error.message).toContain('街道');
    const taken = await call('POST', '/api/identity/orgs', t.adminCookie, {
      kind: 'department',
      regionCode: DISTRICT,
      key: 'housing',
      name: '又一个住建局',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'identity.org_code_taken', field: 'key' });
  });

  it('creates a department with the services it owns, and changes them', async () => {
    const res = await call('POST', '/api/identity/orgs', t.adminCookie, {
      kind: 'department',
      regionCode: DISTRICT,
      key: 'administrative_approval',
      name: '肥城市行政审批服务局',
      services: ['营业执照办理', ' 施工许可 ', '营业执照办理'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().org.services).toEqual(['营业执照办理', '施工许可']);
    const code = `${DISTRICT}-administrative_approval`;
    const changed = await call('PATCH', `/api/identity/orgs/${code}`, t.adminCookie, { services: ['施工许可'] });
    expect(changed.json().org.services).toEqual(['施工许可']);
    const listed = (await managed(t.adminCookie)).find((o) => o.code === code);
    expect(listed?.services).toEqual(['施工许可']);
    expect(await audits('identity.org_changed', `org:${code}`)).toHaveLength(1);
  });
});

describe('members of a team', () => {
  let fullTimer: Member;
  let partTimer: Member;
  let gridWorker: Member;

  it('creates new members full-time or part-time, and adds an existing account (audited)', async () => {
    fullTimer = await newUser({ username: 'rr.full', role: 'department_staff', scopeCode: STREET, orgCode: TEAM });
    partTimer = await newUser({
      username: 'rr.part',
      role: 'department_staff',
      scopeCode: STREET,
      orgCode: TEAM,
      employment: 'part_time',
    });
    expect(fullTimer.employment).toBe('full_time');
    expect(partTimer.employment).toBe('part_time');
    gridWorker = await newUser({ username: 'gw.joins', role: 'grid_worker', scopeCode: STREET });
    const add = await call('PUT', `/api/identity/orgs/${TEAM}/members/${gridWorker.id}`, streetAdmin, {
      employment: 'part_time',
    });
    expect(add.statusCode, add.body).toBe(200);
    expect(add.json().member).toMatchObject({ orgCode: TEAM, employment: 'part_time', onDuty: false });
    const [audit] = await audits('identity.org_member_added', `user:${gridWorker.id}`);
    expect(audit).toMatchObject({ actor_name: 'orgs.street', detail: { orgCode: TEAM, fromOrgCode: null } });
    const team = (await managed(streetAdmin)).find((o) => o.code === TEAM);
    expect(team).toMatchObject({ members: 3, partTime: 2, onDuty: 0 });
  });

  it('refuses a resident as a member', async () => {
    const resident = await newUser({ username: 'res.one', role: 'resident', scopeCode: STREET });
    const res = await call('PUT', `/api/identity/orgs/${TEAM}/members/${resident.id}`, streetAdmin, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'identity.not_member_role', field: 'userId' });
  });

  it('keeps the on-duty roster: those on duty are who findOnDutyUserIds reaches', async () => {
    // nobody on duty yet: every member, so that nobody is reached less than before
    expect((await findOnDutyUserIds(t.db, TEAM)).sort()).toEqual([fullTimer.id, partTimer.id, gridWorker.id].sort());
    const res = await call('PATCH', `/api/identity/orgs/${TEAM}/members/${partTimer.id}`, streetAdmin, {
      onDuty: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().member.onDuty).toBe(true);
    expect(await findOnDutyUserIds(t.db, TEAM)).toEqual([partTimer.id]);
    // a fire in the street calls out the team's members on duty
    const [fire] = await resolveStep(t.db, 'rapid_response', {
      deviceId: 0,
      gridPath: `37.3709.${DISTRICT}.${STREET}.${STREET}001.${STREET}001001`,
    });
    expect(fire).toMatchObject({ target: TEAM, recipientIds: [partTimer.id] });
    // findUserIds still names every member: a whistle reaches the whole team
    expect((await findUserIds(t.db, { orgCode: TEAM })).length).toBe(3);
    const listed = await members(streetAdmin, TEAM);
    expect(listed[0]).toMatchObject({ username: 'rr.part', onDuty: true });
    expect((await managed(streetAdmin)).find((o) => o.code === TEAM)?.onDuty).toBe(1);
    const [audit] = await audits('identity.org_member_changed', `user:${partTimer.id}`);
    expect(audit?.detail).toMatchObject({ before: { onDuty: false }, after: { onDuty: true } });
    const full = await call('PATCH', `/api/identity/orgs/${TEAM}/members/${fullTimer.id}`, streetAdmin, {
      employment: 'part_time',
    });
    expect(full.json().member.employment).toBe('part_time');
  });

  it('refuses to mark someone who is not a member', async () => {
    const stranger = await newUser({ username: 'gw.stranger', role: 'grid_worker', scopeCode: STREET });
    const res = await call('PATCH', `/api/identity/orgs/${TEAM}/members/${stranger.id}`, streetAdmin, { onDuty: true });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'identity.not_a_member', field: 'id' });
  });

  it('removes a member (org cleared, off duty, audited), but not department staff, who need an org', async () => {
    await call('PATCH', `/api/identity/orgs/${TEAM}/members/${gridWorker.id}`, streetAdmin, { onDuty: true });
    const res = await call('DELETE', `/api/identity/orgs/${TEAM}/members/${gridWorker.id}`, streetAdmin);
    expect(res.statusCode, res.body).toBe(204);
    const [row] = await t.db.query<{ org_code: string | null; on_duty: boolean }>(
      'SELECT org_code, on_duty FROM identity_users WHERE id = $1',
      [gridWorker.id],
    );
    expect(row).toEqual({ org_code: null, on_duty: false });
    expect(await audits('identity.org_member_removed', `user:${gridWorker.id}`)).toHaveLength(1);
    expect((await members(streetAdmin, TEAM)).map((m) => m.username)).not.toContain('gw.joins');

    const staff = await call('DELETE', `/api/identity/orgs/${TEAM}/members/${fullTimer.id}`, streetAdmin);
    expect(staff.statusCode).toBe(409);
    expect(staff.json().error.code).toBe('identity.member_needs_org');
    expect((await members(streetAdmin, TEAM)).map((m) => m.username)).toContain('rr.full');
  });
});

/** A roster spreadsheet: the template's columns and these rows. */
async function roster(rows: Record<string, string>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('人员名册');
  const headers = ['姓名', '用户名', '角色', '管辖区划或网格编码', '所属部门/队伍编码', '专兼职'];
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? ''));
  return Buffer.from(await book.xlsx.writeBuffer());
}

function upload(cookie: string, bytes: Buffer, filename = 'roster.xlsx', lang = 'zh-CN') {
  const boundary = '----shanzhi-roster';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return t.app.inject({
    method: 'POST',
    url: '/api/identity/roster',
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie, 'accept-language': lang },
  });
}

const member = (username: string, extra: Record<string, string> = {}) => ({
  姓名: `队员${username}`,
  用户名: username,
  角色: '部门工作人员',
  管辖区划或网格编码: STREET,
  '所属部门/队伍编码': TEAM,
  专兼职: '专职',
  ...extra,
});

async function userCount(): Promise<number> {
  const [row] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM identity_users');
  return row?.n ?? 0;
}

describe('the staff roster import', () => {
  it('creates every account of a good file, and hands their one-time passwords back once as a spreadsheet', async () => {
    const before = await userCount();
    const res = await upload(
      streetAdmin,
      await roster([
        member('roster.a'),
        member('roster.b', { 专兼职: '兼职' }),
        { 姓名: '网格员丙', 用户名: 'roster.c', 角色: '网格员', 管辖区划或网格编码: STREET, 专兼职: '' },
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().created).toBe(3);
    expect(await userCount()).toBe(before + 3);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(res.json().passwordsXlsx, 'base64') as never);
    const sheet = book.worksheets[0];
    const rowB = sheet?.getRow(3).values as string[];
    expect(rowB[2]).toBe('roster.b');
    const password = String(rowB[4]);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { username: 'roster.b', password },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().user).toMatchObject({ mustChangePassword: true, orgCode: TEAM, role: 'department_staff' });
    const listed = await members(streetAdmin, TEAM);
    expect(listed.find((m) => m.username === 'roster.b')?.employment).toBe('part_time');
    const [audit] = await t.db.query<{ detail: { created: number } }>(
      `SELECT detail FROM core_audit WHERE action = 'identity.roster_imported' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.detail.created).toBe(3);
  });

  it('reports a bad file’s problems by row and column, and creates nobody', async () => {
    const before = await userCount();
    const res = await upload(
      streetAdmin,
      await roster([
        member('roster.ok'),
        member('roster.bad', { 专兼职: '临时' }),
        member('roster.far', { 管辖区划或网格编码: OTHER_STREET }),
        member('roster.high', { 角色: '区级管理员', '所属部门/队伍编码': '' }),
        member('roster.a'),
      ]),
    );
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error).toMatchObject({ code: 'identity.roster_invalid', field: 'file' });
    expect(error.message).toContain('未创建任何账号');
    expect(error.details.problems).toEqual([
      { row: 3, column: '专兼职', message: expect.stringContaining('专职') },
      { row: 4, column: '管辖区划或网格编码', message: expect.stringContaining('不在您的管辖范围内') },
      { row: 5, column: '角色', message: expect.stringContaining('区级管理员') },
      { row: 6, column: '用户名', message: expect.stringContaining('已被使用') },
    ]);
    expect(await userCount()).toBe(before);
    const en = await upload(streetAdmin, await roster([member('roster.bad', { 专兼职: '临时' })]), 'roster.xlsx', 'en');
    expect(en.json().error.message).toContain('no account was created');
    expect(en.json().error.details.problems).toEqual([
      { row: 2, column: '专兼职', message: expect.stringContaining('full-time') },
    ]);
  });

  it('calls a username twice in one file an error', async () => {
    const before = await userCount();
    const res = await upload(t.adminCookie, await roster([member('roster.twice'), member('ROSTER.TWICE')]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.problems).toEqual([
      { row: 3, column: '用户名', message: expect.stringContaining('第 2 行') },
    ]);
    expect(await userCount()).toBe(before);
  });

  it('names a missing column, refuses what is not an xlsx, and a file over 2 MB before reading it', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRow(['姓名', '用户名']);
    book.worksheets[0]?.addRow(['某', 'someone']);
    const missing = await upload(t.adminCookie, Buffer.from(await book.xlsx.writeBuffer()));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.problems.map((p: { column: string }) => p.column)).toEqual(
      expect.arrayContaining(['角色', '管辖区划或网格编码']),
    );
    const csv = await upload(t.adminCookie, Buffer.from('姓名,用户名\n'), 'roster.csv');
    expect(csv.json().error).toMatchObject({ code: 'identity.roster_bad_file', field: 'file' });
    const junk = await upload(t.adminCookie, Buffer.from('not a spreadsheet'), 'roster.xlsx');
    expect(junk.json().error.code).toBe('identity.roster_bad_file');
    const big = await upload(t.adminCookie, Buffer.alloc(2 * 1024 * 1024 + 10, 1));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('identity.roster_too_large');
  });

  it('offers a template whose columns are the ones the import reads', async () => {
    const res = await call('GET', '/api/identity/roster/template.xlsx', streetAdmin);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as never);
    expect(((book.worksheets[0]?.getRow(1).values ?? []) as string[]).slice(1)).toEqual([
      '姓名',
      '用户名',
      '角色',
      '管辖区划或网格编码',
      '所属部门/队伍编码',
      '专兼职',
    ]);
  });
});
