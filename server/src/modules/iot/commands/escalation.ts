import type { Queryable } from '../../../core/db.js';
import { findOnDutyUserIds, findOrg, findUserIds, peopleCovering } from '../../identity/index.js';
import { fireCentreFor, insertEscalation } from '../db/iot.repository.js';
import type { EscalationStep } from '../domain/alarm-types.js';
import { ALARM_TYPES, type AlarmType } from '../domain/alarm-types.js';
import type { AlarmEscalatedPayload } from '../iot.events.js';

/** Levels of a grid path (province.city.district.street.community.grid): the street is the fourth. */
export const streetPathOf = (gridPath: string) => gridPath.split('.').slice(0, 4).join('.');
const streetCodeOf = (gridPath: string) => gridPath.split('.')[3] ?? '';
/** The street's 快速处置队, an identity org named after the street. */
export const rapidResponseOrg = (gridPath: string) => `${streetCodeOf(gridPath)}-rapid_response`;

export interface StepTarget {
  step: EscalationStep;
  target: string;
  targetName: string;
  recipientIds: number[];
  /** What the people are told, when not the step's usual words (a confirmed fire says so at every step). */
  words?: [string, string];
}

/** Who a step of the chain reaches, resolved now so the record says how many people were alerted. */
export async function resolveStep(
  db: Queryable,
  step: EscalationStep,
  alarm: { deviceId: number; gridPath: string; ownerName?: string },
): Promise<StepTarget[]> {
  switch (step) {
    case 'fire_centre': {
      const centre = await fireCentreFor(db, alarm.deviceId);
      // no centre serves this place: the step is recorded with nobody, and notify raises it to the district
      if (!centre) return [{ step, target: '', targetName: '智慧消防服务中心（未覆盖）', recipientIds: [] }];
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
      // the team's members on duty now (its administrator keeps the roster); every member when nobody is on duty
      const orgCode = rapidResponseOrg(alarm.gridPath);
      const team = await findOrg(db, orgCode);
      return [
        {
          step,
          target: orgCode,
          targetName: team?.name ?? '街道快速处置队',
          recipientIds: await findOnDutyUserIds(db, orgCode),
        },
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
    case 'command_centre':
      return [
        {
          step,
          target: alarm.gridPath,
          targetName: '指挥中心',
          recipientIds: await peopleCovering(db, ['command_centre'], alarm.gridPath),
        },
      ];
    case 'fire_119':
      // the hand-over to the 119 command system: recorded here as the point where it is sent
      return [{ step, target: '119', targetName: '119 指挥中心', recipientIds: [] }];
    case 'owner':
      return [{ step, target: 'owner', targetName: alarm.ownerName ?? '', recipientIds: [] }];
  }
}

/**
 * A confirmed fire (two detectors, or a person on site) goes to 119 and, at once, to everyone who must act here: the
 * command centre, the fire service centre of the area, the street's rapid-response team and the grid worker.
 */
export async function resolveConfirmedFire(
  db: Queryable,
  alarm: { deviceId: number; gridPath: string },
): Promise<StepTarget[]> {
  const here: StepTarget[] = [];
  for (const step of ['command_centre', 'fire_centre', 'rapid_response', 'grid_worker'] as const)
    here.push(...(await resolveStep(db, step, alarm)));
  return [...(await resolveStep(db, 'fire_119', alarm)), ...here.map((t) => ({ ...t, words: CONFIRMED }))];
}

const CONFIRMED: [string, string] = ['确认火警，请立即处置', 'Confirmed fire: act now'];

const STEP_WORDS: Record<EscalationStep, [string, string]> = {
  fire_centre: ['火警', 'Fire alarm'],
  command_centre: ['确认火警', 'Confirmed fire'],
  rapid_response: ['火警无人确认，请快速处置队前往', 'Fire alarm unacknowledged: rapid-response team please attend'],
  grid_worker: ['火警无人确认，请网格员前往', 'Fire alarm unacknowledged: grid worker please attend'],
  street_duty: ['火警仍无人确认，请街道值班员处置', 'Fire alarm still unacknowledged: street duty officer'],
  fire_119: ['确认火警，已推送 119', 'Confirmed fire passed to 119'],
  owner: ['设备故障待维修', 'Device fault awaiting repair'],
};

/** Writes the steps inside the caller's transaction; returns what to tell people once it has committed. */
export async function recordSteps(
  db: Queryable,
  alarm: { id: number; type: AlarmType; address: string; floor: number | null; gridPath: string },
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
    const [zh, en] = t.words ?? STEP_WORDS[t.step];
    out.push({
      alarmId: alarm.id,
      step: t.step,
      target: t.target,
      targetName: t.targetName,
      recipientIds: t.recipientIds,
      gridPath: alarm.gridPath,
      titleZh: `${zh}：${where} ${what.zh}`,
      titleEn: `${en}: ${what.en} at ${whereEn}`,
    });
  }
  return out;
}
