import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { Delaunay } from 'd3-delaunay';
import Flatbush from 'flatbush';
import polygonClipping, { type MultiPolygon, type Polygon } from 'polygon-clipping';
import seedrandom from 'seedrandom';
import { type GridRole, TEAM_ROLES } from './grid-team.js';
import { compoundNames, shortCommunityName, syntheticName } from './names.js';

/**
 * Demo grids for a real district whose street, community and grid polygons are not public.
 *
 * 1. Allocate the district's grid count over its communities: an urban community (社区 under a 街道) weighs 4,
 *    one under a town or a development zone 2, a village (村) 1; every community gets at least one grid.
 * 2. Sample one seed point per grid inside the real district boundary, a share of them crowded around the
 *    district centre so that urban grids come out smaller than rural ones; one Lloyd step evens the spacing.
 * 3. Give the innermost points to the urban streets and the rest to towns and zones, each street a contiguous
 *    angular sector, and split each street's points among its communities by recursive coordinate bisection.
 * 4. Each grid is the Voronoi cell of its point clipped to the district: together the cells tile the district
 *    with no gap and no overlap, and a community's area is the union of its grids, so every grid lies inside
 *    exactly one community by construction.
 * 5. Where the district has a fourth level (肥城市: 社区 — 行政村/小区 — 网格), each 社区 splits its grids among
 *    its villages or compounds by the same bisection, and its grids hang under them.
 * Everything is driven by one seeded generator, so the same seed gives the same grids on every machine.
 */

export type Ring = [number, number][];
export type MultiPolygonCoords = Ring[][];

export interface GeneratorStreet {
  code: string;
  name: string;
  kind: 'street' | 'town' | 'zone';
}

export interface GeneratorCommunity {
  code: string;
  name: string;
  streetCode: string;
  kind: 'community' | 'village';
}

export interface GeneratorInput {
  district: { code: string; name: string; boundary: MultiPolygonCoords; center: [number, number] };
  streets: GeneratorStreet[];
  communities: GeneratorCommunity[];
  gridCount: number;
  seed: string;
  /** Villages and compounds under each 社区 (not under a 村, which is a village itself); names known by community. */
  fourthLevel?: { knownNames: Record<string, string[]> };
}

export type GridKind = 'residential' | 'commercial' | 'rural' | 'enterprise';

export interface GeneratedCompound {
  /** the community's 12 digits and two of its own */
  code: string;
  name: string;
  kind: 'village' | 'compound';
  communityCode: string;
}

export interface GeneratedGrid {
  code: string;
  name: string;
  kind: GridKind;
  communityCode: string;
  /** the village or compound the grid hangs under, where its community has them */
  compoundCode: string | null;
  polygon: MultiPolygonCoords;
  boundsText: string;
  team: { role: GridRole; name: string }[];
}

/** Two grids a village or compound: an urban 社区's eight make four compounds, a town's 社区's four two villages. */
const GRIDS_PER_COMPOUND = 2;

const WEIGHT = { urban: 4, townOrZone: 2, village: 1 } as const;
const PRECISION = 1e7; // 1e-7 degree ≈ 1 cm: shared vertices round to the same value in both neighbours

export function allocateGrids(
  input: Pick<GeneratorInput, 'streets' | 'communities' | 'gridCount'>,
): Map<string, number> {
  const streetKind = new Map(input.streets.map((s) => [s.code, s.kind]));
  const weights = input.communities.map((c) =>
    c.kind === 'village'
      ? WEIGHT.village
      : streetKind.get(c.streetCode) === 'street'
        ? WEIGHT.urban
        : WEIGHT.townOrZone,
  );
  const n = input.communities.length;
  if (input.gridCount < n) throw new Error(`gridCount ${input.gridCount} is below the ${n} communities`);
  const spare = input.gridCount - n;
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (spare * w) / total);
  const counts = exact.map((e) => 1 + Math.floor(e));
  let left = input.gridCount - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return new Map(input.communities.map((c, i) => [c.code, counts[i] ?? 1]));
}

/** Local equirectangular plane, so that Voronoi cells are not stretched east–west. */
class Plane {
  readonly k: number;
  constructor(lat0: number) {
    this.k = Math.cos((lat0 * Math.PI) / 180);
  }
  to([lng, lat]: [number, number]): [number, number] {
    return [lng * this.k, lat];
  }
  from([x, y]: [number, number]): [number, number] {
    return [Math.round((x / this.k) * PRECISION) / PRECISION, Math.round(y * PRECISION) / PRECISION];
  }
}

