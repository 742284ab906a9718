import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/auth.js';
import { splitStatements } from '../../../core/migrate.js';
import { startTestApp, type TestApp } from '../../../test/support.js';
import { type TransitionInput, transitionCase } from '../commands/transition-case.js';

/**
 * The KPIs of a fixed set of cases, each figure worked out by hand below and compared with what the API and the
 * workbook say. Times are China time (+08:00); the period is March 2026.
 */
let t: TestApp;
let point: { lng: number; lat: number };
const STREET = '370983002';
const COMMUNITY = `${STREET}001`;
const DEPARTMENT = '370983-urban_management';
/** 处置总结: what every close in this fixed set says. */
const SUMMARY = { measures: '已上门送餐', rootCause: 'management_gap', mayRecur: 'no' } as const;
const FROM = '2026-03-01T00:00:00+08:00';
const TO = '2026-04-01T00:00:00+08:00';
const cookies: Record<string, string> = {};
const actors: Record<string, Actor> = {};
const ids: Record<string, number> = {};

const at = (local: string) => new Date(`2026-${local}:00+08:00`);

async function actorOf(cookie: string): Promise<Actor> {
  const { user } = (await t.app.inject({ url: '/api/identity/me', headers: { cookie } })).json();
  return { ...user, mustChangePassword: false, sessionId: 0 };
}

async function reportAt(description: string, reportedAt: Date): Promise<number> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: cookies.resident as string },
    payload: { categoryCode: 'S06', description, location: point },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().case.id as number;
  // the report is filed now; the fixed set needs it filed in March 2026
  await t.db.query('UPDATE cases_cases SET reported_at = $1 WHERE id = $2', [reportedAt, id]);
  return id;
}

const step = (who: string, id: number, input: TransitionInput, when: string) =>
  transitionCase(t, actors[who] as Actor, id, input, at(when));

/** accept → dispatch → start → handle → close, the work done by whoever holds the case. */
async function handleAndClose(id: number, holder: 'community' | 'department', handledOn: string, closedOn: string) {
  await step(
    'community',
    id,
    holder === 'community'
      ? { action: 'dispatch', level: 'community' }
      : { action: 'dispatch', level: 'department', orgCode: DEPARTMENT },
    handledOn,
  );
  await step(holder, id, { action: 'start' }, handledOn);
  await step(holder, id, { action: 'handle', note: '已上门送餐' }, handledOn);
  await step('community', id, { action: 'close', summary: SUMMARY }, closedOn);
}

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  const grids = await t.app.inject({ url: `/api/geo/regions/${COMMUNITY}/grids`, headers: { cookie: t.adminCookie } });
  const gridCode = grids.json().features[0].properties.code as string;
  const grid = (await t.app.inject({ url: `/api/geo/grids/${gridCode}`, headers: { cookie: t.adminCookie } })).json()
    .grid;
  point = { lng: grid.centroid[0], lat: grid.centroid[1] };
  cookies.resident = await t.userCookie('resident', '370983', 'kpi.resident');
  cookies.community = await t.userCookie('community_staff', COMMUNITY, 'kpi.community');
  cookies.street = await t.userCookie('street_staff', STREET, 'kpi.street');
  cookies.department = await t.userCookie('department_staff', '370983', 'kpi.dept', DEPARTMENT);
  for (const [who, cookie] of Object.entries(cookies)) actors[who] = await actorOf(cookie);
  // the auditor's example: a response limit of 2 hours
  const limit = await t.app.inject({
    method: 'PATCH',
    url: '/api/cases/categories/S06',
    headers: { cookie: t.adminCookie },
    payload: { respondHours: 2 },
  });
  expect(limit.statusCode, limit.body).toBe(200);

  // A: accepted 1 h 30 after the report; rated 不满意 / 未解决, reopened, rated again 基本满意 / 已解决
  ids.a = await reportAt('A 老人助餐', at('03-02T09:00'));
  await step('community', ids.a, { action: 'accept' }, '03-02T10:30');
  await handleAndClose(ids.a, 'community', '03-03T09:00', '03-04T09:00');
  await step(
    'resident',
    ids.a,
    { action: 'rate', rating: 'unsatisfied', resolved: false, note: '没送到' },
    '03-05T10:00',
  );
  await step('community', ids.a, { action: 'start' }, '03-08T09:00');
  await step('community', ids.a, { action: 'handle', note: '改为每日送餐' }, '03-08T10:00');
  await step('community', ids.a, { action: 'close', summary: SUMMARY }, '03-09T09:00');
  await step('resident', ids.a, { action: 'rate', rating: 'basically_satisfied', resolved: true }, '03-10T10:00');

  // B: accepted 27 h after the report, past its 2 h limit; held by a department; the hotline operator records
  // the return visit (满意 / 已解决) on a call
  ids.b = await reportAt('B 老人助餐', at('03-03T09:00'));
  await step('community', ids.b, { action: 'accept' }, '03-04T12:00');
  await handleAndClose(ids.b, 'department', '03-10T09:00', '03-11T09:00');
  await step('community', ids.b, { action: 'rate', rating: 'satisfied', resolved: true }, '03-12T10:00');

  // C: accepted exactly at its 2 h limit; the resident is 满意 but says the problem is 未解决
  ids.c = await reportAt('C 老人助餐', at('03-05T09:00'));
  await step('community', ids.c, { action: 'accept' }, '03-05T11:00');
  await handleAndClose(ids.c, 'community', '03-11T09:00', '03-12T09:00');
  await step('resident', ids.c, { action: 'rate', rating: 'satisfied', resolved: false }, '03-13T10:00');

  // D: never accepted, its limit long past; E: rejected, answered otherwise
  ids.d = await reportAt('D 老人助餐', at('03-06T09:00'));
  ids.e = await reportAt('E 老人助餐', at('03-07T09:00'));
  await step('community', ids.e, { action: 'reject', note: '不属于本社区' }, '03-07T10:00');

  // F: reported, handled and closed in February, outside the period, not yet rated
  ids.f = await reportAt('F 老人助餐', at('02-20T09:00'));
  await step('community', ids.f, { action: 'accept' }, '02-20T09:30');
  await handleAndClose(ids.f, 'community', '02-21T09:00', '02-22T09:00');
});
afterAll(async () => t?.stop());

