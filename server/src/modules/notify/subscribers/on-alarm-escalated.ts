import type { ModuleContext } from '../../../core/module.js';
import { ALARM_ESCALATED } from '../../iot/index.js';
import type { NotifyService } from '../notify.service.js';

/** Each step of a fire alarm's escalation chain reaches the people iot named for it, live where they are connected. */
export function subscribeToAlarms(ctx: Pick<ModuleContext, 'events'>, notify: NotifyService): void {
  ctx.events.subscribe('notify.alarm_steps', [ALARM_ESCALATED], async (event) => {
    const p = event.payload;
    for (const userId of p.recipientIds) {
      await notify.send({
        userId,
        kind: `${ALARM_ESCALATED}:${p.step}`,
        titleZh: p.titleZh,
        titleEn: p.titleEn,
        subject: `alarm:${p.alarmId}`,
        eventId: event.id,
      });
    }
  });
}
