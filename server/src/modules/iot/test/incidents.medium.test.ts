import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmOf, type Scene, startScene } from './fixture.js';

interface IncidentView {
  id: number;
  state: string;
  severity: string;
  confirmedBy: string | null;
  fire119At: string | null;
  caseId: number | null;
  floors: number[];
  alarms: { id: number; deviceCode: string; caseId: number | null }[];
}

/** One fire, one incident: the alarms of a building group, and the chain, 119, the case and the counts follow it. */
describe('fire incidents', () => {
  let s: Scene;
  beforeAll(async () => {
    s = await startScene();
  });
  afterAll(async () => s?.close());

  const incidents = async (): Promise<IncidentView[]> => {
    const res = await s.call('GET', '/api/iot/incidents?status=all');
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };
  const incidentOf = async (code: string) => {
    const found = (await incidents()).find((i) => i.alarms.some((a) => a.deviceCode === code));
    expect(found, `the incident of ${code}`).toBeDefined();
    return found as IncidentView;
  };
  const stepsOf = async (id: number): Promise<string[]> =>
    (await s.call('GET', `/api/iot/alarms/${id}`)).json().escalations.map((e: { step: string }) => e.step);
  const titlesOf = async (cookie: string) =>
    ((await s.call('GET', '/api/notify/messages', cookie)).json().items as { titleZh: string }[]).map((m) => m.titleZh);
  /** Moves an incident and its alarms into the past, as if `seconds` had gone by since its last alarm. */
  const age = async (incidentId: number, seconds: number) => {
    await s.t.db.query(
      `UPDATE iot_fire_incidents SET opened_at = opened_at - make_interval(secs => $2),
         last_alarm_at = last_alarm_at - make_interval(secs => $2) WHERE id = $1`,
      [incidentId, seconds],
    );
    await s.t.db.query(
      'UPDATE iot_alarms SET raised_at = raised_at - make_interval(secs => $2) WHERE incident_id = $1',
      [incidentId, seconds],
    );
  };
  const putRules = async (change: Record<string, unknown>) => {
    const { version } = (await s.call('GET', '/api/iot/rules')).json();
    const res = await s.call('PUT', '/api/iot/rules', s.users.admin, { ...change, version });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('groups two floors of one building into one incident whose chain stops for all once one is acknowledged a fire', async () => {
    const buildingId = await s.building('两层楼');
    await s.device('INC-F2', { floor: 2, buildingId });
    await s.device('INC-F5', { floor: 5, buildingId });
    await s.publish('INC-F2', 'alarm', { event: 'smoke' });
    const lead = await alarmOf(s, 'INC-F2', 'smoke');
    await s.publish('INC-F5', 'alarm', { event: 'smoke' });
    const sibling = await alarmOf(s, 'INC-F5', 'smoke');

    const incident = await incidentOf('INC-F2');
    expect(incident).toMatchObject({ state: 'unacknowledged', floors: [2, 5], fire119At: null, caseId: null });
    expect(incident.alarms.map((a) => a.deviceCode)).toEqual(['INC-F2', 'INC-F5']);
    // the fire centre heard of the building's fire once, from its first detector
    expect(await stepsOf(lead.id)).toEqual(['fire_centre']);
    expect(await stepsOf(sibling.id)).toEqual([]);

    // someone on duty acknowledges the upper floor's alarm as a real fire
    const ack = await s.call('POST', `/api/iot/alarms/${sibling.id}/acknowledge`, s.users.fireCentre, {
      realFire: true,
    });
    expect(ack.statusCode, ack.body).toBe(200);
    const confirmed = await incidentOf('INC-F2');
    expect(confirmed).toMatchObject({
      id: incident.id,
      state: 'confirmed',
      confirmedBy: 'person',
      severity: 'critical',
    });
    expect(confirmed.fire119At).not.toBeNull();

    // the first floor's alarm was never acknowledged itself, yet its chain is the incident's: it pages nobody more
    const timeout = (await s.call('GET', '/api/iot/rules')).json().ackTimeoutSeconds as number;
    await s.t.iot.runJobs(new Date(Date.now() + (timeout + 1) * 1000));
    await s.t.iot.runJobs(new Date(Date.now() + (2 * timeout + 2) * 1000));
    expect(await stepsOf(lead.id)).toEqual(['fire_centre']);
    await s.t.events.drain();
    for (const who of [s.users.rapid, s.users.streetDuty])
      expect((await titlesOf(who)).filter((t) => t.includes('无人确认'))).toEqual([]);

    // one case for the building's fire, on the incident and both its alarms
    await expect.poll(async () => (await incidentOf('INC-F2')).caseId).not.toBeNull();
    const done = await incidentOf('INC-F2');
    expect(done.alarms.map((a) => a.caseId)).toEqual([done.caseId, done.caseId]);
    const [{ n }] = (await s.t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases_cases WHERE description LIKE '%INC-F2%' OR description LIKE '%INC-F5%'`,
    )) as [{ n: number }];
    expect(n).toBe(1);

    // the statistics count one fire, real at once, though no alarm of it is closed yet
    const { grid } = (await s.call('GET', `/api/geo/grids/${s.gridCode}`)).json();
    const stats = (await s.call('GET', `/api/iot/stats?regionCode=${grid.compoundCode}`)).json();
    const row = stats.areas.find((a: { code: string }) => a.code === s.gridCode);
    expect(row).toMatchObject({ fires: 1, realFires: 1, fireAlarms: 2 });
  });

  it('keeps a building’s alarm in the incident up to the window after its last alarm, and opens a new one after', async () => {
    const rules = (await s.call('GET', '/api/iot/rules')).json();
    expect(rules).toMatchObject({ confirmWindowSeconds: 120, twoDetectorRule: 'floor' });
    const buildingId = await s.building('窗口楼');
    for (const [code, floor] of [
      ['WIN-1', 1],
      ['WIN-2', 2],
      ['WIN-3', 3],
    ] as const)
      await s.device(code, { floor, buildingId });
    await s.publish('WIN-1', 'alarm', { event: 'smoke' });
    await alarmOf(s, 'WIN-1', 'smoke');
    const first = await incidentOf('WIN-1');
    // 119 s after the incident's last alarm: inside the 120 s window, the same fire
    await age(first.id, 119);
    await s.publish('WIN-2', 'alarm', { event: 'smoke' });
    await alarmOf(s, 'WIN-2', 'smoke');
    expect((await incidentOf('WIN-2')).id).toBe(first.id);
    // 121 s after that last alarm, with nobody having confirmed a fire: another incident, its own chain
    await age(first.id, 121);
    await s.publish('WIN-3', 'alarm', { event: 'smoke' });
    const third = await alarmOf(s, 'WIN-3', 'smoke');
    const next = await incidentOf('WIN-3');
    expect(next.id).not.toBe(first.id);
    expect(next).toMatchObject({ state: 'unacknowledged', floors: [3] });
    expect(await stepsOf(third.id)).toEqual(['fire_centre']);
    expect((await incidentOf('WIN-1')).alarms.map((a) => a.deviceCode)).toEqual(['WIN-1', 'WIN-2']);
  });

  it('confirms by GB 50116’s two-detector rule over the whole building when set so, and not at all when off', async () => {
    await putRules({ twoDetectorRule: 'building' });
    const building = await s.building('两探测器楼');
    await s.device('TWO-F1', { floor: 1, buildingId: building });
    await s.device('TWO-F3', { floor: 3, buildingId: building });
    await s.publish('TWO-F1', 'alarm', { event: 'smoke' });
    await alarmOf(s, 'TWO-F1', 'smoke');
    expect((await incidentOf('TWO-F1')).state).toBe('unacknowledged');
    await s.publish('TWO-F3', 'alarm', { event: 'heat' });
    const second = await alarmOf(s, 'TWO-F3', 'heat');
    const incident = await incidentOf('TWO-F1');
    expect(incident).toMatchObject({ state: 'confirmed', confirmedBy: 'two_detectors', severity: 'critical' });
    expect(incident.fire119At).not.toBeNull();
    expect(await stepsOf(second.id)).toContain('fire_119');
    await expect.poll(async () => (await incidentOf('TWO-F1')).caseId).not.toBeNull();

    const off = await putRules({ twoDetectorRule: 'off' });
    expect(off.ownSettings).toContain('twoDetectorRule');
    const quiet = await s.building('人工确认才算楼');
    await s.device('OFF-A', { floor: 2, buildingId: quiet });
    await s.device('OFF-B', { floor: 2, buildingId: quiet });
    await s.publish('OFF-A', 'alarm', { event: 'smoke' });
    await alarmOf(s, 'OFF-A', 'smoke');
    await s.publish('OFF-B', 'alarm', { event: 'smoke' });
    await alarmOf(s, 'OFF-B', 'smoke');
    expect(await incidentOf('OFF-A')).toMatchObject({ state: 'unacknowledged', fire119At: null, caseId: null });

    const wrong = await s.call('PUT', '/api/iot/rules', s.users.admin, {
      twoDetectorRule: 'zone',
      version: off.version,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('twoDetectorRule');
  });
});
