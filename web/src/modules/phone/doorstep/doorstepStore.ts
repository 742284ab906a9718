import { runStore } from '../phoneStore';
import type { Book, VisitInput } from './api';

/**
 * A doorstep visit saved on the phone, waiting to be sent with the Idempotency-Key its form was given. It holds the
 * newcomers' full ID numbers, so it leaves the phone as soon as the server has it.
 */
export interface PendingVisit {
  key: string;
  /** A shared phone may be signed into by someone else; each person sends only their own visits. */
  userId: number;
  householdId: number;
  input: VisitInput;
  /** The server refused it: it stays, with the server's words, until the worker redoes or deletes it. */
  error?: string;
  errorCode?: string;
}

export async function savedBook(userId: number): Promise<Book | undefined> {
  const saved = await runStore<{ userId: number; book: Book } | undefined>('books', 'readonly', (store) =>
    store.get(userId),
  );
  return saved?.book;
}

export function saveBook(userId: number, book: Book): Promise<IDBValidKey> {
  return runStore('books', 'readwrite', (store) => store.put({ userId, book }));
}

export async function visitsOf(userId: number): Promise<PendingVisit[]> {
  const all = await runStore<PendingVisit[]>('visits', 'readonly', (store) => store.getAll());
  return all.filter((v) => v.userId === userId).sort((a, b) => a.input.recordedAt.localeCompare(b.input.recordedAt));
}

export function saveVisit(visit: PendingVisit): Promise<IDBValidKey> {
  return runStore('visits', 'readwrite', (store) => store.put(visit));
}

export function removeVisit(key: string): Promise<undefined> {
  return runStore('visits', 'readwrite', (store) => store.delete(key));
}

/**
 * Signing out leaves none of the grid on a phone that may be shared or lost: the household book goes, and so do this
 * worker's unsent visits, which hold newcomers' full ID numbers.
 */
export async function forgetOnPhone(userId: number): Promise<void> {
  await runStore('books', 'readwrite', (store) => store.delete(userId));
  for (const visit of await visitsOf(userId)) await removeVisit(visit.key);
}
