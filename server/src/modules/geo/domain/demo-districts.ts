import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { GeneratorInput, MultiPolygonCoords } from './grid-generator.js';

const DATA_DIR = path.join(import.meta.dirname, '../data');

export interface RegionRow {
  code: string;
  name: string;
  level: 'province' | 'city' | 'district' | 'street' | 'community';
  parentCode: string | null;
}

export function readRegions(): RegionRow[] {
  const rows = parse(readFileSync(path.join(DATA_DIR, 'regions.csv')), { columns: true, skip_empty_lines: true }) as {
    code: string;
    name: string;
    level: RegionRow['level'];
    parentCode: string;
  }[];
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode || null }));
}

export function streetKind(name: string): 'street' | 'town' | 'zone' {
  if (name.endsWith('街道')) return 'street';
  if (name.endsWith('镇') || name.endsWith('乡')) return 'town';
  return 'zone';
}

export function communityKind(name: string): 'community' | 'village' {
  return name.endsWith('村委会') ? 'village' : 'community';
}

interface BoundaryFeature {
  properties: { code: string; name: string; center: [number, number] };
  geometry:
    | { type: 'Polygon'; coordinates: MultiPolygonCoords[number] }
    | { type: 'MultiPolygon'; coordinates: MultiPolygonCoords };
}

export function readBoundaries(): Map<string, { boundary: MultiPolygonCoords; center: [number, number] }> {
  const fc = JSON.parse(readFileSync(path.join(DATA_DIR, 'district-boundaries.geojson'), 'utf8')) as {
    features: BoundaryFeature[];
  };
  return new Map(
    fc.features.map((f) => [
      f.properties.code,
      {
        boundary: f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates,
        center: f.properties.center,
      },
    ]),
  );
}

interface DistrictsFile {
  seed: string;
  reference: string;
  districts: {
    code: string;
    population: number;
    gridCount?: number;
    fourthLevel?: { knownNames: Record<string, string[]> };
  }[];
}

/** The grid count of each demo district: fixed where the seed names it, else in proportion to population. */
const districtsFile = () => JSON.parse(readFileSync(path.join(DATA_DIR, 'districts.json'), 'utf8')) as DistrictsFile;

export function demoGridCounts(): { seed: string; counts: Map<string, number> } {
  const file = districtsFile();
  const ref = file.districts.find((d) => d.code === file.reference);
  if (!ref?.gridCount) throw new Error('districts.json: the reference district needs a gridCount');
  const perPerson = ref.gridCount / ref.population;
  return {
    seed: file.seed,
    counts: new Map(file.districts.map((d) => [d.code, d.gridCount ?? Math.round(d.population * perPerson)])),
  };
}

export function loadDistrictInputs(seedOverride?: string): GeneratorInput[] {
  const regions = readRegions();
  const boundaries = readBoundaries();
  const { seed, counts } = demoGridCounts();
  const fourthLevel = new Map(districtsFile().districts.map((d) => [d.code, d.fourthLevel]));
  return regions
    .filter((r) => r.level === 'district')
    .map((d) => {
      const b = boundaries.get(d.code);
      if (!b) throw new Error(`no boundary for district ${d.code}`);
      const streets = regions.filter((r) => r.parentCode === d.code);
      const streetCodes = new Set(streets.map((s) => s.code));
      return {
        district: { code: d.code, name: d.name, boundary: b.boundary, center: b.center },
        streets: streets.map((s) => ({ code: s.code, name: s.name, kind: streetKind(s.name) })),
        communities: regions
          .filter((r) => r.parentCode && streetCodes.has(r.parentCode))
          .map((c) => ({
            code: c.code,
            name: c.name,
            streetCode: c.parentCode as string,
            kind: communityKind(c.name),
          })),
        gridCount: counts.get(d.code) ?? 0,
        seed: seedOverride ?? seed,
        ...(fourthLevel.get(d.code) ? { fourthLevel: { knownNames: fourthLevel.get(d.code)?.knownNames ?? {} } } : {}),
      };
    });
}