// The hand calculation.
// 响应率: due a response = A, B, C, D (E was rejected) = 4; accepted within report + 2 h = A (1.5 h), C (2 h) = 2
const RESPONSE_DUE = 4;
const RESPONDED = 2;
// 评价 given in March: A 不满意, A 基本满意, B 满意, C 满意 = 4; 满意 2 + 基本满意 1 = 3
const RATINGS = 4;
const SATISFIED = 2;
const BASICALLY = 1;
// 回访 in March: the same 4; answered 已解决: A's second, B = 2
const RETURN_VISITS = 4;
const RESOLVED = 2;

const kpis = (cookie: string, query = `regionCode=${STREET}&categoryCode=S06`) =>
  t.app.inject({
    url: `/api/cases/kpis?${query}&from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`,
    headers: { cookie },
  });

describe('the case KPIs by the book', () => {
  it('counts the response from the report, every rating given, and resolution from the return visits', async () => {
    const res = await kpis(cookies.street as string);
    expect(res.statusCode, res.body).toBe(200);
    const { counts, kpis: figures, definitions } = res.json();
    expect(counts).toMatchObject({
      received: 5,
      responseDue: RESPONSE_DUE,
      responded: RESPONDED,
      rated: RATINGS,
      satisfied: SATISFIED,
      basicallySatisfied: BASICALLY,
      returnVisits: RETURN_VISITS,
      resolved: RESOLVED,
    });
    expect(figures.responseRate).toBe(0.5); // 2 ÷ 4
    expect(figures.satisfactionRate).toBe(0.75); // (2 + 1) ÷ 4
    expect(figures.resolutionRate).toBe(0.5); // 2 ÷ 4
    expect(definitions.responseRate.formula).toContain('上报时间 + 类别响应小时数');
    expect(definitions.resolutionRate.formula).toContain('回访');
    expect(definitions.satisfactionRate.formula).toContain('全部评价数');
  });

  it('counts the response limit from the report: B accepted 27 h after a 2 h limit is late', async () => {
    const b = (await t.app.inject({ url: `/api/cases/${ids.b}`, headers: { cookie: cookies.street as string } })).json()
      .case;
    expect(b.respondDueAt).toBe(at('03-03T11:00').toISOString());
    expect(new Date(b.acceptedAt).getTime() - new Date(b.reportedAt).getTime()).toBe(27 * 3600_000);
  });

  it('keeps every rating as a row: who rated, as resident or operator, and the answer to 是否已解决', async () => {
    const rows = await t.db.query<{ case_id: string; rating: string; resolved: boolean; rated_by_kind: string }>(
      'SELECT case_id::text, rating, resolved, rated_by_kind FROM cases_ratings ORDER BY rated_at',
    );
    expect(rows.map((r) => [Number(r.case_id), r.rating, r.resolved, r.rated_by_kind])).toEqual([
      [ids.a, 'unsatisfied', false, 'resident'],
      [ids.a, 'basically_satisfied', true, 'resident'],
      [ids.b, 'satisfied', true, 'operator'],
      [ids.c, 'satisfied', false, 'resident'],
    ]);
    // the case shows its latest rating
    const a = (
      await t.app.inject({ url: `/api/cases/${ids.a}`, headers: { cookie: cookies.resident as string } })
    ).json().case;
    expect(a.rating).toBe('basically_satisfied');
  });

  it('refuses a rating without the return visit’s 已解决/未解决, naming the field', async () => {
    const id = ids.f as number;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/actions`,
      headers: { cookie: cookies.resident as string, 'accept-language': 'zh-CN' },
      payload: { action: 'rate', rating: 'satisfied' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'cases.missing_field', field: 'resolved' });
    expect(res.json().error.message).toContain('resolved');
    const none = await t.db.query('SELECT 1 FROM cases_ratings WHERE case_id = $1', [id]);
    expect(none).toHaveLength(0);
    // a resident who is not the reporter may not rate; an operator outside the area may not either (to both the
    // case is not there)
    const stranger = await t.userCookie('resident', '370983', 'kpi.stranger');
    const other = await t.userCookie('community_staff', '370983002002', 'kpi.othercommunity');
    for (const cookie of [stranger, other]) {
      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${id}/actions`,
        headers: { cookie },
        payload: { action: 'rate', rating: 'satisfied', resolved: true },
      });
      expect(refused.statusCode).toBe(404);
    }
  });

  it('gives the trend by week in China time and ranks the communities and departments', async () => {
    const { trend, ranking } = (await kpis(cookies.street as string)).json();
    // March 2026 starts on a Sunday: that day, then Mondays, the last piece clipped at the period's end
    expect(trend.unit).toBe('week');
    expect(trend.points.map((p: { label: string }) => p.label)).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
    ]);
    const [sunday, week1, week2] = trend.points;
    expect(sunday).toMatchObject({ received: 0, kpis: { responseRate: null, satisfactionRate: null } });
    // 2–8 March: A–E reported (5), due a response A–D (4), in time A, C (2); one rating, A's 不满意 / 未解决
    expect(week1).toMatchObject({
      received: 5,
      kpis: { responseRate: 0.5, satisfactionRate: 0, resolutionRate: 0 },
    });
    // 9–15 March: A 基本满意 / 已解决, B 满意 / 已解决, C 满意 / 未解决: 3 ÷ 3 satisfied, 2 ÷ 3 resolved
    expect(week2).toMatchObject({
      received: 0,
      kpis: { responseRate: null, satisfactionRate: 1, resolutionRate: 0.6667 },
    });

    const community = ranking.areas.find((r: { code: string }) => r.code === COMMUNITY);
    expect(ranking.areas[0].code).toBe(COMMUNITY);
    expect(community.kpis).toMatchObject({ responseRate: 0.5, satisfactionRate: 0.75, resolutionRate: 0.5 });
    const quiet = ranking.areas.find((r: { code: string }) => r.code === `${STREET}002`);
    expect(quiet.kpis.satisfactionRate).toBeNull();
    // the department held B alone: late (0 ÷ 1), 满意 (1 ÷ 1), 已解决 (1 ÷ 1)
    expect(ranking.departments).toHaveLength(1);
    expect(ranking.departments[0]).toMatchObject({
      code: DEPARTMENT,
      kpis: { responseRate: 0, satisfactionRate: 1, resolutionRate: 1 },
    });
    expect(ranking.departments[0].name).not.toBe(DEPARTMENT);
  });

  it('trends by month over a longer period', async () => {
    const res = await t.app.inject({
      url: `/api/cases/kpis?regionCode=${STREET}&from=${encodeURIComponent('2026-01-01T00:00:00+08:00')}&to=${encodeURIComponent(TO)}`,
      headers: { cookie: cookies.street as string },
    });
    const { trend } = res.json();
    expect(trend.unit).toBe('month');
    expect(trend.points.map((p: { label: string; received: number }) => [p.label, p.received])).toEqual([
      ['2026-01', 0],
      ['2026-02', 1], // F
      ['2026-03', 5],
    ]);
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const res = await t.app.inject({
      url: `/api/cases/kpis?from=${encodeURIComponent(TO)}&to=${encodeURIComponent(FROM)}`,
      headers: { cookie: cookies.street as string },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('to');
  });

  it('exports the figures, the period in China time, the trend and both rankings', async () => {
    const res = await t.app.inject({
      url: `/api/cases/kpis.xlsx?regionCode=${STREET}&categoryCode=S06&from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`,
      headers: { cookie: cookies.street as string, 'accept-language': 'zh-CN' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('考核指标');
    const rows = sheet?.getRows(1, 20) ?? [];
    const row = (name: string) => rows.find((r) => String(r.getCell(1).value).startsWith(name));
    expect(row('期间')?.getCell(2).value).toBe('2026-03-01 – 2026-03-31');
    expect(row('响应率')?.getCell(2).value).toBe(0.5);
    expect(row('满意率')?.getCell(2).value).toBe(0.75);
    expect(row('解决率')?.getCell(2).value).toBe(0.5);

    const trend = book.getWorksheet('趋势');
    expect(trend?.getRow(1).getCell(1).value).toBe('周（起始日）');
    expect(trend?.getRow(3).getCell(1).value).toBe('2026-03-02');
    expect(trend?.getRow(3).getCell(2).value).toBe(5);
    expect(trend?.getRow(4).getCell(5).value).toBe(1); // 9–15 March: 满意率 3 ÷ 3

    const areas = book.getWorksheet('区域排名');
    expect(areas?.getRow(2).getCell(3).value).toBe(COMMUNITY);
    const departments = book.getWorksheet('部门排名');
    expect(departments?.getRow(2).getCell(3).value).toBe(DEPARTMENT);
    expect(departments?.getRow(3).getCell(3).value).toBeNull();
  });

  // Last: it rebuilds cases_ratings as a database from before migration 0009 would have it.
  it('migration 0009 keeps every rating given before it, and moves response limits to the report', async () => {
    await t.db.query('DROP TABLE cases_ratings');
    // as the old code stored them: the limit counted from the acceptance, a rating without a timeline row
    await t.db.query(`UPDATE cases_cases SET respond_due_at = accepted_at + interval '2 hours' WHERE id = $1`, [ids.b]);
    await t.db.query(`UPDATE cases_cases SET rating = 'satisfied', rating_comment = '电话里说满意' WHERE id = $1`, [
      ids.d,
    ]);
    const file = new URL('../db/migrations/0009_ratings.sql', import.meta.url);
    for (const statement of splitStatements(readFileSync(file, 'utf8'))) await t.db.query(statement);

    const rows = await t.db.query<{ case_id: string; rating: string; resolved: boolean | null; kind: string }>(
      `SELECT case_id::text, rating, resolved, rated_by_kind AS kind FROM cases_ratings
       WHERE backfilled ORDER BY case_id, id`,
    );
    expect(rows.map((r) => [Number(r.case_id), r.rating, r.resolved, r.kind])).toEqual([
      // both of A's ratings, the one before the reopen too; the question was not asked then
      [ids.a, 'unsatisfied', null, 'resident'],
      [ids.a, 'basically_satisfied', null, 'resident'],
      [ids.b, 'satisfied', null, 'operator'],
      [ids.c, 'satisfied', null, 'resident'],
      [ids.d, 'satisfied', null, 'resident'],
    ]);
    const [b] = await t.db.query<{ due: Date }>('SELECT respond_due_at AS due FROM cases_cases WHERE id = $1', [ids.b]);
    expect(new Date(b?.due as Date).toISOString()).toBe(at('03-03T11:00').toISOString());
    // only a rating copied from before the question was asked may lack its 已解决/未解决
    await expect(
      t.db.query(`INSERT INTO cases_ratings (case_id, rating, rated_by_kind) VALUES ($1, 'satisfied', 'resident')`, [
        ids.c,
      ]),
    ).rejects.toThrow(/check/i);
  });
});
