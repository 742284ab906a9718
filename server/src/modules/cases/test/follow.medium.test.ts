import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support.js';

/**
 * 我也遇到 opens a case to neighbours only, and only its public view: a resident across the district learns nothing
 * of a report by trying ids, and a follower never sees who reported or what they wrote unless staff made it public.
 */

let t: TestApp;
const STREET = '370983002';
let near: { lng: number; lat: number };
let far: { lng: number; lat: number };
const u: Record<string, string> = {};

const DESCRIPTION = '隔壁王某某家暴，受害人李某某，住 5 栋 302，电话 13912345678';
const CONTACT = { name: '李某某', phone: '13912345678' };

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  const [grid] = await t.db.query<{ code: string; lng: number; lat: number }>(
    `SELECT code, ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat FROM geo_grids
     WHERE community_code = $1 ORDER BY code LIMIT 1`,
    [`${STREET}001`],
  );
  near = { lng: grid?.lng as number, lat: grid?.lat as number };
  // the grid of another street farthest from the first: well beyond any follow radius
  const [other] = await t.db.query<{ lng: number; lat: number; metres: number }>(
    `SELECT ST_X(ST_PointOnSurface(g.geom)) AS lng, ST_Y(ST_PointOnSurface(g.geom)) AS lat,
       ST_Distance(g.geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) AS metres
     FROM geo_grids g WHERE g.code LIKE '370983%' AND g.code NOT LIKE $1 ORDER BY metres DESC LIMIT 1`,
    [`${STREET}%`, near.lng, near.lat],
  );
  expect(other?.metres).toBeGreaterThan(3000);
  far = { lng: other?.lng as number, lat: other?.lat as number };
  u.reporter = await t.userCookie('resident', '370983', 'follow.reporter');
  u.neighbour = await t.userCookie('resident', '370983', 'follow.neighbour');
  u.farAway = await t.userCookie('resident', '370983', 'follow.faraway');
  u.gridWorker = await t.userCookie('grid_worker', grid?.code as string, 'follow.gw');
  u.community = await t.userCookie('community_staff', `${STREET}001`, 'follow.cs');
  u.otherStreet = await t.userCookie('street_staff', '370983001', 'follow.other');
});
afterAll(async () => t?.stop());

const report = async (cookie: string, body: Record<string, unknown>) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie }, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().case as { id: number; number: string };
};
const follow = (cookie: string, id: number, location?: { lng: number; lat: number }) =>
  t.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/follow`,
    headers: { cookie },
    ...(location ? { payload: { location } } : {}),
  });
const view = (cookie: string, id: number) => t.app.inject({ url: `/api/cases/${id}`, headers: { cookie } });
const act = async (cookie: string, id: number, body: Record<string, unknown>) => {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/actions`,
    headers: { cookie },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(200);
};
const makePublic = (cookie: string, id: number, value: boolean) =>
  t.app.inject({ method: 'PUT', url: `/api/cases/${id}/public`, headers: { cookie }, payload: { public: value } });

