import { acceptAndDispatch, reportCase } from '../../cases/index.js';
import { findOrg } from '../../identity/index.js';
import type { AlarmRecord } from '../db/iot.repository.js';
import { fireCentreFor, setAlarmCase, setIncidentCase } from '../db/iot.repository.js';
import { ALARM_TYPES } from '../domain/alarm-types.js';
import type { IotDeps } from '../iot.deps.js';
import { rapidResponseOrg } from './escalation.js';

/** 消防报警（智慧消防） and 消防隐患 in the case categories. */
const FIRE_CATEGORY = 'S08';
const FAULT_CATEGORY = 'S04';

const floorText = (a: AlarmRecord) => (a.floor !== null ? ` ${a.floor}层` : '');

/**
 * A confirmed (or acknowledged-real) fire goes into the case loop as urgent, accepted and dispatched at once to the
 * street's rapid-response team (the fire service centre serving the device where the street has none). The
 * idempotency key makes a retry after a crash return the case already opened instead of a second one, and the
 * dispatch picks up where it stopped.
 */
export async function openFireCase(deps: IotDeps, alarm: AlarmRecord, incidentId: number | null): Promise<number> {
  const actor = await deps.systemActor();
  const { caseId } = await reportCase(
    deps.ctx,
    deps.locator,
    actor,
    {
      categoryCode: FIRE_CATEGORY,
      description: `${incidentId !== null ? '确认火警' : '人工确认真实火警'}：${alarm.address}${floorText(alarm)}，设备 ${alarm.deviceCode}（${ALARM_TYPES[alarm.type].zh}）`,
      address: alarm.address,
      location: { lng: alarm.lng, lat: alarm.lat, crs: 'wgs84' },
      fromDevice: true,
      priority: 'urgent',
    },
    incidentId !== null ? `iot-incident-${incidentId}` : `iot-alarm-${alarm.id}`,
  );
  if (incidentId !== null) await setIncidentCase(deps.ctx.db, incidentId, caseId);
  else await setAlarmCase(deps.ctx.db, alarm.id, caseId);
  const team = await findOrg(deps.ctx.db, rapidResponseOrg(alarm.gridPath));
  const orgCode = team?.code ?? (await fireCentreFor(deps.ctx.db, alarm.deviceId))?.orgCode ?? null;
  await acceptAndDispatch(deps.ctx, actor, caseId, {
    orgCode,
    note: '确认火警，系统自动立案并派遣 / confirmed fire, accepted and dispatched by the system',
  });
  return caseId;
}

/** A fault left standing: a maintenance case for the owner or property company named on the device. */
export async function openMaintenanceCase(deps: IotDeps, alarm: AlarmRecord): Promise<number> {
  const actor = await deps.systemActor();
  const { caseId } = await reportCase(
    deps.ctx,
    deps.locator,
    actor,
    {
      categoryCode: FAULT_CATEGORY,
      description: `消防设备故障待维修：${alarm.address}${floorText(alarm)}，设备 ${alarm.deviceCode}（${ALARM_TYPES[alarm.type].zh}），责任单位 ${alarm.ownerName}`,
      address: alarm.address,
      location: { lng: alarm.lng, lat: alarm.lat, crs: 'wgs84' },
      fromDevice: true,
    },
    `iot-fault-${alarm.id}`,
  );
  await setAlarmCase(deps.ctx.db, alarm.id, caseId);
  return caseId;
}
