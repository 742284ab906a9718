import { z } from 'zod';

export const idParam = z.object({ id: z.coerce.number().int().positive() });

export const meta = (req: { ip: string; id: string }) => ({ ip: req.ip, requestId: req.id });

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
