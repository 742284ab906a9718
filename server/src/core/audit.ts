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

export interface AuditFilter {
  actor?: string;
  action?: string;
  subject?: string;
  from?: Date;
  to?: Date;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorId: number | null;
  actorName: string | null;
  action: string;
  subject: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
  requestId: string | null;
}

const AUDIT_COLUMNS = `id::int AS id, at, actor_id::int AS "actorId", actor_name AS "actorName", action, subject, detail,
  ip, request_id AS "requestId"`;

/** Filters match an actor's name or id, an action or its prefix (`registry.`), a subject or its prefix (`person:`). */
function auditWhere(f: AuditFilter, params: unknown[]): string {
  const where: string[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.actor) {
    if (/^\d+$/.test(f.actor)) add('actor_id = ?::bigint', f.actor);
    else add('actor_name = ?', f.actor);
  }
  if (f.action) add(f.action.endsWith('.') ? "action LIKE ? || '%'" : 'action = ?', f.action);
  if (f.subject) add(f.subject.endsWith(':') ? "subject LIKE ? || '%'" : 'subject = ?', f.subject);
  if (f.from) add('at >= ?', f.from);
  if (f.to) add('at < ?', f.to);
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** Newest first, a page at a time: `before` is the last id of the previous page. */
export async function listAudit(
  db: Queryable,
  f: AuditFilter,
  page: { before?: number; limit: number },
): Promise<AuditRow[]> {
  const params: unknown[] = [];
  let where = auditWhere(f, params);
  if (page.before) {
    params.push(page.before);
    where += `${where ? ' AND' : 'WHERE'} id < $${params.length}`;
  }
  params.push(page.limit);
  return db.query<AuditRow & Record<string, unknown>>(
    `SELECT ${AUDIT_COLUMNS} FROM core_audit ${where} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
}

export async function countAudit(db: Queryable, f: AuditFilter): Promise<number> {
  const params: unknown[] = [];
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM core_audit ${auditWhere(f, params)}`,
    params,
  );
  return row?.n ?? 0;
}

/** The actions recorded so far, for the viewer's filter. */
export async function auditActions(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ action: string }>('SELECT DISTINCT action FROM core_audit ORDER BY action');
  return rows.map((r) => r.action);
}
