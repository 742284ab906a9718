import { Toast } from 'antd-mobile';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../../core/api';
import { useT } from '../../../core/i18n';
import type { Case } from '../../cases/api';
import { type OutboxReport, outboxOf, removeFromOutbox, saveToOutbox } from './outboxStore';
import { sendReport } from './sendReport';

export type OutboxEntry = Pick<OutboxReport, 'key' | 'input' | 'media'>;

export interface Outbox {
  items: OutboxReport[];
  /** Saves the report first, then sends it if there is a connection: the case, or null when it waits. */
  submit: (entry: OutboxEntry) => Promise<Case | null>;
  remove: (key: string) => void;
}

const offline = (err: unknown) => err instanceof ApiError && err.code === 'network';

/**
 * Reports made without a connection (巡查 often goes where there is none). They are sent on the next start and
 * whenever the browser comes back online, oldest first, each with its own Idempotency-Key.
 */
export function useOutbox(userId: number): Outbox {
  const { t } = useT();
  const [items, setItems] = useState<OutboxReport[]>([]);
  // A report is sent by one attempt at a time, whether the form or the online event started it.
  const sending = useRef(new Set<string>());

  const refresh = useCallback(async () => setItems(await outboxOf(userId)), [userId]);

  const trySend = useCallback(async (report: OutboxReport): Promise<Case | null> => {
    if (sending.current.has(report.key)) return null;
    sending.current.add(report.key);
    try {
      return await sendReport(report);
    } finally {
      sending.current.delete(report.key);
    }
  }, []);

  const flush = useCallback(async () => {
    let sent = 0;
    for (const report of await outboxOf(userId)) {
      if (report.error) continue;
      try {
        if (await trySend(report)) sent++;
      } catch (err) {
        if (offline(err)) break;
        await saveToOutbox({ ...report, error: errorMessage(err) });
      }
    }
    await refresh();
    if (sent) Toast.show({ icon: 'success', content: t('outbox.sent', { count: sent }) });
  }, [userId, trySend, refresh, t]);

  useEffect(() => {
    const onOnline = () => void flush().catch((err: unknown) => console.debug(errorMessage(err)));
    onOnline();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [flush]);

  const submit = useCallback(
    async (entry: OutboxEntry) => {
      const report: OutboxReport = { ...entry, userId, savedAt: new Date().toISOString() };
      await saveToOutbox(report);
      try {
        if (!navigator.onLine) return null;
        return await trySend(report);
      } catch (err) {
        if (offline(err)) return null;
        // Refused outright: the draft is still on screen to be corrected, so nothing waits in the outbox.
        await removeFromOutbox(report.key);
        throw err;
      } finally {
        await refresh();
      }
    },
    [userId, trySend, refresh],
  );

  const remove = useCallback(
    (key: string) => void removeFromOutbox(key).then(refresh, (err: unknown) => console.debug(errorMessage(err))),
    [refresh],
  );

  return { items, submit, remove };
}
