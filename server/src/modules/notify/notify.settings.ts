import { z } from 'zod';
import { defineSettings } from '../../core/config.js';

export interface NotifySettings {
  /** Quiet hours for everyone who has not set their own (minutes after midnight, China Standard Time). */
  quietHours: { from: number; to: number };
}

declare module '../../core/config.js' {
  interface ModuleSettings {
    notify: NotifySettings;
  }
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const notifySettings = defineSettings(
  'notify',
  z.object({
    NOTIFY_QUIET_HOURS: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM-HH:MM, e.g. 22:00-07:00')
      .default('22:00-07:00'),
  }),
  (e) => {
    const [from, to] = e.NOTIFY_QUIET_HOURS.split('-') as [string, string];
    return { quietHours: { from: minutes(from), to: minutes(to) } };
  },
);