function bboxOf(points: Iterable<[number, number]>): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

function ringArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    a += (xj + xi) * (yj - yi);
  }
  return Math.abs(a / 2);
}

function polygonCentroid(ring: Ring): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    const f = xj * yi - xi * yj;
    a += f;
    cx += (xj + xi) * f;
    cy += (yj + yi) * f;
  }
  return a === 0 ? (ring[0] as [number, number]) : [cx / (3 * a), cy / (3 * a)];
}

/** Splits points among groups by their counts, cutting along the longer axis each time (keeps groups compact). */
function bisect(
  points: number[],
  coords: [number, number][],
  groups: { key: string; count: number }[],
  out: Map<number, string>,
) {
  if (groups.length === 1) {
    for (const p of points) out.set(p, (groups[0] as { key: string }).key);
    return;
  }
  const total = groups.reduce((a, g) => a + g.count, 0);
  let acc = 0;
  let cut = 0;
  while (cut < groups.length - 1 && acc + (groups[cut] as { count: number }).count <= total / 2) {
    acc += (groups[cut] as { count: number }).count;
    cut++;
  }
  if (cut === 0) {
    acc = (groups[0] as { count: number }).count;
    cut = 1;
  }
  const [minX, minY, maxX, maxY] = bboxOf(points.map((p) => coords[p] as [number, number]));
  const axis = maxX - minX >= maxY - minY ? 0 : 1;
  const sorted = [...points].sort((a, b) => (coords[a] as number[])[axis]! - (coords[b] as number[])[axis]! || a - b);
  bisect(sorted.slice(0, acc), coords, groups.slice(0, cut), out);
  bisect(sorted.slice(acc), coords, groups.slice(cut), out);
}

const DIRECTIONS = [
  { zh: '东', angle: 0 },
  { zh: '南', angle: -Math.PI / 2 },
  { zh: '西', angle: Math.PI },
  { zh: '北', angle: Math.PI / 2 },
];

