import { describe, expect, it } from 'vitest';
import { ACTIONS, canCloseFrom, IllegalTransition, levelAbove, nextStatus, RULES, STATUSES } from './case-status.js';

describe('case state machine', () => {
  it('walks the happy path of the seven steps', () => {
    let s = nextStatus('accept', 'reported');
    s = nextStatus('dispatch', s);
    s = nextStatus('start', s);
    s = nextStatus('handle', s);
    s = nextStatus('verify', s);
    s = nextStatus('close', s);
    expect(nextStatus('rate', s)).toBe('rated');
  });

  it('refuses every transition not in the table', () => {
    let refused = 0;
    for (const action of ACTIONS) {
      for (const status of STATUSES) {
        if (RULES[action].from.includes(status)) expect(() => nextStatus(action, status)).not.toThrow();
        else {
          expect(() => nextStatus(action, status)).toThrow(IllegalTransition);
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(150);
  });

  it('resumes a suspended case where it was, keeps the status on an extension', () => {
    expect(nextStatus('resume', 'suspended', 'in_progress')).toBe('in_progress');
    expect(nextStatus('approve_extension', 'in_progress')).toBe('in_progress');
  });

  it('closes without verification only where the category allows', () => {
    expect(canCloseFrom('handled', false)).toBe(true);
    expect(canCloseFrom('handled', true)).toBe(false);
    expect(canCloseFrom('verified', true)).toBe(true);
  });

  it('escalates one level up and stops at the district', () => {
    expect(levelAbove('grid')).toBe('community');
    expect(levelAbove('street')).toBe('district');
    expect(levelAbove('district')).toBeNull();
    expect(levelAbove('department')).toBeNull();
  });
});
