import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../core/api';
import { fetchMessages, type Inbox, type Message, markRead, STREAM_URL } from './api';

export interface Notifications extends Inbox {
  /** Marks the message read here at once and on the server in the background. */
  read: (message: Message) => void;
}

/**
 * The signed-in person's messages, kept current over server-sent events while the page is open. `onLive` hears each
 * message as it arrives, for a toast. Unmounting (signing out does) closes the stream.
 */
export function useNotifications(onLive: (message: Message) => void): Notifications {
  const [inbox, setInbox] = useState<Inbox>({ items: [], unread: 0 });
  const live = useRef(onLive);
  live.current = onLive;

  useEffect(() => {
    let open = true;
    fetchMessages().then(
      (loaded) => open && setInbox(loaded),
      (err: unknown) => console.debug(errorMessage(err)),
    );
    const stream = new EventSource(STREAM_URL);
    stream.addEventListener('message', (event) => {
      const message = JSON.parse(event.data) as Message;
      setInbox((prev) =>
        prev.items.some((m) => m.id === message.id)
          ? prev
          : { items: [message, ...prev.items], unread: prev.unread + (message.read ? 0 : 1) },
      );
      live.current(message);
    });
    return () => {
      open = false;
      stream.close();
    };
  }, []);

  const read = useCallback((message: Message) => {
    if (message.read) return;
    setInbox((prev) => ({
      items: prev.items.map((m) => (m.id === message.id ? { ...m, read: true } : m)),
      unread: Math.max(0, prev.unread - 1),
    }));
    markRead(message.id).catch((err: unknown) => console.debug(errorMessage(err)));
  }, []);

  return { ...inbox, read };
}
