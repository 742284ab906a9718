import type { Queryable } from '../../../core/db.js';

export interface Message {
  id: number;
  userId: number;
  at: Date;
  kind: string;
  titleZh: string;
  titleEn: string;
  subject: string | null;
  readAt: Date | null;
}

const COLUMNS = `id::int AS id, user_id::int AS "userId", at, kind, title_zh AS "titleZh", title_en AS "titleEn", subject,
  read_at AS "readAt"`;

/** The stored message, or undefined when this event has already told this person. */
export async function insertMessage(
  db: Queryable,
  m: Omit<Message, 'id' | 'at' | 'readAt'> & { eventId: number | null },
): Promise<Message | undefined> {
  const [row] = await db.query<Message & Record<string, unknown>>(
    `INSERT INTO notify_messages (user_id, kind, title_zh, title_en, subject, event_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (event_id, user_id) WHERE event_id IS NOT NULL DO NOTHING RETURNING ${COLUMNS}`,
    [m.userId, m.kind, m.titleZh, m.titleEn, m.subject, m.eventId],
  );
  return row;
}

export async function listMessages(db: Queryable, userId: number, limit: number, unreadOnly: boolean) {
  const items = await db.query<Message & Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM notify_messages WHERE user_id = $1 AND (NOT $3::boolean OR read_at IS NULL)
     ORDER BY id DESC LIMIT $2`,
    [userId, limit, unreadOnly],
  );
  const [count] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notify_messages WHERE user_id = $1 AND read_at IS NULL',
    [userId],
  );
  return { items, unread: count?.n ?? 0 };
}

export async function markRead(db: Queryable, userId: number, id: number): Promise<boolean> {
  const rows = await db.query(
    'UPDATE notify_messages SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id',
    [id, userId],
  );
  return rows.length === 1;
}

export interface StepRecord {
  eventId: number;
  subject: string;
  step: string;
  target: string;
  targetName: string;
  areaPath: string;
  recipients: number;
  raisedFrom: string | null;
}

/** Once per event, step and target: a second run of the subscriber finds the rows and adds nothing. */
export async function insertSteps(db: Queryable, steps: StepRecord[]): Promise<void> {
  if (!steps.length) return;
  await db.query(
    `INSERT INTO notify_steps (event_id, subject, step, target, target_name, area_path, recipients, raised_from)
     SELECT e, su, st, ta, tn, ap::ltree, r, rf
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[])
       AS t(e, su, st, ta, tn, ap, r, rf)
     ON CONFLICT (event_id, step, target) DO NOTHING`,
    [
      steps.map((x) => x.eventId),
      steps.map((x) => x.subject),
      steps.map((x) => x.step),
      steps.map((x) => x.target),
      steps.map((x) => x.targetName),
      steps.map((x) => x.areaPath),
      steps.map((x) => x.recipients),
      steps.map((x) => x.raisedFrom),
    ],
  );
}

export async function findStep(
  db: Queryable,
  eventId: number,
  step: string,
  target: string,
): Promise<{ recipients: number } | undefined> {
  const [row] = await db.query<{ recipients: number }>(
    'SELECT recipients FROM notify_steps WHERE event_id = $1 AND step = $2 AND target = $3',
    [eventId, step, target],
  );
  return row;
}

export interface StepRow extends StepRecord {
  id: number;
  at: Date;
  raisedTo: string | null;
  raisedToName: string | null;
}

/** Steps inside a scope, newest first: all of one subject's, or only those that reached nobody. */
export async function listSteps(
  db: Queryable,
  scope: string,
  filter: { subject?: string; unreachedOnly: boolean; limit: number },
): Promise<StepRow[]> {
  return db.query<StepRow & Record<string, unknown>>(
    `SELECT s.id::int AS id, s.event_id::int AS "eventId", s.subject, s.step, s.target, s.target_name AS "targetName",
       s.area_path::text AS "areaPath", s.recipients, s.raised_from AS "raisedFrom", s.at,
       r.target AS "raisedTo", r.target_name AS "raisedToName"
     FROM notify_steps s
     LEFT JOIN notify_steps r ON r.event_id = s.event_id AND r.step = s.step AND r.raised_from = s.target
     WHERE s.area_path <@ $1::ltree AND ($2::text IS NULL OR s.subject = $2) AND (NOT $3 OR s.recipients = 0)
     ORDER BY s.id DESC LIMIT $4`,
    [scope, filter.subject ?? null, filter.unreachedOnly, filter.limit],
  );
}

export interface Preferences {
  sms: boolean;
  /** WeChat template messages, for those who bound their WeChat; off until chosen. */
  wechat: boolean;
  quietFrom: number;
  quietTo: number;
}

/**
 * A person's own choice, or texts on (WeChat off) in the deployment's quiet hours (NOTIFY_QUIET_HOURS) until they
 * choose.
 */
export async function getPreferences(
  db: Queryable,
  userId: number,
  quiet: { from: number; to: number },
): Promise<Preferences> {
  const [row] = await db.query<Preferences & Record<string, unknown>>(
    `SELECT sms, wechat, quiet_from AS "quietFrom", quiet_to AS "quietTo" FROM notify_preferences WHERE user_id = $1`,
    [userId],
  );
  return row ?? { sms: true, wechat: false, quietFrom: quiet.from, quietTo: quiet.to };
}

export async function setPreferences(db: Queryable, userId: number, p: Preferences): Promise<void> {
  await db.query(
    `INSERT INTO notify_preferences (user_id, sms, wechat, quiet_from, quiet_to) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id) DO UPDATE SET sms = $2, wechat = $3, quiet_from = $4, quiet_to = $5, updated_at = now()`,
    [userId, p.sms, p.wechat, p.quietFrom, p.quietTo],
  );
}

/** How each channel fared with one message, in one statement. */
export async function recordDeliveries(
  db: Queryable,
  messageId: number,
  outcomes: { channel: string; outcome: string; detail?: string }[],
): Promise<void> {
  if (!outcomes.length) return;
  await db.query(
    `INSERT INTO notify_deliveries (message_id, channel, outcome, detail)
     SELECT $1, c, o, d FROM unnest($2::text[], $3::text[], $4::text[]) AS t(c, o, d)`,
    [messageId, outcomes.map((o) => o.channel), outcomes.map((o) => o.outcome), outcomes.map((o) => o.detail ?? null)],
  );
}
