import { coreErrors } from './errors.js';

/**
 * A per-caller request budget for public reads (one instance's memory, not shared): enough to stop a script from
 * walking a whole table through a route meant for one person at a time. Counts restart each window, so the map
 * holds at most the callers of one window.
 */
export class RateLimit {
  private counts = new Map<string, number>();
  private windowStart = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of the caller; throws 429 once the budget of this window is spent. */
  take(key: string): void {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.counts.clear();
      this.windowStart = now;
    }
    const used = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, used);
    if (used > this.max) throw coreErrors.rateLimited();
  }
}
