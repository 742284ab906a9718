import { mkdirSync } from 'node:fs';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import type { Engine } from './config.js';

export type Row = Record<string, unknown>;

/** What every repository talks to: plain SQL with $n parameters, the same text on both engines. */
export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Inside a transaction: runs fn once the transaction has committed (never if it rolls back), e.g. to wake the
   * event relay for what was just written. Absent outside a transaction, where every statement commits by itself.
   */
  afterCommit?(fn: () => void): void;
}

/** Runs fn after a commit, or at once when `db` is no transaction (its statements have committed already). */
export function onCommit(db: Queryable, fn: () => void): void {
  if (db.afterCommit) db.afterCommit(fn);
  else fn();
}

function runAll(callbacks: (() => void)[]): void {
  for (const fn of callbacks) fn();
}

export interface Db extends Queryable {
  readonly engine: Engine;
  /** Runs fn in one transaction; a throw rolls everything back, so nothing half-written stays. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Several statements at once, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * `loadFrom`: a tarball of a data directory (tests start each file from a migrated, seeded template this way
 * instead of migrating and seeding again); the directory it is loaded into must not hold a database yet.
 */
export async function openEmbedded(dataDir: string | 'memory', opts: { loadFrom?: Blob } = {}): Promise<Db> {
  const [{ PGlite: PGliteClass }, { postgis }, { ltree }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-postgis'),
    import('@electric-sql/pglite/contrib/ltree'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  if (dataDir !== 'memory') mkdirSync(dataDir, { recursive: true });
  const lite: PGlite = await PGliteClass.create(dataDir === 'memory' ? 'memory://' : dataDir, {
    extensions: { postgis, ltree, pg_trgm },
    ...(opts.loadFrom ? { loadDataDir: opts.loadFrom } : {}),
  });
  return new EmbeddedDb(lite);
}

class EmbeddedDb implements Db {
  readonly engine = 'embedded' as const;
  constructor(private readonly lite: PGlite) {}

  async query<T extends Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.lite.query<T>(sql, params)).rows;
  }
  /** PGlite's own transaction() holds its lock for the whole callback, so concurrent transactions cannot interleave. */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const committed: (() => void)[] = [];
    const result = await this.lite.transaction((tx: Transaction) =>
      fn({
        query: async <R extends Row>(sql: string, params: unknown[] = []) => (await tx.query<R>(sql, params)).rows,
        afterCommit: (cb) => committed.push(cb),
      }),
    );
    runAll(committed);
    return result;
  }
  async exec(sql: string): Promise<void> {
    await this.lite.exec(sql);
  }
  async listen(channel: string, onMessage: (payload: string) => void) {
    const unlisten = await this.lite.listen(channel, onMessage);
    return async () => unlisten();
  }
  async notify(channel: string, payload: string): Promise<void> {
    await this.lite.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }
  async close(): Promise<void> {
    await this.lite.close();
  }
}

export async function openServer(url: string, poolSize = 20): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // an idle pooled connection the server drops (restart, failover) is discarded by the pool; the next query opens
  // a new one, so the error must not bring the process down
  pool.on('error', () => undefined);
  const client = await pool.connect();
  client.release();
  return new ServerDb(pool, url);
}

class ServerDb implements Db {
  readonly engine = 'server' as const;
  private listener?: pg.Client;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {}

  async query<T extends Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const committed: (() => void)[] = [];
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async <R extends Row>(sql: string, params: unknown[] = []) =>
          (await client.query(sql, params)).rows as R[],
        afterCommit: (cb) => committed.push(cb),
      });
      await client.query('COMMIT');
      runAll(committed);
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }
  /** One dedicated connection carries every LISTEN, since pooled connections come and go. */
  async listen(channel: string, onMessage: (payload: string) => void) {
    if (!this.listener) {
      this.listener = new pg.Client({ connectionString: this.url });
      this.listener.on('error', () => undefined);
      await this.listener.connect();
      this.listener.on('notification', (n) => {
        for (const h of this.handlers.get(n.channel) ?? []) h(n.payload ?? '');
      });
    }
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await this.listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    set.add(onMessage);
    return async () => {
      set.delete(onMessage);
    };
  }
  async notify(channel: string, payload: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }
  async close(): Promise<void> {
    await this.listener?.end();
    await this.pool.end();
  }
}

export function openDb(opts: {
  engine: Engine;
  dataDir: string;
  databaseUrl?: string;
  databasePoolSize?: number;
}): Promise<Db> {
  return opts.engine === 'server' && opts.databaseUrl
    ? openServer(opts.databaseUrl, opts.databasePoolSize)
    : openEmbedded(opts.dataDir);
}
