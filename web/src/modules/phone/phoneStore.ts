/**
 * The phone's own IndexedDB: what a grid worker makes or needs without a connection. IndexedDB rather than
 * localStorage, because only it keeps photos as Blobs and holds a whole grid's household book.
 */
const DB_NAME = 'shanzhi-outbox';
/** Version 1 held the reports alone; version 2 added the doorstep visits and the household book. */
const VERSION = 2;

const KEY_PATHS = { reports: 'key', visits: 'key', books: 'userId' } as const;
export type PhoneStore = keyof typeof KEY_PATHS;

let opened: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, VERSION);
    // creates only what is missing, so a phone upgrading from any earlier version keeps its queued reports
    request.onupgradeneeded = () => {
      for (const [name, keyPath] of Object.entries(KEY_PATHS)) {
        if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name, { keyPath });
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // a newer page (after an update) asks to upgrade: this one steps aside and reopens on its next use
      db.onversionchange = () => {
        db.close();
        opened = undefined;
      };
      resolve(db);
    };
    request.onerror = () => {
      opened = undefined;
      reject(request.error);
    };
  });
  return opened;
}

export async function runStore<T>(
  name: PhoneStore,
  mode: IDBTransactionMode,
  act: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(name, mode);
    const request = act(tx.objectStore(name));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
  });
}