export function generateGrids(input: GeneratorInput): { grids: GeneratedGrid[]; compounds: GeneratedCompound[] } {
  const rng = seedrandom(`${input.seed}:${input.district.code}`);
  // what came after the first demo (the fourth level, village teams' fifth member) draws from its own generator, so
  // the grids, kinds and names drawn before stay as they were
  const later = seedrandom(`${input.seed}:${input.district.code}:later`);
  const plane = new Plane(input.district.center[1]);
  const boundary: MultiPolygon = input.district.boundary.map((poly) =>
    poly.map((ring) => ring.map((p) => plane.to(p))),
  );
  const clean = polygonClipping.union(boundary);
  const turfShape = { type: 'MultiPolygon' as const, coordinates: clean };
  const inside = (p: [number, number]) => booleanPointInPolygon(p, turfShape);
  const [minX, minY, maxX, maxY] = bboxOf(clean.flat(2) as [number, number][]);
  const centre = plane.to(input.district.center);
  const area = clean.reduce(
    (a, poly) => a + ringArea(poly[0] as Ring) - poly.slice(1).reduce((h, r) => h + ringArea(r as Ring), 0),
    0,
  );
  const radius = Math.sqrt(area / Math.PI);

  const allocation = allocateGrids(input);
  const streetKind = new Map(input.streets.map((s) => [s.code, s.kind]));
  const n = input.gridCount;
  const urbanCount = input.communities
    .filter((c) => streetKind.get(c.streetCode) === 'street')
    .reduce((a, c) => a + (allocation.get(c.code) ?? 0), 0);
  // The more of the district is urban, the more points crowd the centre and the wider that crowd spreads.
  const urbanShare = urbanCount / n;
  const crowdShare = 0.7 * urbanShare;
  const spread = radius * (0.15 + 0.35 * urbanShare);

  const gaussian = () => {
    const u = 1 - rng();
    const v = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const points: [number, number][] = [];
  while (points.length < n) {
    const p: [number, number] =
      rng() < crowdShare
        ? [centre[0] + gaussian() * spread, centre[1] + gaussian() * spread]
        : [minX + rng() * (maxX - minX), minY + rng() * (maxY - minY)];
    if (inside(p)) points.push(p);
  }
  const bounds: [number, number, number, number] = [minX, minY, maxX, maxY];
  const relaxed = Delaunay.from(points).voronoi(bounds);
  for (let i = 0; i < n; i++) {
    const cell = relaxed.cellPolygon(i) as Ring | null;
    if (!cell) continue;
    const c = polygonCentroid(cell);
    if (inside(c)) points[i] = c;
  }

  const byDistance = points
    .map((_, i) => i)
    .sort((a, b) => dist(points[a]!, centre) - dist(points[b]!, centre) || a - b);
  const angleOf = (i: number) => Math.atan2(points[i]![1] - centre[1], points[i]![0] - centre[0]);
  const urbanStreets = input.streets.filter((s) => s.kind === 'street');
  const outerStreets = input.streets.filter((s) => s.kind !== 'street');
  const streetCount = (s: GeneratorStreet) =>
    input.communities.filter((c) => c.streetCode === s.code).reduce((a, c) => a + (allocation.get(c.code) ?? 0), 0);
  const pointStreet = new Map<number, string>();
  const assignSectors = (pool: number[], streets: GeneratorStreet[]) => {
    const sorted = [...pool].sort((a, b) => angleOf(a) - angleOf(b) || a - b);
    let at = 0;
    for (const s of streets) {
      const take = streetCount(s);
      for (const p of sorted.slice(at, at + take)) pointStreet.set(p, s.code);
      at += take;
    }
  };
  assignSectors(byDistance.slice(0, urbanCount), urbanStreets);
  assignSectors(byDistance.slice(urbanCount), outerStreets);

  const pointCommunity = new Map<number, string>();
  for (const s of input.streets) {
    const mine = points.map((_, i) => i).filter((i) => pointStreet.get(i) === s.code);
    const groups = input.communities
      .filter((c) => c.streetCode === s.code)
      .map((c) => ({ key: c.code, count: allocation.get(c.code) ?? 0 }));
    if (mine.length) bisect(mine, points, groups, pointCommunity);
  }

  const delaunay = Delaunay.from(points);
  const voronoi = delaunay.voronoi(bounds);
  const edges = boundarySegmentIndex(clean);
  const cells: MultiPolygonCoords[] = points.map((_, i) => {
    const cell = voronoi.cellPolygon(i) as Ring;
    const [cx0, cy0, cx1, cy1] = bboxOf(cell);
    const crossesEdge = edges.search(cx0, cy0, cx1, cy1).length > 0;
    const planar: MultiPolygon =
      crossesEdge || !inside(polygonCentroid(cell)) ? polygonClipping.intersection([cell] as Polygon, clean) : [[cell]];
    return planar.map((poly) => poly.map((ring) => ring.map((p) => plane.from(p as [number, number]))));
  });

  const streets = new Map(input.streets.map((s) => [s.code, s]));
  const shortNames = input.communities.map((c) => shortCommunityName(c.name));
  const sameShortName = new Set(shortNames.filter((n, i) => shortNames.indexOf(n) !== i));
  const compounds: GeneratedCompound[] = [];
  const pointCompound = new Map<number, GeneratedCompound>();
  if (input.fourthLevel) {
    const taken = new Set(shortNames);
    for (const c of input.communities.filter((c) => c.kind === 'community')) {
      const mine = points.map((_, i) => i).filter((i) => pointCommunity.get(i) === c.code);
      const count = Math.max(1, Math.floor(mine.length / GRIDS_PER_COMPOUND));
      // a 社区 of a town gathers the villages around it (新型农村社区); one of a 街道 is made of compounds
      const kind: GeneratedCompound['kind'] =
        streetKind.get(c.streetCode) !== 'street' && c.name.endsWith('社区居委会') ? 'village' : 'compound';
      const names = compoundNames(later, kind, count, taken, input.fourthLevel.knownNames[c.code] ?? []);
      const mineCompounds = names.map((name, k) => ({
        code: `${c.code}${String(k + 1).padStart(2, '0')}`,
        name,
        kind,
        communityCode: c.code,
      }));
      compounds.push(...mineCompounds);
      const groups = mineCompounds.map((u, k) => ({
        key: u.code,
        count: Math.floor(mine.length / count) + (k < mine.length % count ? 1 : 0),
      }));
      const byCode = new Map(mineCompounds.map((u) => [u.code, u]));
      const assigned = new Map<number, string>();
      if (mine.length) bisect(mine, points, groups, assigned);
      for (const [p, code] of assigned) pointCompound.set(p, byCode.get(code) as GeneratedCompound);
    }
  }

  const indexInCommunity = new Map<number, number>();
  const indexInCompound = new Map<number, number>();
  const seen = new Map<string, number>();
  const ordered = points
    .map((_, i) => i)
    .sort((a, b) => {
      const ca = pointCommunity.get(a) ?? '';
      const cb = pointCommunity.get(b) ?? '';
      return ca < cb ? -1 : ca > cb ? 1 : points[b]![1] - points[a]![1] || points[a]![0] - points[b]![0];
    });
  for (const i of ordered) {
    const c = pointCommunity.get(i) ?? '';
    const k = (seen.get(c) ?? 0) + 1;
    seen.set(c, k);
    indexInCommunity.set(i, k);
    const u = pointCompound.get(i);
    if (u) {
      const n = (seen.get(u.code) ?? 0) + 1;
      seen.set(u.code, n);
      indexInCompound.set(i, n);
    }
  }

  const communities = new Map(input.communities.map((c) => [c.code, c]));
  // 四至 names a neighbour, perhaps across a street line: two 王庄村 in one district take their town's name first
  const stemOf = (c: GeneratorCommunity) => {
    const short = shortCommunityName(c.name);
    return sameShortName.has(short) ? `${streets.get(c.streetCode)?.name ?? ''}${short}` : short;
  };
  const nameOf = (i: number) => {
    const u = pointCompound.get(i);
    if (u) return `${u.name}第${indexInCompound.get(i)}网格`;
    const c = communities.get(pointCommunity.get(i) ?? '');
    return `${c ? stemOf(c) : ''}第${indexInCommunity.get(i)}网格`;
  };
  const districtEdge = `${input.district.name}边界`;
  const policeByCommunity = new Map<string, string>();

  const grids = ordered.map((i) => {
    const community = communities.get(pointCommunity.get(i) ?? '') as GeneratorCommunity;
    const kind = streetKind.get(community.streetCode);
    // drawn as before the fourth level, so that the grids around a new village keep their kinds
    const commercial = community.kind !== 'village' && kind !== 'zone' && rng() < 0.15;
    const gridKind: GridKind =
      community.kind === 'village' || pointCompound.get(i)?.kind === 'village'
        ? 'rural'
        : kind === 'zone'
          ? 'enterprise'
          : commercial
            ? 'commercial'
            : 'residential';
    const neighbours = [...delaunay.neighbors(i)];
    const boundsText = DIRECTIONS.map(({ zh, angle }) => {
      let best: number | undefined;
      let bestDist = Infinity;
      for (const j of neighbours) {
        const a = Math.atan2(points[j]![1] - points[i]![1], points[j]![0] - points[i]![0]);
        const off = Math.abs(Math.atan2(Math.sin(a - angle), Math.cos(a - angle)));
        const d = dist(points[i]!, points[j]!);
        if (off <= Math.PI / 4 && d < bestDist) {
          best = j;
          bestDist = d;
        }
      }
      return `${zh}至${best === undefined ? districtEdge : nameOf(best)}`;
    }).join('，');
    if (!policeByCommunity.has(community.code)) policeByCommunity.set(community.code, syntheticName(rng));
    const team = TEAM_ROLES[gridKind].map((role) => ({
      role,
      name:
        role === 'police_officer'
          ? (policeByCommunity.get(community.code) as string)
          : syntheticName(role === 'villager_group_leader' ? later : rng),
    }));
    return {
      code: `${community.code}${String(indexInCommunity.get(i)).padStart(3, '0')}`,
      name: nameOf(i),
      kind: gridKind,
      communityCode: community.code,
      compoundCode: pointCompound.get(i)?.code ?? null,
      polygon: cells[i] as MultiPolygonCoords,
      boundsText,
      team,
    };
  });
  return { grids, compounds };
}

function dist(a: [number, number], b: [number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Boundary segments in a spatial index: a cell touching none of them lies wholly inside and needs no clipping. */
function boundarySegmentIndex(shape: MultiPolygon): Flatbush {
  const segments: [number, number, number, number][] = [];
  for (const poly of shape)
    for (const ring of poly)
      for (let i = 1; i < ring.length; i++) {
        const [x0, y0] = ring[i - 1] as [number, number];
        const [x1, y1] = ring[i] as [number, number];
        segments.push([Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)]);
      }
  const index = new Flatbush(Math.max(segments.length, 1));
  for (const s of segments) index.add(...s);
  if (!segments.length) index.add(0, 0, 0, 0);
  index.finish();
  return index;
}
