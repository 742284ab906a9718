import type { ModuleContext } from '../../../core/module.js';
import type { UnitLevel } from '../../identity/index.js';
import { ALARM_ESCALATED } from '../../iot/index.js';
import { reach } from '../commands/reach.js';
import type { NotifyService } from '../notify.service.js';

/**
 * Where a step of the fire chain goes when the people iot named for it are missing: the unit above them. Steps
 * that leave the platform (119, the owner's phone) have nobody here to miss.
 */
const RAISE_TO: Record<string, UnitLevel> = {
  fire_centre: 'district',
  command_centre: 'district',
  rapid_response: 'street',
  grid_worker: 'community',
  street_duty: 'district',
};

/** Each step of a fire alarm's escalation chain reaches the people iot named for it, live where they are connected. */
export function subscribeToAlarms(ctx: Pick<ModuleContext, 'events' | 'db' | 'log'>, notify: NotifyService): void {
  ctx.events.subscribe('notify.alarm_steps', [ALARM_ESCALATED], async (event) => {
    const p = event.payload;
    const raiseTo = RAISE_TO[p.step];
    if (!raiseTo) return;
    await reach(ctx.db, notify, ctx.log, {
      eventId: event.id,
      subject: `alarm:${p.alarmId}`,
      step: p.step,
      kind: `${ALARM_ESCALATED}:${p.step}`,
      target: { named: { target: p.target, name: p.targetName, userIds: p.recipientIds }, raiseTo },
      gridPath: p.gridPath,
      actorId: null,
      title: () => ({ zh: p.titleZh, en: p.titleEn }),
    });
  });
}
