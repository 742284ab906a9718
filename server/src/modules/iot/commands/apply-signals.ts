import {
  advanceEscalation,
  clearActiveAlarm,
  confirmIncident,
  getAlarm,
  groupIntoIncident,
  markCritical,
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
  /** The registry venue it guards, where it is not in a building. */
  venueId?: number | null;
}

/** The place whose fire alarms form one incident: the building, else the venue, else the device alone. */
export function placeOf(device: SignalDevice): string {
  if (device.buildingId !== null) return `building:${device.buildingId}`;
  if (device.venueId) return `venue:${device.venueId}`;
  return `device:${device.id}`;
}

/**
 * Writes what the rules decided, one transaction per alarm, before the device's message is acknowledged: an alarm
 * the broker was told "received" is on disk. A new fire alarm joins its place's incident in the same transaction, or
 * opens one, which alerts the nearest fire service centre at once and starts the incident's escalation chain; with
 * the two-detector rule met, the incident is a confirmed fire.
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
  const place = placeOf(device);
  await deps.ctx.db.transaction(async (tx) => {
    // the alarm's events are written with it: a stored alarm is always announced, a rolled-back one never
    const announce = async (
      alarmId: number,
      severity: string,
      notices: AlarmEscalatedPayload[],
      confirmed: number | null,
    ) => {
      const payload: AlarmEventPayload = {
        alarmId,
        deviceCode: device.code,
        type: s.type,
        severity,
        gridPath: device.gridPath,
        buildingId: device.buildingId,
      };
      const on = { aggregate: alarmAggregate(alarmId) };
      await deps.ctx.events.publish(tx, ALARM_RAISED, payload, on);
      for (const n of notices) await deps.ctx.events.publish(tx, ALARM_ESCALATED, n, on);
      if (confirmed !== null)
        await deps.ctx.events.publish(tx, FIRE_CONFIRMED, { ...payload, incidentId: confirmed }, on);
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
      // only fire alarms group by place; the others need no more than the device's own order
      lockKey: fire ? place : `device:${device.id}`,
    });
    if (!up.inserted) return;
    if (!fire) {
      await announce(up.id, s.severity, [], null);
      return;
    }
    const group = await groupIntoIncident(tx, {
      alarmId: up.id,
      deviceId: device.id,
      place,
      buildingId: device.buildingId,
      floor: device.floor,
      gridPath: device.gridPath,
      at: now,
      since: new Date(now.getTime() - settings.confirmWindowSeconds * 1000),
      rule: settings.twoDetectorRule,
    });
    const confirmsNow = !group.confirmed && settings.twoDetectorRule !== 'off' && group.partners > 0;
    if (group.confirmed) await markCritical(tx, up.id);
    // a detector joining a fire already reported adds to the incident on the board; it starts no chain of its own
    if (!group.created && !confirmsNow) {
      await announce(up.id, group.confirmed ? 'critical' : s.severity, [], null);
      return;
    }
    const alarm = await getAlarm(tx, up.id);
    if (!alarm) throw new Error(`alarm ${up.id} vanished inside its own transaction`);
    const notices: AlarmEscalatedPayload[] = [];
    if (group.created) {
      notices.push(...(await recordSteps(tx, alarm, await resolveStep(tx, 'fire_centre', alarm), now)));
      await advanceEscalation(tx, up.id, -1, 0, new Date(now.getTime() + settings.ackTimeoutSeconds * 1000));
    }
    let confirmed: number | null = null;
    if (confirmsNow && (await confirmIncident(tx, group.incidentId, 'two_detectors', now))) {
      notices.push(...(await recordSteps(tx, alarm, await resolveConfirmedFire(tx, alarm), now)));
      confirmed = group.incidentId;
    }
    await announce(up.id, confirmed !== null ? 'critical' : s.severity, notices, confirmed);
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
