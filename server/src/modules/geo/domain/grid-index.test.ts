import { describe, expect, it } from 'vitest';
import { GridIndex, type IndexEntry } from './grid-index.js';

const square = (code: string, x: number, mergedInto: string | null = null): IndexEntry => ({
  code,
  name: `网格${code}`,
  path: `p.${code}`,
  mergedInto,
  geometry: {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [x, 0],
          [x + 1, 0],
          [x + 1, 1],
          [x, 1],
          [x, 0],
        ],
      ],
    ],
  },
});

describe('the grid that answers for a point (多格合一)', () => {
  it('is the grid itself, or the grid it was merged into, to the end of a chain', () => {
    const index = new GridIndex([square('A', 0), square('B', 1, 'C'), square('C', 2, 'D'), square('D', 3)]);
    const at = (x: number) => index.handling(index.locate(x, 0.5) as IndexEntry).code;
    expect(at(0.5)).toBe('A');
    expect(at(1.5)).toBe('D');
    expect(at(2.5)).toBe('D');
  });

  it('stops at a loop of merges rather than hang', () => {
    const index = new GridIndex([square('A', 0, 'B'), square('B', 1, 'A')]);
    expect(index.handling(index.locate(0.5, 0.5) as IndexEntry).code).toBe('B');
  });
});
