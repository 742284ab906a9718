import { Toast } from 'antd-mobile';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../../core/api';
import { useT } from '../../../core/i18n';
import { type Book, fetchBook, postVisit, type Visit } from './api';
import { type PendingVisit, removeVisit, saveBook, savedBook, saveVisit, visitsOf } from './doorstepStore';
import { type ShownBook, showBook } from './shownBook';

export interface Doorstep {
  /** The book as last loaded, with the visits waiting on the phone laid over it; undefined until there is one. */
  book: ShownBook | undefined;
  /** Why the book could not be loaded, when there is none on the phone either. */
  loadError?: string;
  refreshing: boolean;
  /** Oldest first, including those the server refused. */
  visits: PendingVisit[];
  /** Loads the book again; false when it could not (no connection), and the saved one stays. */
  refresh: () => Promise<boolean>;
  /** Saves the visit first, then sends it if there is a connection: the visit, or null when it waits. */
  submit: (visit: Omit<PendingVisit, 'userId'>, replaces?: string) => Promise<Visit | null>;
  remove: (key: string) => void;
}

const offline = (err: unknown) => err instanceof ApiError && err.code === 'network';

/**
 * 入户走访 without a connection: the grid's household book is kept on the phone, visits are saved before they are
 * sent, and they go on the next start and whenever the browser comes back online, oldest first, each with its own
 * Idempotency-Key. A visit the server refuses stays, with its reason, for the worker to redo or delete.
 */
export function useDoorstep(userId: number): Doorstep {
  const { t } = useT();
  const [book, setBook] = useState<Book>();
  const [loadError, setLoadError] = useState<string>();
  const [refreshing, setRefreshing] = useState(false);
  const [visits, setVisits] = useState<PendingVisit[]>([]);
  // A visit is sent by one attempt at a time, whether the form or the online event started it.
  const sending = useRef(new Set<string>());

  const reloadVisits = useCallback(async () => setVisits(await visitsOf(userId)), [userId]);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      const fresh = await fetchBook();
      await saveBook(userId, fresh);
      setBook(fresh);
      setLoadError(undefined);
      return true;
    } catch (err) {
      setLoadError(errorMessage(err));
      return false;
    } finally {
      setRefreshing(false);
    }
  }, [userId]);

  const trySend = useCallback(async (visit: PendingVisit): Promise<Visit | null> => {
    if (sending.current.has(visit.key)) return null;
    sending.current.add(visit.key);
    try {
      const sent = await postVisit(visit.householdId, visit.input, visit.key);
      await removeVisit(visit.key);
      return sent;
    } finally {
      sending.current.delete(visit.key);
    }
  }, []);

  const flush = useCallback(async () => {
    let sent = 0;
    for (const visit of await visitsOf(userId)) {
      if (visit.error) continue;
      try {
        if (await trySend(visit)) sent++;
      } catch (err) {
        if (offline(err)) break;
        const code = err instanceof ApiError ? err.code : undefined;
        await saveVisit({ ...visit, error: errorMessage(err), errorCode: code });
      }
    }
    await reloadVisits();
    if (sent) Toast.show({ icon: 'success', content: t('doorstep.sent', { count: sent }) });
  }, [userId, trySend, reloadVisits, t]);

  useEffect(() => {
    let live = true;
    void Promise.all([savedBook(userId), visitsOf(userId)]).then(
      ([saved, waiting]) => {
        if (!live) return;
        setBook((current) => current ?? saved);
        setVisits(waiting);
      },
      (err: unknown) => console.debug(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [userId]);

  useEffect(() => {
    // sent first, so the book that comes back already has them
    const onOnline = () =>
      void flush()
        .then(refresh)
        .catch((err: unknown) => console.debug(errorMessage(err)));
    onOnline();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [flush, refresh]);

  const submit = useCallback(
    async (entry: Omit<PendingVisit, 'userId'>, replaces?: string) => {
      const visit: PendingVisit = { ...entry, userId };
      await saveVisit(visit);
      const dropReplaced = async () => {
        if (replaces) await removeVisit(replaces);
      };
      try {
        if (!navigator.onLine) {
          await dropReplaced();
          return null;
        }
        const sent = await trySend(visit);
        await dropReplaced();
        if (sent) await refresh();
        return sent;
      } catch (err) {
        if (offline(err)) {
          await dropReplaced();
          return null;
        }
        // Refused outright: the form is still on screen to be corrected, so nothing waits on the phone.
        await removeVisit(visit.key);
        throw err;
      } finally {
        await reloadVisits();
      }
    },
    [userId, trySend, refresh, reloadVisits],
  );

  const remove = useCallback(
    (key: string) => void removeVisit(key).then(reloadVisits, (err: unknown) => console.debug(errorMessage(err))),
    [reloadVisits],
  );

  const shown = useMemo(() => (book ? showBook(book, visits) : undefined), [book, visits]);
  return { book: shown, loadError, refreshing, visits, refresh, submit, remove };
}
