import { z } from 'zod';
import { defineSettings } from '../../core/config.js';

export interface IdentitySettings {
  /** Console session lifetime. */
  sessionTtlHours: number;
  /** Failed sign-ins before an account is locked, and for how long. */
  lockout: { threshold: number; minutes: number };
}

declare module '../../core/config.js' {
  interface ModuleSettings {
    identity: IdentitySettings;
  }
}

export const identitySettings = defineSettings(
  'identity',
  z.object({
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
    LOCKOUT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
  }),
  (e) => ({
    sessionTtlHours: e.SESSION_TTL_HOURS,
    lockout: { threshold: e.LOCKOUT_THRESHOLD, minutes: e.LOCKOUT_MINUTES },
  }),
);
