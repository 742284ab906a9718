import { openFireCase } from '../commands/open-case.js';
import { getAlarm } from '../db/iot.repository.js';
import type { IotDeps } from '../iot.deps.js';
import { ALARM_ACKNOWLEDGED, FIRE_CONFIRMED } from '../iot.events.js';

/**
 * A confirmed fire goes into the case loop, one case for its incident however many of its alarms there are; an alarm
 * from before incidents existed, acknowledged as a real fire, one for itself. Through the outbox, so the case opens
 * even when the process dies right after the alarm's commit; the case's idempotency key (per incident, or per alarm)
 * keeps a delivery run twice from opening a second one.
 */
export function subscribeFireCases(deps: IotDeps): void {
  deps.ctx.events.subscribe('iot.fire_cases', [FIRE_CONFIRMED, ALARM_ACKNOWLEDGED], async (event) => {
    if (event.type === ALARM_ACKNOWLEDGED && !event.payload.realFire) return;
    const alarm = await getAlarm(deps.ctx.db, event.payload.alarmId);
    if (!alarm) return;
    if (event.type === FIRE_CONFIRMED) await openFireCase(deps, alarm, event.payload.incidentId);
    else if (alarm.incidentId === null && alarm.caseId === null) await openFireCase(deps, alarm, null);
  });
}
