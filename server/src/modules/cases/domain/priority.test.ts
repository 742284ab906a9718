import { describe, expect, it } from 'vitest';
import { limitsFor } from './priority.js';

describe('graded response', () => {
  // 供水管道破裂 as seeded: respond 1 h, dispatch 1 h, handle 1 working day; 物业服务: 8 h, 2 h, 5 working days
  it('gives an important case half and an urgent one a quarter of each limit, a working day at least', () => {
    expect(limitsFor({ respondHours: 8, dispatchHours: 2, handleWorkdays: 5 }, 'normal')).toEqual({
      respondMinutes: 480,
      dispatchMinutes: 120,
      handleWorkdays: 5,
    });
    expect(limitsFor({ respondHours: 8, dispatchHours: 2, handleWorkdays: 5 }, 'important')).toEqual({
      respondMinutes: 240,
      dispatchMinutes: 60,
      handleWorkdays: 3,
    });
    expect(limitsFor({ respondHours: 8, dispatchHours: 2, handleWorkdays: 5 }, 'urgent')).toEqual({
      respondMinutes: 120,
      dispatchMinutes: 30,
      handleWorkdays: 2,
    });
    expect(limitsFor({ respondHours: 1, dispatchHours: 1, handleWorkdays: 1 }, 'urgent')).toEqual({
      respondMinutes: 15,
      dispatchMinutes: 15,
      handleWorkdays: 1,
    });
  });
});
