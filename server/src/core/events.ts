import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { type Db, onCommit, type Queryable } from './db.js';

/**
 * Every event type and its payload. Each module adds its own in its `<name>.events.ts` by declaration merging, so a
 * publisher cannot send, and a subscriber cannot read, a payload of the wrong shape. Payloads travel as JSON.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by each module's declaration merging
export interface EventMap {}

export type EventType = keyof EventMap & string;

/**
 * A fact another module may react to; `type` is `<module>.<entity>_<past-verb>.v<version>`. Distributed over a union
 * of types, so a subscriber to several narrows the payload by checking `event.type`.
 */
export type DomainEvent<K extends EventType = EventType> = K extends EventType
  ? {
      /** The outbox row's id: a subscriber that must not act twice keys its effect on it. */
      id: number;
      type: K;
      /** What the event is about (`case:12`): one subscriber hears the events of one aggregate in order. */
      aggregate: string;
      payload: EventMap[K];
      at: string;
      actorId?: number;
    }
  : never;

type Handler<K extends EventType> = (event: DomainEvent<K>) => Promise<void>;

interface Subscription {
  name: string;
  types: readonly EventType[];
  handler: Handler<EventType>;
}

export interface RelayOptions {
  /** Names this process's claims on deliveries. */
  instance?: string;
  /** off: this instance writes events but leaves their delivery to another (a worker, or the next start). */
  relay: boolean;
  /** How often the relay looks for due deliveries besides being woken by a commit (retries, other instances). */
  pollMs: number;
  /** Attempts before a delivery becomes a dead letter. */
  maxAttempts: number;
  /** How long a claim holds: a process that dies mid-delivery leaves it to another after this. */
  leaseSeconds: number;
  /** The embedded database has one process: claims left by a killed one are released at start. */
  releaseClaimsAtStart: boolean;
}

const BACKOFF_SECONDS = [1, 5, 30, 120, 600];

/**
 * The transactional outbox and its relay. A command publishes inside its transaction: the event and one delivery
 * per subscriber are written with the change, so they commit or roll back together. After the commit the relay
 * runs each due delivery, at least once, in order per aggregate and subscriber, retrying with back-off until a
 * delivery becomes a dead letter that an administrator can see and retry. A subscriber that could run twice (a
 * crash after its effect, before its delivery was marked) makes its effect idempotent by the event id.
 */