async function photo(cookie: string): Promise<number> {
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
    .jpeg()
    .toBuffer();
  const boundary = '----follow-test';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases/media',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** The domestic-violence report of the issue: a name, an address, a phone and a photo. */
async function sensitiveCase() {
  const photoId = await photo(u.reporter as string);
  const c = await report(u.reporter as string, {
    categoryCode: 'S02',
    description: DESCRIPTION,
    address: '某小区 5 栋 302',
    location: near,
    contact: CONTACT,
    mediaIds: [photoId],
  });
  return { ...c, photoId };
}

describe('following a case', () => {
  it('refuses a resident in another street, in the same words as for a case that does not exist', async () => {
    const c = await sensitiveCase();
    await report(u.farAway as string, { categoryCode: 'S02', description: '我家楼下路灯坏了', location: far });
    for (const attempt of [follow(u.farAway as string, c.id), follow(u.farAway as string, c.id, far)]) {
      const res = await attempt;
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'cases.not_followable', field: 'id' });
    }
    const missing = await follow(u.farAway as string, c.id + 1000, far);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe((await follow(u.farAway as string, c.id, far)).json().error.message);
    // reading by id, a case there or not, answers the same
    const read = await view(u.farAway as string, c.id);
    expect(read.statusCode).toBe(404);
    expect(read.json().error.code).toBe((await view(u.farAway as string, c.id + 1000)).json().error.code);
    const photoRes = await t.app.inject({ url: `/api/cases/media/${c.photoId}`, headers: { cookie: u.farAway } });
    expect(photoRes.statusCode).toBe(404);
    expect(JSON.stringify([read.json(), photoRes.json()])).not.toContain('王某某');
  });

  it('shows a neighbour who follows only the public view: no description, photos, address or reporter', async () => {
    const c = await sensitiveCase();
    await act(u.community as string, c.id, { action: 'accept' });
    const res = await follow(u.neighbour as string, c.id, near);
    expect(res.statusCode, res.body).toBe(200);
    const { case: item, timeline } = res.json();
    expect(item).toMatchObject({
      view: 'public',
      following: true,
      status: 'accepted',
      category: { code: 'S02' },
      description: '',
      address: '',
      location: null,
      reporter: { name: null, phone: null },
    });
    expect(item.areaName).not.toBe('');
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['report', 'accept']);
    // residents as 居民, staff as their role: nobody's own name
    expect(timeline.map((e: { actorName: string }) => e.actorName)).toEqual(['居民', '社区工作人员']);
    expect(timeline.every((e: { media: unknown[] }) => e.media.length === 0)).toBe(true);
    const body = JSON.stringify(res.json());
    for (const secret of ['王某某', '李某某', '302', '1391234', '测试']) expect(body).not.toContain(secret);
    const photoRes = await t.app.inject({ url: `/api/cases/media/${c.photoId}`, headers: { cookie: u.neighbour } });
    expect(photoRes.statusCode).toBe(404);
    // the followed case in their list is the same public view
    const mine = await t.app.inject({ url: '/api/cases?box=reported_by_me', headers: { cookie: u.neighbour } });
    const listed = mine.json().items.find((i: { id: number }) => i.id === c.id);
    expect(listed).toMatchObject({ view: 'public', description: '', reporter: { name: null } });
    // the reporter still sees everything they wrote
    expect((await view(u.reporter as string, c.id)).json().case).toMatchObject({
      view: 'full',
      description: DESCRIPTION,
      reporter: { name: '李某某', phone: '139****5678' },
    });
  });

  it('lets a resident follow without a position a case near a problem they reported', async () => {
    const c = await report(u.reporter as string, { categoryCode: 'S03', description: '充电桩坏了', location: near });
    const neighbour = await t.userCookie('resident', '370983', 'follow.reported.near');
    expect((await follow(neighbour, c.id)).statusCode).toBe(404);
    await report(neighbour, { categoryCode: 'E0101', description: '路边垃圾', location: near });
    expect((await follow(neighbour, c.id)).statusCode).toBe(200);
  });

  it('lets staff over the area make a case public: its description and report photos, never the reporter', async () => {
    const c = await sensitiveCase();
    expect((await follow(u.neighbour as string, c.id, near)).statusCode).toBe(200);
    expect((await makePublic(u.otherStreet as string, c.id, true)).statusCode).toBe(403);
    expect((await makePublic(u.neighbour as string, c.id, true)).statusCode).toBe(403);
    const made = await makePublic(u.community as string, c.id, true);
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json().case).toMatchObject({ public: true, view: 'full' });
    const audit = await t.db.query<{ actor: string }>(
      `SELECT actor_name AS actor FROM core_audit WHERE action = 'cases.case_made_public' AND subject = $1`,
      [`case:${c.id}`],
    );
    expect(audit).toHaveLength(1);

    const seen = (await view(u.neighbour as string, c.id)).json();
    expect(seen.case).toMatchObject({
      view: 'public',
      description: DESCRIPTION,
      reporter: { name: null, phone: null },
    });
    expect(seen.timeline[0]).toMatchObject({ action: 'report', actorName: '居民', media: [{ id: c.photoId }] });
    expect(JSON.stringify(seen)).not.toContain('测试');
    const photoRes = await t.app.inject({ url: `/api/cases/media/${c.photoId}`, headers: { cookie: u.neighbour } });
    expect(photoRes.statusCode).toBe(200);

    expect((await makePublic(u.community as string, c.id, false)).statusCode).toBe(200);
    expect((await view(u.neighbour as string, c.id)).json().case.description).toBe('');
  });

  it('tells a follower of "the problem you follow", never quoting the description', async () => {
    const c = await report(u.reporter as string, { categoryCode: 'S02', description: DESCRIPTION, location: near });
    const follower = await t.userCookie('resident', '370983', 'follow.hears');
    expect((await follow(follower, c.id, near)).statusCode).toBe(200);
    await act(u.community as string, c.id, { action: 'accept' });
    await t.events.drain();
    const heard = async (cookie: string) =>
      (await t.app.inject({ url: '/api/notify/messages', headers: { cookie } }))
        .json()
        .items.find(
          (m: { subject: string; titleZh: string }) => m.subject === `case:${c.id}` && m.titleZh.includes('受理'),
        );
    const followerMessage = await heard(follower);
    expect(followerMessage.titleZh).toBe(`您关注的问题 ${c.number} 已受理立案`);
    expect(followerMessage.titleEn).toBe(`The problem you follow (${c.number}) was accepted`);
    expect(JSON.stringify(followerMessage)).not.toContain('王某某');
    expect((await heard(u.reporter as string)).titleZh).toBe(`您反映的问题 ${c.number} 已受理立案`);
  });
});

