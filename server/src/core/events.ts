import type { FastifyBaseLogger } from 'fastify';

/** A fact another module may react to; `type` is `<module>.<entity>_<past-verb>.v<version>`. */
export interface DomainEvent<T extends string = string, P = unknown> {
  type: T;
  payload: P;
  at: string;
  actorId?: number;
}

type Handler = (event: DomainEvent) => Promise<void> | void;

/**
 * In-process bus. Commands publish after their transaction commits, so a subscriber never sees a fact that
 * was rolled back; a failing subscriber is logged and does not undo the publisher's work.
 */
export class EventBus {
  private readonly handlers = new Map<string, Handler[]>();
  private readonly pending = new Set<Promise<void>>();
  constructor(private readonly log: FastifyBaseLogger) {}

  subscribe(type: string, handler: Handler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }

  publish<T extends string, P>(type: T, payload: P, actorId?: number): void {
    const event: DomainEvent<T, P> = { type, payload, at: new Date().toISOString(), actorId };
    for (const handler of this.handlers.get(type) ?? []) {
      const run = (async () => {
        try {
          await handler(event);
        } catch (err) {
          this.log.error({ err, event: type }, 'event subscriber failed');
        }
      })();
      this.pending.add(run);
      void run.finally(() => this.pending.delete(run));
    }
  }

  /** Lets shutdown and tests wait until every subscriber has finished. */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