export class EventBus {
  private readonly subscriptions: Subscription[] = [];
  private readonly byType = new Map<string, string[]>();
  private readonly instance: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly opts: RelayOptions,
  ) {
    this.instance = opts.instance ?? `${process.pid}-${randomBytes(4).toString('hex')}`;
  }

  /** Registers a durable subscriber under a name that stays the same across restarts (its deliveries carry it). */
  subscribe<K extends EventType>(name: string, types: readonly K[], handler: Handler<K>): void {
    if (this.subscriptions.some((s) => s.name === name)) throw new Error(`subscriber ${name} registered twice`);
    this.subscriptions.push({ name, types, handler: handler as Handler<EventType> });
    for (const type of types) this.byType.set(type, [...(this.byType.get(type) ?? []), name]);
  }

  /** Writes the event and its deliveries in `tx`, and wakes the relay once `tx` has committed. */
  async publish<K extends EventType>(
    tx: Queryable,
    type: K,
    payload: EventMap[K],
    opts: { aggregate: string; actorId?: number | null },
  ): Promise<number> {
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO core_events (type, aggregate, payload, actor_id) VALUES ($1, $2, $3, $4) RETURNING id',
      [type, opts.aggregate, JSON.stringify(payload), opts.actorId ?? null],
    );
    const id = Number(row?.id);
    const subscribers = this.byType.get(type) ?? [];
    if (subscribers.length) {
      await tx.query(
        `INSERT INTO core_event_deliveries (event_id, subscriber, aggregate)
         SELECT $1, s, $2 FROM unnest($3::text[]) AS s`,
        [id, opts.aggregate, subscribers],
      );
      onCommit(tx, () => this.kick());
    }
    return id;
  }

  async start(): Promise<void> {
    if (!this.opts.relay) return;
    this.stopped = false;
    if (this.opts.releaseClaimsAtStart)
      await this.db.query(
        `UPDATE core_event_deliveries SET claimed_by = NULL, next_at = now()
         WHERE status = 'pending' AND claimed_by IS NOT NULL`,
      );
    this.timer = setInterval(() => this.kick(), this.opts.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Runs the due deliveries now (after a commit) rather than at the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Lets shutdown and tests wait until every due delivery has run. */
  async drain(): Promise<void> {
    if (this.stopped) return;
    for (;;) {
      if (this.running) await this.running;
      if (!(await this.due(1)).length) return;
      this.kick();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopped = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        for (;;) {
          const due = await this.due(100);
          if (!due.length) break;
          for (const d of due) {
            if (this.stopped) return;
            await this.deliver(Number(d.event_id), d.subscriber);
          }
        }
      } catch (err) {
        this.log.error({ err }, 'event relay failed; retrying at the next poll');
        return;
      }
    } while (this.again && !this.stopped);
  }

  /** Due deliveries to this process's subscribers whose aggregate has no earlier one still waiting. */
  private due(limit: number) {
    return this.db.query<{ event_id: string; subscriber: string }>(
      `SELECT d.event_id, d.subscriber FROM core_event_deliveries d
       WHERE d.status = 'pending' AND d.next_at <= now() AND d.subscriber = ANY($1::text[])
         AND NOT EXISTS (
           SELECT 1 FROM core_event_deliveries p
           WHERE p.subscriber = d.subscriber AND p.aggregate = d.aggregate AND p.status = 'pending'
             AND p.event_id < d.event_id)
       ORDER BY d.event_id LIMIT $2`,
      [this.subscriptions.map((s) => s.name), limit],
    );
  }

  private async deliver(eventId: number, subscriber: string): Promise<void> {
    const sub = this.subscriptions.find((s) => s.name === subscriber);
    if (!sub) return;
    // the claim: one instance runs a delivery at a time, and a claim left by a dead process runs out
    const [claimed] = await this.db.query<{
      attempts: number;
      type: EventType;
      aggregate: string;
      payload: unknown;
      actor_id: string | null;
      at: Date;
    }>(
      `WITH c AS (
         UPDATE core_event_deliveries SET attempts = attempts + 1, claimed_by = $3,
           next_at = now() + make_interval(secs => $4)
         WHERE event_id = $1 AND subscriber = $2 AND status = 'pending' AND next_at <= now()
         RETURNING event_id, attempts)
       SELECT c.attempts, e.type, e.aggregate, e.payload, e.actor_id, e.at
       FROM c JOIN core_events e ON e.id = c.event_id`,
      [eventId, subscriber, this.instance, this.opts.leaseSeconds],
    );
    if (!claimed) return;
    const event = {
      id: eventId,
      type: claimed.type,
      aggregate: claimed.aggregate,
      payload: claimed.payload as EventMap[EventType],
      at: new Date(claimed.at).toISOString(),
      ...(claimed.actor_id === null ? {} : { actorId: Number(claimed.actor_id) }),
    } as DomainEvent;
    try {
      await sub.handler(event);
      await this.db.query(
        `UPDATE core_event_deliveries SET status = 'delivered', delivered_at = now(), claimed_by = NULL,
           last_error = NULL
         WHERE event_id = $1 AND subscriber = $2`,
        [eventId, subscriber],
      );
    } catch (err) {
      const dead = claimed.attempts >= this.opts.maxAttempts;
      const wait = BACKOFF_SECONDS[Math.min(claimed.attempts, BACKOFF_SECONDS.length) - 1] ?? 600;
      this.log.error(
        { err, event: claimed.type, eventId, subscriber, attempts: claimed.attempts, dead },
        'event subscriber failed',
      );
      await this.db.query(
        `UPDATE core_event_deliveries SET status = $3, claimed_by = NULL, last_error = $4,
           next_at = now() + make_interval(secs => $5)
         WHERE event_id = $1 AND subscriber = $2`,
        [eventId, subscriber, dead ? 'dead' : 'pending', String((err as Error)?.message ?? err).slice(0, 2000), wait],
      );
    }
  }
}
