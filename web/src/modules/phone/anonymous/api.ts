import type { z } from 'zod';
import type { anonymousReportBody } from '../../../../../server/src/modules/cases/cases.schemas';
import { api } from '../../../core/api';

export type AnonymousReport = z.input<typeof anonymousReportBody>;

/** Each district decides whether it takes reports from people without an account. */
export async function anonymousAllowed(grid: string): Promise<boolean> {
  return (await api<{ allowed: boolean }>('GET', `/api/cases/anonymous-policy?grid=${grid}`)).allowed;
}

/** The key is the draft's: a retry after a lost answer gets the same case number back, never a second case. */
export function sendAnonymousReport(report: AnonymousReport, key: string): Promise<{ number: string }> {
  return api('POST', '/api/cases/anonymous', report, { 'Idempotency-Key': key });
}
