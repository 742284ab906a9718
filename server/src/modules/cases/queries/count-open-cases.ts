import type { Queryable } from '../../../core/db.js';
import { countCasesUnder } from '../db/cases.repository.js';
import { OPEN_STATUSES } from '../domain/case-status.js';

/**
 * Cases still being worked on (reported up to verified: not closed, rated, rejected or merged) under each area path,
 * in the order given, for other modules' per-area counts. The caller has already cut the paths to its scope.
 */
export function countOpenCasesByArea(db: Queryable, areaPaths: string[]): Promise<number[]> {
  return countCasesUnder(db, areaPaths, OPEN_STATUSES);
}
