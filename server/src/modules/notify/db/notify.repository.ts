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
