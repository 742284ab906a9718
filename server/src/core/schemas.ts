import { z } from 'zod';

/** A yes/no in a query string: "true"/"1" or "false"/"0" (z.coerce.boolean would read "false" as true). */
export const queryBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .default(false);
