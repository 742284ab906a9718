import {
  advanceEscalation,
  clearActiveAlarm,
  confirmingAlarms,
  getAlarm,
  insertIncident,
  joinIncident,
  upsertAlarm,
} from '../db/iot.repository.js';
import { ALARM_TYPES } from '../domain/alarm-types.js';
import type { Signal } from '../domain/rules.js';
import type { IotDeps } from '../iot.deps.js';
import {
  ALARM_CLEARED,
  ALARM_ESCALATED,
  ALARM_RAISED,
  type AlarmEscalatedPayload,
  type AlarmEventPayload,
  alarmAggregate,
  FIRE_CONFIRMED,
} from '../iot.events.js';
import { recordSteps, resolveConfirmedFire, resolveStep } from './escalation.js';

export interface SignalDevice {
  id: number;
  code: string;
  buildingId: number | null;
  floor: number | null;
  gridPath: string;
}

/**
 * Writes what the rules decided, one transaction per alarm, before the device's message is acknowledged: an alarm
 * the broker was told "received" is on disk. A new fire alarm alerts the nearest fire service centre at once and,
 * with another detector of the same floor already in alarm inside the window, becomes a confirmed fire.
 */
export async function applySignals(
  deps: IotDeps,
  device: SignalDevice,
  signals: Signal[],
  deviceTime: Date | null,
  now: Date,
): Promise<void> {
  for (const s of signals) {
    if (s.state === 'raise') await raise(deps, device, s, deviceTime, now);
    else await clearByDevice(deps, device, s, now);
  }
}

async function raise(deps: IotDeps, device: SignalDevice, s: Signal, deviceTime: Date | null, now: Date) {
  const settings = deps.rules(device.gridPath);
  const fire = ALARM_TYPES[s.type].fire;
  await deps.ctx.db.transaction(async (tx) => {
    // the alarm's events are written with it: a stored alarm is always announced, a rolled-back one never
    const announce = async (alarmId: number, notices: AlarmEscalatedPayload[], newIncident: number | null) => {
      const payload: AlarmEventPayload = {
        alarmId,
        deviceCode: device.code,
        type: s.type,
        severity: newIncident !== null ? 'critical' : s.severity,
        gridPath: device.gridPath,
        buildingId: device.buildingId,
      };
      const on = { aggregate: alarmAggregate(alarmId) };
      await deps.ctx.events.publish(tx, ALARM_RAISED, payload, on);
      for (const n of notices) await deps.ctx.events.publish(tx, ALARM_ESCALATED, n, on);
      if (newIncident !== null)
        await deps.ctx.events.publish(tx, FIRE_CONFIRMED, { ...payload, incidentId: newIncident }, on);
    };
    const up = await upsertAlarm(tx, {
      deviceId: device.id,
      type: s.type,
      severity: s.severity,
      fire,
      buildingId: device.buildingId,
      floor: device.floor,
      gridPath: device.gridPath,
      at: now,
      deviceTime,
      value: s.value ?? {},
    });
    if (!up.inserted) return;
    if (!fire) {
      await announce(up.id, [], null);
      return;
    }
    const alarm = await getAlarm(tx, up.id);
    if (!alarm) throw new Error(`alarm ${up.id} vanished inside its own transaction`);
    const notices: AlarmEscalatedPayload[] = await recordSteps(
      tx,
      alarm,
      await resolveStep(tx, 'fire_centre', alarm),
      now,
    );
    await advanceEscalation(tx, up.id, -1, 0, new Date(now.getTime() + settings.ackTimeoutSeconds * 1000));
    let newIncident: number | null = null;
    if (device.buildingId !== null) {
      const others = await confirmingAlarms(tx, {
        buildingId: device.buildingId,
        floor: device.floor,
        deviceId: device.id,
        since: new Date(now.getTime() - settings.confirmWindowSeconds * 1000),
      });
      if (others.length) {
        const existing = others.find((o) => o.incidentId !== null)?.incidentId ?? null;
        const incidentId =
          existing ??
          (await insertIncident(tx, {
            buildingId: device.buildingId,
            floor: device.floor,
            gridPath: device.gridPath,
            at: now,
          }));
        await joinIncident(tx, incidentId, [up.id, ...others.filter((o) => o.incidentId === null).map((o) => o.id)]);
        if (existing === null) {
          notices.push(...(await recordSteps(tx, alarm, await resolveConfirmedFire(tx, alarm), now)));
          newIncident = incidentId;
        }
      }
    }
    await announce(up.id, notices, newIncident);
  });
}

async function clearByDevice(deps: IotDeps, device: SignalDevice, s: Signal, now: Date) {
  await deps.ctx.db.transaction(async (tx) => {
    const id = await clearActiveAlarm(tx, device.id, s.type, now, 'device');
    if (id === undefined) return;
    await deps.ctx.events.publish(
      tx,
      ALARM_CLEARED,
      {
        alarmId: id,
        deviceCode: device.code,
        type: s.type,
        severity: s.severity,
        gridPath: device.gridPath,
        buildingId: device.buildingId,
      },
      { aggregate: alarmAggregate(id) },
    );
  });
}
