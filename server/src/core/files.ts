import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';

/**
 * Uploaded files on disk, addressed by their SHA-256 so the same photo sent twice is stored once. A file is
 * written to a temporary name, flushed to disk and only then renamed into place: once `put` returns, the bytes
 * survive a crash, which is what lets the caller answer "ok".
 */
export class FileStore {
  constructor(private readonly root: string) {}

  private where(key: string): string {
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(bytes: Buffer, suffix = ''): Promise<string> {
    const key = `${createHash('sha256').update(bytes).digest('hex')}${suffix}`;
    const target = this.where(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    const dir = await open(path.dirname(target), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return key;
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  /** For reading a large file as a stream rather than into memory. */
  pathOf(key: string): string {
    if (!/^[0-9a-f]{64}[a-z0-9.-]*$/.test(key)) throw new Error('bad file key');
    return this.where(key);
  }
}
