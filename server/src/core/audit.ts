import type { Queryable } from './db.js';

export interface AuditEntry {
  actorId?: number | null;
  actorName?: string | null;
  action: string;
  subject?: string;
  detail?: Record<string, unknown>;
  ip?: string;
  requestId?: string;
}

/** Written inside the caller's transaction when there is one, so the record and the change stand or fall together. */
export async function writeAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO core_audit (actor_id, actor_name, action, subject, detail, ip, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      e.actorId ?? null,
      e.actorName ?? null,
      e.action,
      e.subject ?? null,
      JSON.stringify(e.detail ?? {}),
      e.ip ?? null,
      e.requestId ?? null,
    ],
  );
}
