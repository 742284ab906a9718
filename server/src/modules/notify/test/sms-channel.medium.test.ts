import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevOutboxSms } from '../../../core/sms.js';
import { cookieOf, startTestApp, type TestApp } from '../../../test/support.js';
import { inQuietHours, SmsSender } from '../senders.js';

let t: TestApp;
let resident: string;
let residentId: number;
let point: { lng: number; lat: number };
const PHONE = '13905387777';

/** Signs a resident up the way the phone page does, reading the code from the development outbox. */
async function signUp(phone: string): Promise<string> {
  await t.app.inject({ method: 'POST', url: '/api/identity/phone-codes', payload: { phone } });
  const [row] = await t.db.query<{ text: string }>('SELECT text FROM core_sms_outbox ORDER BY id DESC LIMIT 1');
  const code = row?.text.match(/验证码是 (\d{6})/)?.[1];
  const res = await t.app.inject({ method: 'POST', url: '/api/identity/phone-sessions', payload: { phone, code } });
  return cookieOf(res);
}

const texts = async () =>
  (await t.db.query<{ text: string }>("SELECT text FROM core_sms_outbox WHERE template = 'notice' ORDER BY id")).map(
    (r) => r.text,
  );

async function report(description: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: resident },
    payload: { categoryCode: 'S02', description, location: point },
  });
  await t.events.drain();
  return res.json().case.number;
}

const lastOutcome = async () =>
  (
    await t.db.query<{ outcome: string }>(
      `SELECT d.outcome FROM notify_deliveries d JOIN notify_messages m ON m.id = d.message_id
       WHERE m.user_id = $1 AND d.channel = 'sms' ORDER BY d.id DESC LIMIT 1`,
      [residentId],
    )
  )[0]?.outcome;

beforeAll(async () => {
  t = await startTestApp({ grids: ['370983'] });
  resident = await signUp(PHONE);
  residentId = (await t.app.inject({ url: '/api/identity/me', headers: { cookie: resident } })).json().user.id;
  const located = await t.app.inject({
    url: '/api/geo/locate?lng=116.7712&lat=36.1791',
    headers: { cookie: resident },
  });
  point = { lng: located.json().wgs84[0], lat: located.json().wgs84[1] };
});
afterAll(async () => t?.stop());

const allDayQuiet = { sms: true, quietFrom: 0, quietTo: 1439 };
const neverQuiet = { sms: true, quietFrom: 0, quietTo: 0 };

describe('件件有回音 by SMS', () => {
  it('texts the resident each step of their report, and records it as sent', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/notify/preferences',
      headers: { cookie: resident },
      payload: neverQuiet,
    });
    const number = await report('路灯不亮');
    expect(await texts()).toContain(`【善治】您反映的问题已提交，编号 ${number}`);
    expect(await lastOutcome()).toBe('sent');
  });

  it('keeps quiet in the resident’s quiet hours and when they turned SMS off; the inbox has it all the same', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/notify/preferences',
      headers: { cookie: resident },
      payload: allDayQuiet,
    });
    const before = (await texts()).length;
    const quiet = await report('井盖缺失');
    expect((await texts()).length).toBe(before);
    expect(await lastOutcome()).toBe('quiet_hours');
    const inbox = await t.app.inject({ url: '/api/notify/messages', headers: { cookie: resident } });
    expect(inbox.json().items[0].titleZh).toContain(quiet);

    await t.app.inject({
      method: 'PUT',
      url: '/api/notify/preferences',
      headers: { cookie: resident },
      payload: { ...neverQuiet, sms: false },
    });
    await report('垃圾满溢');
    expect((await texts()).length).toBe(before);
    expect(await lastOutcome()).toBe('opted_out');
  });

  it('texts a fire at any hour', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/notify/preferences',
      headers: { cookie: resident },
      payload: allDayQuiet,
    });
    const sender = new SmsSender(t.db, t.ctx.cipher, new DevOutboxSms(t.db, t.ctx.cipher), { from: 0, to: 0 });
    const fire = { id: 1, userId: residentId, at: new Date(), titleEn: '', subject: null, readAt: null };
    expect(
      await sender.send({ ...fire, kind: 'iot.alarm_escalated.v1:grid_worker', titleZh: '火警：3 栋 5 层' }),
    ).toEqual({
      outcome: 'sent',
      detail: expect.stringMatching(/^dev-\d+$/),
    });
    expect(await sender.send({ ...fire, kind: 'cases.case_closed.v1', titleZh: '已办结' })).toEqual({
      outcome: 'quiet_hours',
    });
  });

  it('counts quiet hours in China Standard Time, across midnight', () => {
    // 22:00–07:00 CST is 14:00–23:00 UTC
    expect(inQuietHours(new Date('2026-12-01T15:00:00Z'), 1320, 420)).toBe(true);
    expect(inQuietHours(new Date('2026-12-01T22:59:00Z'), 1320, 420)).toBe(true);
    expect(inQuietHours(new Date('2026-12-01T23:00:00Z'), 1320, 420)).toBe(false);
    expect(inQuietHours(new Date('2026-12-01T04:00:00Z'), 1320, 420)).toBe(false);
  });

  it('refuses a quiet hour that is not a minute of the day, naming the field', async () => {
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/notify/preferences',
      headers: { cookie: resident },
      payload: { sms: true, quietFrom: 1500, quietTo: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('quietFrom');
  });
});
