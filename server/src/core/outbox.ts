import type { Queryable } from './db.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface DeliveryRow {
  eventId: number;
  type: string;
  aggregate: string;
  subscriber: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  at: Date;
  nextAt: Date;
  deliveredAt: Date | null;
}

/** What the relay has still to do or has given up on, newest first; `before` is the last event id of a page. */
export async function listDeliveries(
  db: Queryable,
  f: { status: DeliveryStatus; subscriber?: string; type?: string; before?: number; limit: number },
): Promise<DeliveryRow[]> {
  return db.query<DeliveryRow & Record<string, unknown>>(
    `SELECT d.event_id::int AS "eventId", e.type, d.aggregate, d.subscriber, d.status, d.attempts,
       d.last_error AS "lastError", e.at, d.next_at AS "nextAt", d.delivered_at AS "deliveredAt"
     FROM core_event_deliveries d JOIN core_events e ON e.id = d.event_id
     WHERE d.status = $1 AND ($2::text IS NULL OR d.subscriber = $2) AND ($3::text IS NULL OR e.type = $3)
       AND ($4::bigint IS NULL OR d.event_id < $4)
     ORDER BY d.event_id DESC LIMIT $5`,
    [f.status, f.subscriber ?? null, f.type ?? null, f.before ?? null, f.limit],
  );
}

export async function countDeliveries(db: Queryable): Promise<Record<DeliveryStatus, number>> {
  const rows = await db.query<{ status: DeliveryStatus; n: number }>(
    'SELECT status, count(*)::int AS n FROM core_event_deliveries GROUP BY status',
  );
  const counts = { pending: 0, delivered: 0, dead: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** A dead letter goes back to the relay with a fresh count of attempts; false when there was none to retry. */
export async function retryDelivery(db: Queryable, eventId: number, subscriber: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE core_event_deliveries SET status = 'pending', attempts = 0, next_at = now(), claimed_by = NULL
     WHERE event_id = $1 AND subscriber = $2 AND status = 'dead' RETURNING event_id`,
    [eventId, subscriber],
  );
  return rows.length === 1;
}
