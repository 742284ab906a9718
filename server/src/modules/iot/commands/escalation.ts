import type { Queryable } from '../../../core/db.js';
import { findUserIds } from '../../identity/index.js';
import { insertEscalation, nearestFireCentre } from '../db/iot.repository.js';
import type { EscalationStep } from '../domain/alarm-types.js';
import { ALARM_TYPES, type AlarmType } from '../domain/alarm-types.js';
import type { AlarmEscalatedPayload } from '../iot.events.js';

/** Levels of a grid path (province.city.district.street.community.grid): the street is the fourth. */
export const streetPathOf = (gridPath: string) => gridPath.split('.').slice(0, 4).join('.');
const streetCodeOf = (gridPath: string) => gridPath.split('.')[3] ?? '';

export interface StepTarget {
  step: EscalationStep;
  target: string;
  targetName: string;
  recipientIds: number[];
}

/** Who a step of the chain reaches, resolved now so the record says how many people were alerted. */
export async function resolveStep(
  db: Queryable,
  step: EscalationStep,
  alarm: { deviceId: number; gridPath: string; ownerName?: string },
): Promise<StepTarget[]> {
  switch (step) {
    case 'fire_centre': {
      const centre = await nearestFireCentre(db, alarm.deviceId);
      if (!centre) return [];
      return [
        {
          step,
          target: centre.orgCode,
          targetName: centre.name,
          recipientIds: await findUserIds(db, { orgCode: centre.orgCode }),
        },
      ];
    }
    case 'rapid_response': {
      const orgCode = `${streetCodeOf(alarm.gridPath)}-rapid_response`;
      return [
        { step, target: orgCode, targetName: '街道快速处置队', recipientIds: await findUserIds(db, { orgCode }) },
      ];
    }
    case 'grid_worker':
      return [
        {
          step,
          target: alarm.gridPath,
          targetName: '网格员',
          recipientIds: await findUserIds(db, { role: 'grid_worker', scopePath: alarm.gridPath }),
        },
      ];
    case 'street_duty': {
      const street = streetPathOf(alarm.gridPath);
      return [
        {
          step,
          target: street,
          targetName: '街道值班员',
          recipientIds: await findUserIds(db, { role: 'street_staff', scopePath: street }),
        },
      ];
    }
    case 'fire_119':
      // the hand-over to the 119 command system: recorded here as the point where it is sent
      return [{ step, target: '119', targetName: '119 指挥中心', recipientIds: [] }];
    case 'owner':
      return [{ step, target: 'owner', targetName: alarm.ownerName ?? '', recipientIds: [] }];
  }
}

const STEP_WORDS: Record<EscalationStep, [string, string]> = {
  fire_centre: ['火警', 'Fire alarm'],
  rapid_response: ['火警无人确认，请快速处置队前往', 'Fire alarm unacknowledged: rapid-response team please attend'],
  grid_worker: ['火警无人确认，请网格员前往', 'Fire alarm unacknowledged: grid worker please attend'],
  street_duty: ['火警仍无人确认，请街道值班员处置', 'Fire alarm still unacknowledged: street duty officer'],
  fire_119: ['确认火警，已推送 119', 'Confirmed fire passed to 119'],
  owner: ['设备故障待维修', 'Device fault awaiting repair'],
};

/** Writes the steps inside the caller's transaction; returns what to tell people once it has committed. */
export async function recordSteps(
  db: Queryable,
  alarm: { id: number; type: AlarmType; address: string; floor: number | null },
  targets: StepTarget[],
  at: Date,
): Promise<AlarmEscalatedPayload[]> {
  const out: AlarmEscalatedPayload[] = [];
  const what = ALARM_TYPES[alarm.type];
  const where = `${alarm.address}${alarm.floor !== null ? ` ${alarm.floor}层` : ''}`;
  const whereEn = `${alarm.address}${alarm.floor !== null ? `, floor ${alarm.floor}` : ''}`;
  for (const t of targets) {
    await insertEscalation(db, {
      alarmId: alarm.id,
      step: t.step,
      target: t.target,
      targetName: t.targetName,
      recipients: t.recipientIds.length,
      at,
    });
    const [zh, en] = STEP_WORDS[t.step];
    out.push({
      alarmId: alarm.id,
      step: t.step,
      recipientIds: t.recipientIds,
      titleZh: `${zh}：${where} ${what.zh}`,
      titleEn: `${en}: ${what.en} at ${whereEn}`,
    });
  }
  return out;
}
