import { readFileSync } from 'node:fs';
import path from 'node:path';
import area from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { loadDistrictInputs } from './demo-districts.js';
import { allocateGrids, generateGrids } from './grid-generator.js';

describe('grid generator', () => {
  const feicheng = loadDistrictInputs().find((d) => d.district.code === '370983');
  if (!feicheng) throw new Error('肥城市 missing from the demo data');

  it('gives every community at least one grid and hits the total exactly', () => {
    const alloc = allocateGrids(feicheng);
    expect([...alloc.values()].every((n) => n >= 1)).toBe(true);
    expect([...alloc.values()].reduce((a, b) => a + b, 0)).toBe(2076);
  });

  const { grids } = generateGrids(feicheng);

  it('makes 2,076 grids for 肥城市 with 15-digit codes under their community', () => {
    expect(grids).toHaveLength(2076);
    expect(new Set(grids.map((g) => g.code)).size).toBe(2076);
    for (const g of grids) {
      expect(g.code).toMatch(/^\d{15}$/);
      expect(g.code.startsWith(g.communityCode)).toBe(true);
    }
  });

  it('is deterministic for a seed and different for another', () => {
    const again = generateGrids(feicheng).grids;
    expect(again.map((g) => g.polygon)).toEqual(grids.map((g) => g.polygon));
    const other = generateGrids({ ...feicheng, seed: 'another' }).grids;
    expect(other[0]?.polygon).not.toEqual(grids[0]?.polygon);
  });

  it('tiles the district: grid areas add up to the district area', () => {
    const total = grids.reduce((a, g) => a + area({ type: 'MultiPolygon', coordinates: g.polygon }), 0);
    const district = area({ type: 'MultiPolygon', coordinates: feicheng.district.boundary });
    expect(Math.abs(total - district) / district).toBeLessThan(0.005);
  });

  it('makes urban grids smaller than rural ones', () => {
    const avg = (kind: string) => {
      const sel = grids.filter((g) => g.kind === kind);
      return sel.reduce((a, g) => a + area({ type: 'MultiPolygon', coordinates: g.polygon }), 0) / sel.length;
    };
    expect(avg('residential')).toBeLessThan(avg('rural'));
  });

  it('resolves random points inside the district to exactly one grid', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const [minX, minY, maxX, maxY] = [116.5, 35.95, 117.0, 36.4];
    let tested = 0;
    while (tested < 200) {
      const p: [number, number] = [minX + rnd() * (maxX - minX), minY + rnd() * (maxY - minY)];
      const inDistrict = booleanPointInPolygon(p, { type: 'MultiPolygon', coordinates: feicheng.district.boundary });
      const hits = grids.filter((g) => booleanPointInPolygon(p, { type: 'MultiPolygon', coordinates: g.polygon }));
      expect(hits.length).toBe(inDistrict ? 1 : 0);
      if (inDistrict) tested++;
    }
  });

  it('writes 四至 for all four directions and a full team', () => {
    for (const g of grids.slice(0, 50)) {
      expect(g.boundsText).toMatch(/^东至.+，南至.+，西至.+，北至.+$/);
      expect(g.team.map((m) => m.role)).toContain('grid_leader');
      expect(g.team.map((m) => m.role)).toContain('police_officer');
    }
  });

  it('gives every grid of every demo district the five roles its kind defines, and names that 四至 can tell apart', () => {
    const five = ['grid_leader', 'grid_worker', 'part_time_grid_worker', 'police_officer'];
    const fifth: Record<string, string> = {
      residential: 'property_manager',
      commercial: 'property_manager',
      enterprise: 'property_manager',
      rural: 'villager_group_leader',
    };
    for (const input of loadDistrictInputs()) {
      const { grids: all } = input.district.code === '370983' ? { grids } : generateGrids(input);
      for (const g of all) expect(g.team.map((m) => m.role)).toEqual([...five, fifth[g.kind]]);
      const names = new Set(all.map((g) => g.name));
      expect(names.size).toBe(all.length);
      for (const g of all)
        for (const side of g.boundsText.split('，'))
          if (!side.endsWith('边界')) expect(names.has(side.slice(2)), `${g.code}: ${side}`).toBe(true);
    }
  });

  it('hangs 肥城市’s grids under its villages and compounds where a 社区 has them, under the 村 where not', () => {
    const { compounds } = generateGrids(feicheng);
    const byCode = new Map(compounds.map((c) => [c.code, c]));
    const zhaozhuang = compounds.filter((c) => c.communityCode === '370983001023');
    expect(zhaozhuang.map((c) => [c.code, c.kind])).toEqual([
      ['37098300102301', 'compound'],
      ['37098300102302', 'compound'],
      ['37098300102303', 'compound'],
      ['37098300102304', 'compound'],
    ]);
    expect(zhaozhuang[0]?.name).toBe('教师村小区');
    const villageCommunities = new Set(feicheng.communities.filter((c) => c.kind === 'village').map((c) => c.code));
    for (const g of grids) {
      if (villageCommunities.has(g.communityCode)) expect(g.compoundCode).toBeNull();
      else expect(byCode.get(g.compoundCode ?? '')?.communityCode).toBe(g.communityCode);
    }
  });

  it('ships the region list it was generated from', () => {
    const csv = readFileSync(path.join(import.meta.dirname, '../data/regions.csv'), 'utf8');
    expect(csv.split('\n').filter((l) => l.includes(',community,'))).toHaveLength(964);
  });
});
