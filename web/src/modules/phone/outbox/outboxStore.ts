import type { ReportInput } from '../../cases/api';

/** A photo already on the server keeps its id; one picked without a connection waits here as its bytes. */
export type OutboxMedia = { id: number } | { blob: Blob; name: string };

/** A report made without a connection, waiting to be sent with the Idempotency-Key its draft was given. */
export interface OutboxReport {
  key: string;
  /** A shared phone may be signed into by someone else; each person sends only their own reports. */
  userId: number;
  savedAt: string;
  input: Omit<ReportInput, 'mediaIds'>;
  media: OutboxMedia[];
  /** The server refused it (the place is outside every grid, say): it stays until the person deletes it. */
  error?: string;
}

const DB_NAME = 'shanzhi-outbox';
const STORE = 'reports';

let opened: Promise<IDBDatabase> | undefined;

/** IndexedDB rather than localStorage, because only it keeps photos as Blobs. */
function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opened = undefined;
      reject(request.error);
    };
  });
  return opened;
}

async function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = act(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
  });
}

export async function outboxOf(userId: number): Promise<OutboxReport[]> {
  const all = await run<OutboxReport[]>('readonly', (store) => store.getAll());
  return all.filter((r) => r.userId === userId).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

export function saveToOutbox(report: OutboxReport): Promise<IDBValidKey> {
  return run('readwrite', (store) => store.put(report));
}

export function removeFromOutbox(key: string): Promise<undefined> {
  return run('readwrite', (store) => store.delete(key));
}
