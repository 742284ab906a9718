import { z } from 'zod';
import { defineSettings } from '../../core/config.js';

export interface CasesSettings {
  /** How often overdue cases are escalated; 0 turns the job off (tests drive it by hand). */
  escalationIntervalSeconds: number;
  /** How near a resident must be, or have reported, for 我也遇到 to let them follow a case. */
  followRadiusMetres: number;
}

declare module '../../core/config.js' {
  interface ModuleSettings {
    cases: CasesSettings;
  }
}

export const casesSettings = defineSettings(
  'cases',
  z.object({
    ESCALATION_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    FOLLOW_RADIUS_METRES: z.coerce.number().int().min(50).max(10_000).default(1000),
  }),
  (e) => ({ escalationIntervalSeconds: e.ESCALATION_INTERVAL_SECONDS, followRadiusMetres: e.FOLLOW_RADIUS_METRES }),
);