describe('nearby open cases', () => {
  it('gives category, distance, status and area only, anonymous reports included in that form', async () => {
    const named = await report(u.reporter as string, {
      categoryCode: 'E0102',
      description: DESCRIPTION,
      location: near,
      contact: CONTACT,
    });
    const anonymous = await report(u.reporter as string, {
      categoryCode: 'E0102',
      description: '匿名：楼道堆放杂物',
      location: near,
      anonymous: true,
    });
    const res = await t.app.inject({
      url: `/api/cases/nearby?categoryCode=E0102&lng=${near.lng}&lat=${near.lat}`,
      headers: { cookie: u.farAway },
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([named.id, anonymous.id]));
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['areaName', 'categoryCode', 'distance', 'id', 'status']);
      expect(item).toMatchObject({ categoryCode: 'E0102', status: 'reported' });
      expect((item.distance as number) % 50).toBe(0);
    }
    expect(res.body).not.toContain('王某某');
    expect(res.body).not.toContain('楼道');
  });
});

describe('timeline names', () => {
  it('keep an anonymous reporter anonymous on every row, to staff too', async () => {
    const c = await report(u.reporter as string, {
      categoryCode: 'S03',
      description: '匿名反映：井盖缺失',
      location: near,
      anonymous: true,
    });
    await act(u.gridWorker as string, c.id, { action: 'self_handle' });
    await act(u.gridWorker as string, c.id, { action: 'handle', note: '已补装井盖' });
    await act(u.community as string, c.id, { action: 'verify' });
    await act(u.community as string, c.id, {
      action: 'close',
      summary: { measures: '已补装井盖', rootCause: 'facility_ageing', mayRecur: 'no' },
    });
    await act(u.reporter as string, c.id, { action: 'rate', rating: 'satisfied', resolved: true });
    const staff = (await view(u.community as string, c.id)).json();
    const byReporter = staff.timeline.filter((e: { actorRole: string }) => e.actorRole === 'resident');
    expect(byReporter.map((e: { action: string }) => e.action)).toEqual(['report', 'rate']);
    expect(byReporter.every((e: { actorName: string }) => e.actorName === '匿名居民')).toBe(true);
    expect(staff.case.reporter.name).toBeNull();
  });
});
