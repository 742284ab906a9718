import { createHmac } from 'node:crypto';
import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WEBHOOK_SECRET } from '../../../test/support.js';
import { deviceTopic } from '../domain/messages.js';
import { alarmOf, type Scene, startScene } from './fixture.js';

/** Every rule runs through both brokers: the embedded default and the Mosquitto a deployment would use. */
const BROKERS = [
  { name: 'the embedded broker', mqttUrl: undefined },
  { name: 'Mosquitto', mqttUrl: process.env.MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883' },
];

describe.each(BROKERS)('smart fire safety through $name', ({ mqttUrl }) => {
  let s: Scene;
  beforeAll(async () => {
    s = await startScene({ mqttUrl });
  });
  afterAll(async () => s?.close());
  const messagesOf = async (cookie: string) =>
    ((await s.call('GET', '/api/notify/messages', cookie)).json().items as { titleZh: string; subject: string }[]) ??
    [];

  it('registers a device at a building, gives its secret once, masks the contact and refuses bad input by field', async () => {
    const dev = await s.device('SMK-REG-01', { contactPhone: '13905381234' });
    expect(dev.secret).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const list = await s.call('GET', '/api/iot/devices?kind=smoke');
    const item = list.json().items.find((d: { code: string }) => d.code === 'SMK-REG-01');
    // online from its registration, but not yet seen: it has sent nothing
    expect(item).toMatchObject({
      contactMasked: '139****1234',
      floor: 3,
      gridCode: s.gridCode,
      online: true,
      lastSeenAt: null,
    });
    expect(list.body).not.toContain('13905381234');
    expect(JSON.stringify(await s.t.db.query('SELECT * FROM iot_devices'))).not.toContain('13905381234');

    const again = await s.call('POST', '/api/iot/devices', s.users.admin, {
      code: 'SMK-REG-01',
      kind: 'smoke',
      buildingId: s.buildingId,
      ownerName: 'x',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.field).toBe('code');
    const heat = await s.call('POST', '/api/iot/devices', s.users.admin, {
      code: 'HEAT-NOCLASS',
      kind: 'heat',
      buildingId: s.buildingId,
      ownerName: 'x',
    });
    expect(heat.statusCode).toBe(400);
    expect(heat.json().error.field).toBe('heatClass');
    const nowhere = await s.call('POST', '/api/iot/devices', s.users.admin, {
      code: 'NOWHERE1',
      kind: 'smoke',
      ownerName: 'x',
    });
    expect(nowhere.json().error.field).toBe('buildingId');
    const grid = await s.call('POST', '/api/iot/devices', s.users.gridWorker, {
      code: 'BYGRIDWORKER',
      kind: 'smoke',
      buildingId: s.buildingId,
      ownerName: 'x',
    });
    expect(grid.statusCode).toBe(403);
  });

  it('disables a device and rotates its secret as audited commands, the new secret never on record', async () => {
    const dev = await s.device('SMK-MANAGE-01', { floor: 21 });
    const off = await s.call('PATCH', `/api/iot/devices/${dev.id}`, s.users.admin, { enabled: false });
    expect(off.json().enabled).toBe(false);
    const rotated = await s.call('POST', `/api/iot/devices/${dev.id}/secret`, s.users.admin);
    const secret = rotated.json().secret as string;
    expect(secret).not.toBe(dev.secret);
    const rows = await s.t.db.query<{ action: string; detail: Record<string, unknown> }>(
      `SELECT action, detail FROM core_audit WHERE subject = 'device:SMK-MANAGE-01' ORDER BY id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['iot.device_disabled', 'iot.device_secret_rotated']);
    expect(rows[0]?.detail).toEqual({ before: { enabled: true }, after: { enabled: false } });
    expect(JSON.stringify(rows)).not.toContain(secret);
    const other = await s.call('PATCH', `/api/iot/devices/${dev.id}`, s.users.gridWorker, { enabled: true });
    expect(other.statusCode).toBe(403);
  });

  it.skipIf(mqttUrl)(
    'lets a device sign in on the embedded broker with its own secret and code as client id',
    async () => {
      const dev = await s.device('SMK-AUTH-01', { floor: 19 });
      const other = await s.device('SMK-AUTH-02', { floor: 19 });
      const root = s.t.ctx.config.iot.topicRoot;
      const signIn = (clientId: string, password: string) =>
        connectAsync(s.t.iot.brokerUrl, { clientId, username: 'SMK-AUTH-01', password, reconnectPeriod: 0 });
      await expect(signIn('SMK-AUTH-01', 'wrong')).rejects.toThrow();
      // its own secret, but another device's session or a name of Shanzhi's own: refused, nobody is taken over
      const second = await connectAsync(s.t.iot.brokerUrl, {
        clientId: 'SMK-AUTH-02',
        username: 'SMK-AUTH-02',
        password: other.secret,
      });
      await expect(signIn('SMK-AUTH-02', dev.secret)).rejects.toThrow(/Identifier rejected/i);
      await expect(signIn(`shanzhi-${root}-${s.t.ctx.config.iot.instanceId}`, dev.secret)).rejects.toThrow(
        /Identifier rejected/i,
      );
      await expect(signIn('', dev.secret)).rejects.toThrow(/Identifier rejected/i);
      expect(second.connected).toBe(true);
      const device = await signIn('SMK-AUTH-01', dev.secret);
      await device.publishAsync(deviceTopic(root, 'SMK-AUTH-01', 'alarm'), JSON.stringify({ event: 'smoke' }), {
        qos: 1,
      });
      await alarmOf(s, 'SMK-AUTH-01', 'smoke');
      await device.endAsync();
      await second.endAsync();
      const reserved = await s.call('POST', '/api/iot/devices', s.users.admin, {
        code: 'shanzhi-sim-1',
        kind: 'smoke',
        buildingId: s.buildingId,
        ownerName: 'x',
      });
      expect(reserved.statusCode).toBe(400);
      expect(reserved.json().error.field).toBe('code');
    },
  );

  it.skipIf(mqttUrl)('acknowledges a device’s alarm on the embedded broker only once it is stored', async () => {
    const codes = ['SMK-ACK-01', 'SMK-ACK-02', 'SMK-ACK-03'];
    const root = s.t.ctx.config.iot.topicRoot;
    const devices = await Promise.all(
      codes.map(async (code, i) => {
        const { secret } = await s.device(code, { floor: 60 + i });
        return connectAsync(s.t.iot.brokerUrl, { clientId: code, username: code, password: secret });
      }),
    );
    await Promise.all(
      devices.map((d, i) =>
        d.publishAsync(deviceTopic(root, codes[i] as string, 'alarm'), JSON.stringify({ event: 'smoke' }), { qos: 1 }),
      ),
    );
    // the PUBACK is the device's only assurance: no polling, every acknowledged alarm is there
    const stored = (await s.alarms('status=all&type=smoke&limit=500')).map((a) => a.deviceCode);
    expect(stored).toEqual(expect.arrayContaining(codes));
    await Promise.all(devices.map((d) => d.endAsync()));
  });

  it.skipIf(mqttUrl)(
    'closes the connection of a device that sends a packet over the size limit, no other',
    async () => {
      const big = await s.device('SMK-BIG-01', { floor: 62 });
      const root = s.t.ctx.config.iot.topicRoot;
      const device = await connectAsync(s.t.iot.brokerUrl, {
        clientId: 'SMK-BIG-01',
        username: 'SMK-BIG-01',
        password: big.secret,
        reconnectPeriod: 0,
      });
      const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
      const payload = JSON.stringify({ event: 'smoke', note: 'x'.repeat(s.t.ctx.config.iot.maxPacketBytes) });
      device.publish(deviceTopic(root, 'SMK-BIG-01', 'alarm'), payload, { qos: 1 });
      await closed;
      await s.device('SMK-BIG-02', { floor: 63 });
      await s.publish('SMK-BIG-02', 'alarm', { event: 'smoke' });
      await alarmOf(s, 'SMK-BIG-02', 'smoke');
      expect((await s.alarms()).some((a) => a.deviceCode === 'SMK-BIG-01')).toBe(false);
      device.end(true);
    },
  );

  it.runIf(mqttUrl)('keeps its session on the broker when a client takes its old, predictable client id', async () => {
    const cfg = s.t.ctx.config.iot;
    const codes = Array.from({ length: 8 }, (_, i) => `SMK-KICK-${i}`);
    for (const [i, code] of codes.entries()) await s.device(code, { floor: 70 + i });
    // a device of the deployment with its own valid account, on the id Shanzhi once had: what reaches it is lost
    const intruder = await connectAsync(mqttUrl as string, {
      clientId: `shanzhi-${cfg.topicRoot}-${cfg.instanceId}`,
      clean: false,
      protocolVersion: 5,
      properties: { sessionExpiryInterval: 3600 },
      reconnectPeriod: 0,
    });
    await Promise.all(codes.map((code) => s.publish(code, 'alarm', { event: 'smoke' })));
    for (const code of codes) await alarmOf(s, code, 'smoke');
    expect(s.t.iot.ready?.()).toBe(true);
    intruder.end(true);
  });

  it('raises one smoke alarm per device while it is active, counts repeats, and alerts the nearest fire centre at once', async () => {
    await s.device('SMK-ONE-01', { floor: 5, buildingId: await s.building('单探测器楼') });
    await s.publish('SMK-ONE-01', 'alarm', { event: 'smoke', ts: Date.now(), battery: 90 });
    await s.publish('SMK-ONE-01', 'alarm', { event: 'smoke', ts: Date.now() });
    await expect.poll(async () => (await alarmOf(s, 'SMK-ONE-01', 'smoke')).repeats).toBe(1);
    const alarm = await alarmOf(s, 'SMK-ONE-01', 'smoke');
    // alone in its building, it opens an incident of its own, unconfirmed, and that incident's chain starts with it
    expect(alarm).toMatchObject({
      severity: 'major',
      status: 'active_unack',
      incidentId: expect.any(Number),
      escalationStep: 0,
    });
    const detail = (await s.call('GET', `/api/iot/alarms/${alarm.id}`)).json();
    expect(detail.escalations).toEqual([
      expect.objectContaining({ step: 'fire_centre', target: '370983-fire_centre_a', recipients: 1 }),
    ]);
    await expect
      .poll(async () => (await messagesOf(s.users.fireCentre)).some((m) => m.subject === `alarm:${alarm.id}`))
      .toBe(true);
    // the device clears it; the next smoke is a new alarm
    await s.publish('SMK-ONE-01', 'alarm', { event: 'smoke', state: 'clear' });
    await expect.poll(async () => (await alarmOf(s, 'SMK-ONE-01', 'smoke')).status).toBe('cleared_unack');
    await s.publish('SMK-ONE-01', 'alarm', { event: 'smoke' });
    await expect
      .poll(async () => (await s.alarms()).filter((a) => a.deviceCode === 'SMK-ONE-01' && a.type === 'smoke').length)
      .toBe(2);
  });

  it('applies the heat rules of the detector class: pre-warning, then the static threshold, cleared when it cools', async () => {
    await s.device('HEAT-A1-01', { kind: 'heat', heatClass: 'A1', floor: 21 });
    await s.device('HEAT-B-01', { kind: 'heat', heatClass: 'B', floor: 22 });
    await s.publish('HEAT-A1-01', 'telemetry', { values: { temperature: 52 } });
    await alarmOf(s, 'HEAT-A1-01', 'heat_prewarning');
    await s.publish('HEAT-A1-01', 'telemetry', { values: { temperature: 56 } });
    const heat = await alarmOf(s, 'HEAT-A1-01', 'heat');
    expect(heat.severity).toBe('major');
    // 56 °C is normal for a class B detector (static response 69–85 °C)
    await s.publish('HEAT-B-01', 'telemetry', { values: { temperature: 56 } });
    await s.publish('HEAT-B-01', 'telemetry', { values: { temperature: 70 } });
    await alarmOf(s, 'HEAT-B-01', 'heat');
    expect(
      (await s.alarms())
        .filter((a) => a.deviceCode === 'HEAT-B-01')
        .map((a) => a.type)
        .sort(),
    ).toEqual(['heat', 'heat_prewarning']);
    await s.publish('HEAT-A1-01', 'telemetry', { values: { temperature: 30 } });
    await expect
      .poll(async () =>
        (await s.alarms())
          .filter((a) => a.deviceCode === 'HEAT-A1-01')
          .map((a) => a.status)
          .sort(),
      )
      .toEqual(['cleared_unack', 'cleared_unack']);
  });

  it('raises e-bike charging, electrical and water-pressure alarms from telemetry', async () => {
    await s.device('EBIKE-01', { kind: 'ebike_charger', floor: 23 });
    await s.device('ELEC-01', { kind: 'electrical', floor: 23 });
    await s.device('WATER-01', { kind: 'water_pressure', floor: 23 });
    await s.publish('EBIKE-01', 'telemetry', { values: { current: 14, temperature: 65, charging: true } });
    await s.publish('ELEC-01', 'telemetry', { values: { residualCurrent: 450, cableTemperature: 85 } });
    await s.publish('WATER-01', 'telemetry', { values: { pressure: 0.05 } });
    await alarmOf(s, 'EBIKE-01', 'charger_over_current');
    await alarmOf(s, 'EBIKE-01', 'charger_over_temperature');
    await alarmOf(s, 'ELEC-01', 'residual_current');
    await alarmOf(s, 'ELEC-01', 'cable_temperature');
    await alarmOf(s, 'WATER-01', 'low_pressure');
  });

  it('confirms a fire when a second detector on the same floor alarms, goes to 119 and opens one case', async () => {
    const buildingId = await s.building('确认楼');
    await s.device('SMK-F4-01', { floor: 4, buildingId });
    await s.device('SMK-F4-02', { floor: 4, buildingId });
    await s.device('SMK-F6-01', { floor: 6, buildingId });
    await s.publish('SMK-F4-01', 'alarm', { event: 'smoke' });
    await alarmOf(s, 'SMK-F4-01', 'smoke');
    // another floor joins the building's incident but is not a second detector of the floor's fire zone
    await s.publish('SMK-F6-01', 'alarm', { event: 'smoke' });
    await alarmOf(s, 'SMK-F6-01', 'smoke');
    const early = await alarmOf(s, 'SMK-F4-01', 'smoke');
    expect(early.severity).toBe('major');
    expect((await alarmOf(s, 'SMK-F6-01', 'smoke')).incidentId).toBe(early.incidentId);
    await s.publish('SMK-F4-02', 'alarm', { event: 'smoke' });
    await expect.poll(async () => (await alarmOf(s, 'SMK-F4-02', 'smoke')).caseId).not.toBeNull();
    const [first, second] = [await alarmOf(s, 'SMK-F4-01', 'smoke'), await alarmOf(s, 'SMK-F4-02', 'smoke')];
    expect(first.incidentId).not.toBeNull();
    expect(second).toMatchObject({ severity: 'critical', incidentId: first.incidentId, caseId: first.caseId });
    const steps = (await s.call('GET', `/api/iot/alarms/${second.id}`))
      .json()
      .escalations.map((e: { step: string }) => e.step);
    // 119, and at once everyone here who must act: the command centre, this district's fire centre, the street's
    // rapid-response team and the grid worker
    // the first detector of the building alerted the fire centre; this one, the second of its floor, confirmed
    expect(steps).toEqual(['fire_119', 'command_centre', 'fire_centre', 'rapid_response', 'grid_worker']);
    await s.t.events.drain();
    for (const who of [s.users.commandCentre, s.users.fireCentre, s.users.rapid, s.users.gridWorker]) {
      const titles = (await messagesOf(who as string)).map((m) => m.titleZh);
      expect(titles).toContainEqual(expect.stringMatching(/^确认火警，请立即处置：.+4层/));
    }
    expect(await messagesOf(s.users.otherDistrictCentre)).toEqual([]);
    const fireCase = (await s.call('GET', `/api/cases/${second.caseId}`)).json();
    expect(JSON.stringify(fireCase)).toContain('S08');
    expect(JSON.stringify(fireCase)).toContain('device');
    // the whole building's fire is one case: the other floor's alarm is in it too
    expect(await alarmOf(s, 'SMK-F6-01', 'smoke')).toMatchObject({ severity: 'critical', caseId: second.caseId });
  });

  it('escalates an unacknowledged fire alarm to the rapid-response team and grid worker, then the street duty officer', async () => {
    await s.device('SMK-ESC-01', { floor: 12, buildingId: await s.building('升级楼') });
    await s.device('SMK-ESC-02', { floor: 11, buildingId: await s.building('及时确认楼') });
    await s.publish('SMK-ESC-01', 'alarm', { event: 'smoke' });
    const alarm = await alarmOf(s, 'SMK-ESC-01', 'smoke');
    const timeout = (await s.call('GET', '/api/iot/rules')).json().ackTimeoutSeconds as number;
    const stepsOf = async (id: number) =>
      (await s.call('GET', `/api/iot/alarms/${id}`)).json().escalations.map((e: { step: string }) => e.step);

    await s.t.iot.runJobs(new Date(Date.now() + (timeout - 30) * 1000));
    expect(await stepsOf(alarm.id)).toEqual(['fire_centre']);
    await s.t.iot.runJobs(new Date(Date.now() + (timeout + 1) * 1000));
    expect(await stepsOf(alarm.id)).toEqual(['fire_centre', 'rapid_response', 'grid_worker']);
    await s.t.iot.runJobs(new Date(Date.now() + (2 * timeout + 2) * 1000));
    expect(await stepsOf(alarm.id)).toEqual(['fire_centre', 'rapid_response', 'grid_worker', 'street_duty']);
    await s.t.events.drain();
    for (const who of [s.users.rapid, s.users.gridWorker, s.users.streetDuty]) {
      expect((await messagesOf(who)).some((m) => m.subject === `alarm:${alarm.id}`)).toBe(true);
    }

    // acknowledged in time, the chain stops where it is
    await s.publish('SMK-ESC-02', 'alarm', { event: 'smoke', ts: Date.now() - 10 * 60_000 });
    const acked = await alarmOf(s, 'SMK-ESC-02', 'smoke');
    const ack = await s.call('POST', `/api/iot/alarms/${acked.id}/acknowledge`, s.users.fireCentre, {
      note: '值班员已电话核实',
    });
    expect(ack.statusCode, ack.body).toBe(200);
    await s.t.iot.runJobs(new Date(Date.now() + 3 * timeout * 1000));
    expect(await stepsOf(acked.id)).toEqual(['fire_centre']);
  });

  it('takes an alarm through acknowledge, arrive, clear and close, and counts the classification', async () => {
    await s.device('SMK-LIFE-01', { floor: 13 });
    await s.publish('SMK-LIFE-01', 'alarm', { event: 'smoke' });
    const alarm = await alarmOf(s, 'SMK-LIFE-01', 'smoke');
    const early = await s.call('POST', `/api/iot/alarms/${alarm.id}/close`, s.users.gridWorker, {
      classification: 'false_alarm',
    });
    expect(early.statusCode).toBe(409);
    const bad = await s.call('POST', `/api/iot/alarms/${alarm.id}/close`, s.users.gridWorker, {
      classification: 'oops',
    });
    expect(bad.json().error.field).toBe('classification');
    const outsider = await s.call('POST', `/api/iot/alarms/${alarm.id}/acknowledge`, s.users.otherGrid, {});
    expect(outsider.statusCode).toBe(404);
    expect((await s.alarms('status=all', s.users.otherGrid)).length).toBe(0);

    expect(
      (await s.call('POST', `/api/iot/alarms/${alarm.id}/acknowledge`, s.users.gridWorker, {})).json().status,
    ).toBe('active_ack');
    expect(
      (await s.call('POST', `/api/iot/alarms/${alarm.id}/arrive`, s.users.gridWorker)).json().arrivedAt,
    ).not.toBeNull();
    // acknowledged but still sounding: not closed before it is cleared
    const sounding = await s.call('POST', `/api/iot/alarms/${alarm.id}/close`, s.users.gridWorker, {
      classification: 'false_alarm',
    });
    expect(sounding.statusCode).toBe(409);
    expect(sounding.json().error.message).toContain('请先消除');
    expect((await s.call('POST', `/api/iot/alarms/${alarm.id}/clear`, s.users.gridWorker)).json().status).toBe(
      'cleared_ack',
    );
    const closed = await s.call('POST', `/api/iot/alarms/${alarm.id}/close`, s.users.gridWorker, {
      classification: 'false_alarm',
      note: '厨房油烟',
    });
    expect(closed.json()).toMatchObject({ status: 'closed', classification: 'false_alarm' });
    // counted per grid of the grid's compound (the fourth level), per compound of its community
    const { grid } = (await s.call('GET', `/api/geo/grids/${s.gridCode}`)).json();
    const stats = (await s.call('GET', `/api/iot/stats?regionCode=${grid.compoundCode}`)).json();
    const row = stats.areas.find((a: { code: string }) => a.code === s.gridCode);
    const community = (await s.call('GET', '/api/iot/stats?regionCode=370983002001')).json();
    expect(community.areas.find((a: { code: string }) => a.code === grid.compoundCode).falseAlarms).toBe(
      row.falseAlarms,
    );
    expect(row.falseAlarms).toBeGreaterThanOrEqual(1);
    expect(row.falseAlarmRate).toBeGreaterThan(0);
  });

  it('opens a fire case, once, when someone on duty acknowledges a single alarm as a real fire', async () => {
    await s.device('SMK-REAL-01', { floor: 15, buildingId: await s.building('人工确认楼') });
    await s.publish('SMK-REAL-01', 'alarm', { event: 'smoke' });
    const alarm = await alarmOf(s, 'SMK-REAL-01', 'smoke');
    expect(alarm.caseId).toBeNull();
    const ack = await s.call('POST', `/api/iot/alarms/${alarm.id}/acknowledge`, s.users.gridWorker, { realFire: true });
    expect(ack.statusCode).toBe(200);
    await expect.poll(async () => (await alarmOf(s, 'SMK-REAL-01', 'smoke')).caseId).not.toBeNull();
    const { caseId } = await alarmOf(s, 'SMK-REAL-01', 'smoke');
    const steps = (await s.call('GET', `/api/iot/alarms/${alarm.id}`))
      .json()
      .escalations.map((e: { step: string }) => e.step);
    expect(steps).toContain('fire_119');
    // the relay running the delivery again (a crash before it was marked) finds the case already open
    await s.t.db.query(
      `UPDATE core_event_deliveries SET status = 'pending', next_at = now() WHERE subscriber = 'iot.fire_cases'`,
    );
    s.t.events.kick();
    await s.t.events.drain();
    const [{ n }] = (await s.t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases_cases WHERE description LIKE '%SMK-REAL-01%'`,
    )) as [{ n: number }];
    expect(n).toBe(1);
    expect((await alarmOf(s, 'SMK-REAL-01', 'smoke')).caseId).toBe(caseId);
  });

  it('marks a device offline when its heartbeats stop and clears that when it reports again', async () => {
    await s.device('SMK-HB-01', { heartbeatSeconds: 10, floor: 14 });
    await s.t.iot.runJobs(new Date(Date.now() + 31_000));
    const offline = await alarmOf(s, 'SMK-HB-01', 'offline');
    expect(offline.status).toBe('active_unack');
    const health = (await s.call('GET', '/api/iot/health?regionCode=370983002001')).json();
    expect(health.offlineDevices.map((d: { code: string }) => d.code)).toContain('SMK-HB-01');
    await s.publish('SMK-HB-01', 'heartbeat', { battery: 15, signal: -85 });
    await expect
      .poll(async () => {
        await s.t.iot.ingestor.flush();
        const list = (await s.call('GET', '/api/iot/devices?limit=500')).json().items;
        return list.find((d: { code: string }) => d.code === 'SMK-HB-01').lastSeenAt !== null;
      })
      .toBe(true);
    await expect
      .poll(async () => {
        await s.t.iot.runJobs();
        return (await alarmOf(s, 'SMK-HB-01', 'offline')).status;
      })
      .toBe('cleared_unack');
    // the same heartbeat said the battery is low
    expect((await alarmOf(s, 'SMK-HB-01', 'low_battery')).severity).toBe('warning');
  });

  it('turns a fault left standing into a maintenance case for the owner', async () => {
    await s.device('SMK-FAULT-01', { floor: 15 });
    await s.publish('SMK-FAULT-01', 'fault', { fault: 'tamper' });
    const fault = await alarmOf(s, 'SMK-FAULT-01', 'tamper');
    await s.t.iot.runJobs(new Date(Date.now() + 25 * 3600_000));
    const after = await alarmOf(s, 'SMK-FAULT-01', 'tamper');
    expect(after.caseId).not.toBeNull();
    const steps = (await s.call('GET', `/api/iot/alarms/${fault.id}`)).json().escalations;
    expect(steps).toEqual([expect.objectContaining({ step: 'owner', targetName: '南关物业' })]);
    expect(JSON.stringify((await s.call('GET', `/api/cases/${after.caseId}`)).json())).toContain('S04');
  });

  it('puts bad payloads in the dead letters with the reason and carries on', async () => {
    await s.device('SMK-BAD-01', { floor: 16 });
    const root = s.t.ctx.config.iot.topicRoot;
    await s.publisher.publishAsync(deviceTopic(root, 'SMK-BAD-01', 'alarm'), '{not json', { qos: 1 });
    await s.publish('SMK-BAD-01', 'alarm', { event: 'volcano' });
    await s.publish('SMK-BAD-01', 'telemetry', { values: { temperature: 'hot' } });
    await s.publish('SMK-BAD-01', 'heartbeat', { battery: 90, firmware: '2.1' });
    await s.publish('NO-SUCH-DEVICE', 'alarm', { event: 'smoke' });
    await s.publisher.publishAsync(`${root}/v1/devices/SMK-BAD-01/selfie`, 'x', { qos: 1 });
    await s.publish('SMK-BAD-01', 'alarm', { event: 'smoke' });
    await alarmOf(s, 'SMK-BAD-01', 'smoke');
    const dead = (await s.call('GET', '/api/iot/dead-letters')).json().items.map((d: { reason: string }) => d.reason);
    expect(dead).toEqual(
      expect.arrayContaining([
        'payload is not JSON',
        expect.stringContaining('event'),
        expect.stringContaining('values.temperature'),
        'firmware: unknown field',
        'unknown device',
      ]),
    );
    expect((await s.call('GET', '/api/iot/dead-letters', s.users.gridWorker)).statusCode).toBe(403);
  });

  it('keeps a dead letter holding a NUL byte, escaped, and the letters sent with it', async () => {
    const root = s.t.ctx.config.iot.topicRoot;
    await s.publisher.publishAsync(deviceTopic(root, 'NUL-DEVICE', 'alarm'), Buffer.from('{"event":"smoke\u0000"}'), {
      qos: 1,
    });
    await s.publish('NUL-NEIGHBOUR', 'alarm', { event: 'smoke' });
    await expect
      .poll(async () =>
        (await s.call('GET', '/api/iot/dead-letters'))
          .json()
          .items.map((d: { topic: string; payload: string }) => [d.topic.split('/')[3], d.payload]),
      )
      .toEqual(
        expect.arrayContaining([
          ['NUL-DEVICE', '{"event":"smoke\\u0000"}'],
          ['NUL-NEIGHBOUR', '{"event":"smoke"}'],
        ]),
      );
  });

  it('takes NB-IoT pushes over a signed webhook and refuses a bad or stale signature', async () => {
    await s.device('NB-01', { floor: 17 });
    const body = JSON.stringify({ deviceCode: 'NB-01', type: 'alarm', payload: { event: 'smoke' } });
    const sign = (ts: number) =>
      `sha256=${createHmac('sha256', TEST_WEBHOOK_SECRET).update(`${ts}.${body}`).digest('hex')}`;
    const post = (ts: number, signature: string) =>
      s.t.app.inject({
        method: 'POST',
        url: '/api/iot/ingest',
        headers: {
          'content-type': 'application/json',
          'x-shanzhi-timestamp': String(ts),
          'x-shanzhi-signature': signature,
        },
        payload: body,
      });
    const now = Math.floor(Date.now() / 1000);
    expect((await post(now, 'sha256=00')).statusCode).toBe(401);
    expect((await post(now - 3600, sign(now - 3600))).statusCode).toBe(401);
    const ok = await post(now, sign(now));
    expect(ok.statusCode, ok.body).toBe(202);
    expect(ok.json().status).toBe('accepted');
    // accepted means stored: no polling needed
    expect((await s.alarms()).some((a) => a.deviceCode === 'NB-01' && a.type === 'smoke')).toBe(true);
  });

  it('installs a detector in a registry venue and counts its alarms by the kind of venue', async () => {
    const venue = await s.call('POST', '/api/registry/venues', s.users.admin, {
      name: '示例小餐馆',
      kind: 'nine_small',
      nineSmallKind: 'small_restaurant',
      address: '老城街道南关社区 8 号',
      location: { lng: s.centre[0], lat: s.centre[1] },
    });
    expect(venue.statusCode, venue.body).toBe(201);
    const dev = await s.call('POST', '/api/iot/devices', s.users.admin, {
      code: 'SMK-VENUE-01',
      kind: 'smoke',
      venueId: venue.json().id,
      ownerName: '店主',
    });
    expect(dev.statusCode, dev.body).toBe(201);
    const missing = await s.call('POST', '/api/iot/devices', s.users.admin, {
      code: 'SMK-VENUE-02',
      kind: 'smoke',
      venueId: 999_999,
      ownerName: '店主',
    });
    expect(missing.json().error.field).toBe('venueId');
    await s.publish('SMK-VENUE-01', 'alarm', { event: 'smoke' });
    await alarmOf(s, 'SMK-VENUE-01', 'smoke');
    const stats = (await s.call('GET', '/api/iot/stats?regionCode=370983002')).json();
    expect(stats.byVenueKind).toEqual(
      expect.arrayContaining([expect.objectContaining({ venueKind: 'small_restaurant', alarms: 1 })]),
    );
  });

  it('lets the district change a rule over the version it read, validates by field, and records before and after', async () => {
    const read = (await s.call('GET', '/api/iot/rules')).json();
    const bad = await s.call('PUT', '/api/iot/rules', s.users.admin, { residualCurrentMa: 5, version: read.version });
    expect(bad.json().error.field).toBe('residualCurrentMa');
    const forbidden = await s.call('PUT', '/api/iot/rules', s.users.gridWorker, { residualCurrentMa: 500 });
    expect(forbidden.statusCode).toBe(403);
    const ok = await s.call('PUT', '/api/iot/rules', s.users.admin, { residualCurrentMa: 500, version: read.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ residualCurrentMa: 500, version: read.version + 1 });
    // a second administrator who read the old version does not overwrite the change
    const stale = await s.call('PUT', '/api/iot/rules', s.users.admin, {
      residualCurrentMa: 300,
      version: read.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'iot.rules_changed', field: 'version' });
    expect((await s.call('GET', '/api/iot/rules')).json().residualCurrentMa).toBe(500);
    const [audit] = await s.t.db.query<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM core_audit WHERE action = 'iot.rules_changed' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.detail).toEqual({
      version: read.version + 1,
      before: { residualCurrentMa: read.residualCurrentMa },
      after: { residualCurrentMa: 500 },
    });
    await s.device('ELEC-RULE-01', { kind: 'electrical', floor: 18 });
    await s.publish('ELEC-RULE-01', 'telemetry', { values: { residualCurrent: 450 } });
    await s.publish('ELEC-RULE-01', 'telemetry', { values: { residualCurrent: 520 } });
    await alarmOf(s, 'ELEC-RULE-01', 'residual_current');
    expect((await alarmOf(s, 'ELEC-RULE-01', 'residual_current')).repeats).toBe(0);
  });
});
