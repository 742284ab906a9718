import { describe, expect, it } from 'vitest';
import { RateLimit } from './rate-limit.js';

describe('RateLimit', () => {
  it('lets each caller spend its budget, refuses the next with 429, and starts again in the next window', () => {
    let now = 1_000;
    const limit = new RateLimit(2, 60_000, () => now);
    limit.take('10.0.0.1');
    limit.take('10.0.0.1');
    expect(() => limit.take('10.0.0.1')).toThrow(expect.objectContaining({ code: 'core.rate_limited', status: 429 }));
    // another caller has a budget of its own
    limit.take('10.0.0.2');
    now += 60_000;
    limit.take('10.0.0.1');
    limit.take('10.0.0.1');
    expect(() => limit.take('10.0.0.1')).toThrow(expect.objectContaining({ code: 'core.rate_limited' }));
  });
});
