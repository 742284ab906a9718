import type { z } from 'zod';
import type { bookSchema, visitBody, visitSchema } from '../../../../../server/src/modules/registry/registry.schemas';
import { api } from '../../../core/api';

export { HOUSEHOLD_USES, type HouseholdUse } from '../../registry/api';

// The book and the visit are the server's zod schemas, inferred, as in the console's registry api.
/** 入户台账: the buildings of the worker's grid down to each resident (masked), kept on the phone for the field. */
export type Book = z.infer<typeof bookSchema>;
export type BookBuilding = Book['buildings'][number];
/** A unit; '' for a building without units. */
export type BookUnit = BookBuilding['units'][number];
export type BookHousehold = BookUnit['households'][number];
export type BookResident = BookHousehold['residents'][number];

/** recordedAt is when the worker saved it on the phone; baseVersion the household's version the phone showed. */
export type VisitInput = z.input<typeof visitBody>;
/** registered true: 户籍 (registered here); false: 流动 (floating). */
export type NewResident = NonNullable<VisitInput['newResidents']>[number];
export type Visit = z.infer<typeof visitSchema>;

/** The signed-in worker's own grid. */
export function fetchBook(): Promise<Book> {
  return api('GET', '/api/registry/households/book');
}

export function postVisit(householdId: number, input: VisitInput, idempotencyKey: string): Promise<Visit> {
  return api('POST', `/api/registry/households/${householdId}/visits`, input, { 'Idempotency-Key': idempotencyKey });
}
