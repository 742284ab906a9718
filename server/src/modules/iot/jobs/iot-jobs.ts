import { applySignals } from '../commands/apply-signals.js';
import { recordSteps, resolveStep, type StepTarget } from '../commands/escalation.js';
import { openMaintenanceCase } from '../commands/open-case.js';
import {
  advanceEscalation,
  clearOfflineOfOnline,
  type DistrictLimits,
  dueEscalations,
  ensureTelemetryPartition,
  markOffline,
  standingFaults,
} from '../db/iot.repository.js';
import { FAULT_TYPES } from '../domain/alarm-types.js';
import type { NumericRule } from '../domain/rules.js';
import type { Ingestor } from '../ingest/ingestor.js';
import type { IotDeps } from '../iot.deps.js';
import { ALARM_CLEARED, ALARM_ESCALATED, alarmAggregate } from '../iot.events.js';

/**
 * What runs on a timer (every IOT_JOB_INTERVAL_SECONDS; tests call it with their own clock): offline detection,
 * the escalation chain and maintenance cases for standing faults.
 * Every step is guarded in SQL so several instances running it at once do each thing once.
 */
export async function runIotJobs(deps: IotDeps, ingestor: Ingestor, now = new Date()): Promise<void> {
  await ingestor.flush();
  await ensureTelemetryPartition(deps.ctx.db, now);
  await detectOffline(deps, now);
  await escalate(deps, now);
  await faultCases(deps, now);
  await ingestor.refreshActive();
}

async function detectOffline(deps: IotDeps, now: Date) {
  const missed = districtLimits(deps, 'offlineMissedHeartbeats');
  for (const d of await markOffline(deps.ctx.db, now, deps.rules().offlineMissedHeartbeats, missed)) {
    await applySignals(deps, d, [{ type: 'offline', state: 'raise', severity: 'warning' }], null, now);
  }
  await deps.ctx.db.transaction(async (tx) => {
    for (const { code } of await clearOfflineOfOnline(tx, now))
      await deps.ctx.events.publish(
        tx,
        ALARM_CLEARED,
        { deviceCode: code, type: 'offline' },
        { aggregate: `device:${code}` },
      );
  });
}

/** Unacknowledged fire alarms: after one timeout the street's rapid-response team and the grid worker, then the street's duty officer. */
async function escalate(deps: IotDeps, now: Date) {
  for (const alarm of await dueEscalations(deps.ctx.db, now, 500)) {
    const timeout = deps.rules(alarm.gridPath).ackTimeoutSeconds * 1000;
    const from = alarm.escalationStep;
    const to = from + 1;
    if (to > 2) continue;
    await deps.ctx.db.transaction(async (tx) => {
      if (!(await advanceEscalation(tx, alarm.id, from, to, to < 2 ? new Date(now.getTime() + timeout) : null))) return;
      const targets: StepTarget[] =
        to === 1
          ? [...(await resolveStep(tx, 'rapid_response', alarm)), ...(await resolveStep(tx, 'grid_worker', alarm))]
          : await resolveStep(tx, 'street_duty', alarm);
      const notices = await recordSteps(tx, alarm, targets, now);
      for (const n of notices)
        await deps.ctx.events.publish(tx, ALARM_ESCALATED, n, { aggregate: alarmAggregate(alarm.id) });
    });
  }
}

async function faultCases(deps: IotDeps, now: Date) {
  const hours = districtLimits(deps, 'faultCaseHours');
  for (const alarm of await standingFaults(deps.ctx.db, FAULT_TYPES, now, deps.rules().faultCaseHours, hours)) {
    await openMaintenanceCase(deps, alarm);
    await deps.ctx.db.transaction(async (tx) => recordSteps(tx, alarm, await resolveStep(tx, 'owner', alarm), now));
  }
}

/** One rule as each district that set its own rules has it, for the statements that apply it to many devices. */
function districtLimits(deps: IotDeps, rule: NumericRule): DistrictLimits {
  const districts = [...deps.ruleBook().districts];
  return { paths: districts.map(([path]) => path), values: districts.map(([, s]) => s[rule]) };
}
