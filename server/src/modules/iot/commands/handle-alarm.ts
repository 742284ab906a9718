import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import { findOrg } from '../../identity/index.js';
import {
  type AlarmRecord,
  acknowledgeAlarm,
  acknowledgeIncident,
  clearAlarmById,
  closeAlarm,
  closeIncidentIfDone,
  getAlarm,
  hasEscalation,
  markArrived,
} from '../db/iot.repository.js';
import type { Classification } from '../domain/alarm-types.js';
import type { IotDeps } from '../iot.deps.js';
import { iotErrors } from '../iot.errors.js';
import {
  ALARM_ACKNOWLEDGED,
  ALARM_CLEARED,
  ALARM_CLOSED,
  ALARM_ESCALATED,
  alarmAggregate,
  FIRE_CONFIRMED,
} from '../iot.events.js';
import { mayResolveAlarm } from '../iot.permissions.js';
import { recordSteps, resolveConfirmedFire } from './escalation.js';

async function alarmInScope(deps: IotDeps, actor: Actor, id: number): Promise<AlarmRecord> {
  const alarm = await getAlarm(deps.ctx.db, id);
  if (!alarm || !inScope(actor, alarm.gridPath)) throw iotErrors.alarmNotFound();
  return alarm;
}

/** An alarm in scope that this person may also clear or close. */
async function alarmToResolve(deps: IotDeps, actor: Actor, id: number): Promise<AlarmRecord> {
  const alarm = await alarmInScope(deps, actor, id);
  const org = actor.orgCode ? await findOrg(deps.ctx.db, actor.orgCode) : undefined;
  if (!mayResolveAlarm(actor, org?.kind)) throw iotErrors.notResponder();
  return alarm;
}

const conflict = (zh: string, en: string) => iotErrors.alarmStateConflict({ params: { reason: { 'zh-CN': zh, en } } });

/**
 * 确认: stops the escalation chain of the alarm's incident, for every alarm in it. Saying it is a real fire confirms
 * the incident: 119 and one case for the incident, unless it was confirmed already; without that, only a confirmed
 * fire goes on to 119.
 */
export async function acknowledge(
  deps: IotDeps,
  actor: Actor,
  id: number,
  input: { realFire?: boolean; note?: string },
): Promise<AlarmRecord> {
  const alarm = await alarmInScope(deps, actor, id);
  const now = new Date();
  const real = alarm.fire && input.realFire === true;
  await deps.ctx.db.transaction(async (tx) => {
    if (!(await acknowledgeAlarm(tx, id, actor.id, input.realFire ?? null, input.note ?? null, now)))
      throw conflict('已确认或已关闭', 'already acknowledged or closed');
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'iot.alarm_acknowledged',
      subject: `alarm:${id}`,
      detail: { realFire: input.realFire ?? null },
    });
    const on = { aggregate: alarmAggregate(id), actorId: actor.id };
    await deps.ctx.events.publish(tx, ALARM_ACKNOWLEDGED, { alarmId: id, realFire: real }, on);
    const confirmed =
      alarm.incidentId !== null ? (await acknowledgeIncident(tx, alarm.incidentId, real, now)).newlyConfirmed : real;
    // an alarm from before incidents existed hands itself to 119 once; an incident's 119 step is taken once for it
    if (!confirmed || (alarm.incidentId === null && (await hasEscalation(tx, [id], 'fire_119')))) return;
    for (const n of await recordSteps(tx, alarm, await resolveConfirmedFire(tx, alarm), now))
      await deps.ctx.events.publish(tx, ALARM_ESCALATED, n, on);
    if (alarm.incidentId !== null)
      await deps.ctx.events.publish(
        tx,
        FIRE_CONFIRMED,
        {
          alarmId: id,
          deviceCode: alarm.deviceCode,
          type: alarm.type,
          severity: 'critical',
          gridPath: alarm.gridPath,
          buildingId: alarm.buildingId,
          incidentId: alarm.incidentId,
        },
        on,
      );
  });
  return (await getAlarm(deps.ctx.db, id)) as AlarmRecord;
}

/** 到场: the responder is on site; the statistics measure time to arrive from it. */
export async function arrive(deps: IotDeps, actor: Actor, id: number): Promise<AlarmRecord> {
  await alarmInScope(deps, actor, id);
  if (!(await markArrived(deps.ctx.db, id, new Date()))) throw conflict('已到场或已关闭', 'already arrived or closed');
  return (await getAlarm(deps.ctx.db, id)) as AlarmRecord;
}

/** 消除: the condition is gone (reset on site); a new alarm of the device is a new row from now on. */
export async function clearByOperator(
  deps: IotDeps,
  actor: Actor,
  id: number,
  forget: (code: string, type: AlarmRecord['type']) => void,
): Promise<AlarmRecord> {
  const alarm = await alarmToResolve(deps, actor, id);
  await deps.ctx.db.transaction(async (tx) => {
    if (!(await clearAlarmById(tx, id, `user:${actor.id}`, new Date()))) throw conflict('已消除', 'already cleared');
    await deps.ctx.events.publish(
      tx,
      ALARM_CLEARED,
      { alarmId: id, deviceCode: alarm.deviceCode, type: alarm.type },
      { aggregate: alarmAggregate(id), actorId: actor.id },
    );
  });
  forget(alarm.deviceCode, alarm.type);
  return (await getAlarm(deps.ctx.db, id)) as AlarmRecord;
}

/** 关闭 with the classification the statistics count: real fire, false alarm, test, fault. */
export async function close(
  deps: IotDeps,
  actor: Actor,
  id: number,
  input: { classification: Classification; note?: string },
  forget: (code: string, type: AlarmRecord['type']) => void,
): Promise<AlarmRecord> {
  const alarm = await alarmToResolve(deps, actor, id);
  if (alarm.acknowledgedAt === null) throw conflict('请先确认告警', 'acknowledge it first');
  // an alarm still sounding is not over: the device resets, or someone on site clears it, before it is classified
  if (alarm.clearedAt === null)
    throw conflict(
      '告警仍在持续，请先消除（设备复位或现场人工消除）',
      'it is still active: clear it first (the device resets or someone on site clears it)',
    );
  const now = new Date();
  await deps.ctx.db.transaction(async (tx) => {
    if (
      !(await closeAlarm(tx, id, {
        by: actor.id,
        classification: input.classification,
        note: input.note ?? null,
        at: now,
      }))
    )
      throw conflict('已关闭', 'already closed');
    if (alarm.incidentId !== null) await closeIncidentIfDone(tx, alarm.incidentId, now);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'iot.alarm_closed',
      subject: `alarm:${id}`,
      detail: { classification: input.classification },
    });
    await deps.ctx.events.publish(
      tx,
      ALARM_CLOSED,
      { alarmId: id, classification: input.classification },
      { aggregate: alarmAggregate(id), actorId: actor.id },
    );
  });
  forget(alarm.deviceCode, alarm.type);
  return (await getAlarm(deps.ctx.db, id)) as AlarmRecord;
}
