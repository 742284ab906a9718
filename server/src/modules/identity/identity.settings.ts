import { z } from 'zod';
import { defineSettings } from '../../core/config.js';
import type { Lockout } from './domain/throttle.js';

export interface IdentitySettings {
  /** Console session lifetime. */
  sessionTtlHours: number;
  /** The longest bearer token a staff member may take: it reaches personal data, so it ends sooner than a resident's. */
  staffTokenMaxDays: number;
  /** Failed sign-ins in a sliding window that shut an address, an account from an address, or an account (throttle.ts). */
  lockout: Lockout;
  /** Sign-up and sign-in codes sent by SMS: lifetime, tries per code, and how many a number or an address may ask for. */
  phoneCodes: { ttlSeconds: number; resendSeconds: number; attempts: number; perPhoneHour: number; perIpHour: number };
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
    STAFF_TOKEN_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
    LOCKOUT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    LOCKOUT_ADDRESS_THRESHOLD: z.coerce.number().int().min(1).max(10000).default(30),
    LOCKOUT_ACCOUNT_THRESHOLD: z.coerce.number().int().min(2).max(10000).default(50),
    PHONE_CODE_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(300),
    PHONE_CODE_RESEND_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
    PHONE_CODE_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
    PHONE_CODES_PER_NUMBER_HOUR: z.coerce.number().int().min(1).max(100).default(5),
    PHONE_CODES_PER_IP_HOUR: z.coerce.number().int().min(1).max(10000).default(30),
  }),
  (e) => ({
    sessionTtlHours: e.SESSION_TTL_HOURS,
    staffTokenMaxDays: e.STAFF_TOKEN_MAX_DAYS,
    lockout: {
      threshold: e.LOCKOUT_THRESHOLD,
      minutes: e.LOCKOUT_MINUTES,
      perAddress: e.LOCKOUT_ADDRESS_THRESHOLD,
      // one address must never reach it alone, or it could shut the owner out everywhere
      perAccount: Math.max(e.LOCKOUT_ACCOUNT_THRESHOLD, e.LOCKOUT_THRESHOLD + 1),
    },
    phoneCodes: {
      ttlSeconds: e.PHONE_CODE_TTL_SECONDS,
      resendSeconds: e.PHONE_CODE_RESEND_SECONDS,
      attempts: e.PHONE_CODE_ATTEMPTS,
      perPhoneHour: e.PHONE_CODES_PER_NUMBER_HOUR,
      perIpHour: e.PHONE_CODES_PER_IP_HOUR,
    },
  }),
);
