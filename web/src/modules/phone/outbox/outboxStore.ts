import type { ReportInput } from '../../cases/api';
import { runStore } from '../phoneStore';

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

export async function outboxOf(userId: number): Promise<OutboxReport[]> {
  const all = await runStore<OutboxReport[]>('reports', 'readonly', (store) => store.getAll());
  return all.filter((r) => r.userId === userId).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

export function saveToOutbox(report: OutboxReport): Promise<IDBValidKey> {
  return runStore('reports', 'readwrite', (store) => store.put(report));
}

export function removeFromOutbox(key: string): Promise<undefined> {
  return runStore('reports', 'readwrite', (store) => store.delete(key));
}
