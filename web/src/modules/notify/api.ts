import { api } from '../../core/api';
import type { Lang } from '../../core/i18n';

/** One message to the signed-in person (件件有回音); `subject` names what it is about, such as `case:12`. */
export interface Message {
  id: number;
  at: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  subject: string | null;
  read: boolean;
}

export interface Inbox {
  items: Message[];
  unread: number;
}

/** Same origin, so the session cookie goes along; EventSource cannot send other credentials. */
export const STREAM_URL = '/api/notify/stream';

export function fetchMessages(): Promise<Inbox> {
  return api('GET', '/api/notify/messages?limit=50');
}

export function markRead(id: number): Promise<void> {
  return api('POST', `/api/notify/messages/${id}/read`);
}

export function messageTitle(message: Message, lang: Lang): string {
  return lang === 'en' ? message.titleEn : message.titleZh;
}

/** The case a message is about, if it is about one. */
export function caseOf(message: Message): number | null {
  const match = /^case:(\d+)$/.exec(message.subject ?? '');
  return match ? Number(match[1]) : null;
}
