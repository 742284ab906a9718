import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { errorMessage } from '../../core/api';
import { invalidateSubject } from '../../core/query';
import { fetchMessages, type Inbox, type Message, markRead, STREAM_URL } from './api';

export interface Notifications extends Inbox {
  /** Marks the message read here at once and on the server in the background. */
  read: (message: Message) => void;
}

const INBOX = ['notify', 'inbox'];
const EMPTY: Inbox = { items: [], unread: 0 };

/**
 * The signed-in person's messages, kept current over server-sent events while the page is open; each one also
 * refreshes the reads of what it is about. `onLive` hears each message as it arrives, for a toast. Unmounting
 * (signing out does) closes the stream.
 */
export function useNotifications(onLive: (message: Message) => void): Notifications {
  const client = useQueryClient();
  const inbox = useQuery({ queryKey: INBOX, queryFn: fetchMessages }).data ?? EMPTY;
  const live = useRef(onLive);
  live.current = onLive;

  useEffect(() => {
    const stream = new EventSource(STREAM_URL);
    stream.addEventListener('message', (event) => {
      const message = JSON.parse(event.data) as Message;
      client.setQueryData<Inbox>(INBOX, (prev = EMPTY) =>
        prev.items.some((m) => m.id === message.id)
          ? prev
          : { items: [message, ...prev.items], unread: prev.unread + (message.read ? 0 : 1) },
      );
      // what the message is about (a case, an alarm) has changed: every page showing it asks again
      invalidateSubject(client, message.subject);
      live.current(message);
    });
    return () => stream.close();
  }, [client]);

  const read = useCallback(
    (message: Message) => {
      if (message.read) return;
      client.setQueryData<Inbox>(INBOX, (prev = EMPTY) => ({
        items: prev.items.map((m) => (m.id === message.id ? { ...m, read: true } : m)),
        unread: Math.max(0, prev.unread - 1),
      }));
      markRead(message.id).catch((err: unknown) => console.debug(errorMessage(err)));
    },
    [client],
  );

  return { ...inbox, read };
}
