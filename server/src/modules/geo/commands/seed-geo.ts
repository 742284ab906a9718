import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../core/db.js';
import {
  countRegions,
  insertGrids,
  insertRegions,
  type NewRegion,
  recomputeDerivedBoundaries,
  setOfficialBoundary,
} from '../db/geo.repository.js';
import {
  communityKind,
  loadDistrictInputs,
  readBoundaries,
  readRegions,
  streetKind,
} from '../domain/demo-districts.js';
import { generateGrids } from '../domain/grid-generator.js';

function pathsOf(rows: ReturnType<typeof readRegions>): NewRegion[] {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const pathOf = (code: string): string => {
    const r = byCode.get(code);
    if (!r) throw new Error(`region ${code} has an unknown parent`);
    return r.parentCode ? `${pathOf(r.parentCode)}.${code}` : code;
  };
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    kind: r.level === 'street' ? streetKind(r.name) : r.level === 'community' ? communityKind(r.name) : r.level,
    parentCode: r.parentCode,
    path: pathOf(r.code),
  }));
}

/**
 * First start: the real divisions and district boundaries always; generated demo grids when asked for.
 * One transaction, so an interrupted first start leaves an empty database that the next start fills again.
 */
export async function seedGeo(
  db: Db,
  opts: { demoGrids: boolean; log?: FastifyBaseLogger; districts?: string[] },
): Promise<{ seeded: boolean; grids: number }> {
  if ((await countRegions(db)) > 0) return { seeded: false, grids: 0 };
  const regions = readRegions();
  const boundaries = readBoundaries();
  const inputs = loadDistrictInputs().filter((d) => !opts.districts || opts.districts.includes(d.district.code));
  let grids = 0;
  await db.transaction(async (tx) => {
    await insertRegions(tx, pathsOf(regions));
    for (const [code, b] of boundaries) {
      await setOfficialBoundary(tx, code, { type: 'MultiPolygon', coordinates: b.boundary }, b.center);
    }
    if (!opts.demoGrids) return;
    const paths = new Map(pathsOf(regions).map((r) => [r.code, r.path]));
    for (const input of inputs) {
      const started = Date.now();
      const { grids: generated, compounds } = generateGrids(input);
      const fourthLevel = compounds.map((c) => ({
        code: c.code,
        name: c.name,
        level: 'compound' as const,
        kind: c.kind,
        parentCode: c.communityCode,
        path: `${paths.get(c.communityCode)}.${c.code}`,
      }));
      await insertRegions(tx, fourthLevel);
      for (const c of fourthLevel) paths.set(c.code, c.path);
      await insertGrids(
        tx,
        generated.map((g) => ({
          code: g.code,
          name: g.name,
          kind: g.kind,
          communityCode: g.communityCode,
          compoundCode: g.compoundCode,
          path: `${paths.get(g.compoundCode ?? g.communityCode)}.${g.code}`,
          geometry: { type: 'MultiPolygon', coordinates: g.polygon },
          boundsText: g.boundsText,
          mergedInto: null,
          team: g.team,
        })),
      );
      grids += generated.length;
      opts.log?.info(
        {
          district: input.district.code,
          grids: generated.length,
          compounds: compounds.length,
          ms: Date.now() - started,
        },
        `已生成 ${input.district.name} 演示网格 ${generated.length} 个 / generated demo grids`,
      );
    }
    await recomputeDerivedBoundaries(
      tx,
      inputs.map((d) => d.district.code),
    );
    // demo grids keep their station in their community's 党群服务中心, as most real ones do
    await tx.query(
      `UPDATE geo_grids g SET station_name = g.name || '工作站',
         station_address = regexp_replace(regexp_replace(c.name, '(居委会|居民委员会)$', '社区'), '(村委会|村民委员会)$', '村')
           || '党群服务中心',
         station_hours = '周一至周五 8:30–17:30'
       FROM geo_regions c WHERE c.code = g.community_code AND g.station_name IS NULL`,
    );
  });
  return { seeded: true, grids };
}
