import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { Queryable } from '../../../core/db.js';
import type { ModuleContext } from '../../../core/module.js';
import {
  deleteGridsOfCommunities,
  gridsOfCommunities,
  insertGrids,
  recomputeDerivedBoundaries,
  regionsByCodes,
} from '../db/geo.repository.js';
import { geoErrors } from '../geo.errors.js';
import { GRIDS_IMPORTED, type GridsImportedPayload } from '../geo.events.js';
import { assertInScope } from '../geo.permissions.js';
import type { ImportGridsBody } from '../geo.schemas.js';
import type { GridLocator } from '../queries/locate-point.js';

export interface ImportProblem {
  problem: 'invalid_geometry' | 'overlap' | 'gap' | 'outside_community' | 'outside_district';
  grids: string[];
  detail: string;
  /** m², where an area makes sense */
  area?: number;
}

/** Overlaps and gaps smaller than this are rounding, not mapping errors. */
const AREA_TOLERANCE_M2 = 1;
/** The published district boundaries are accurate to about 100 m; a real grid may stray that far past them. */
const DISTRICT_TOLERANCE_M = 200;

export interface ImportGridsResult {
  imported: number;
  replaced: number;
  communities: string[];
  /** grids of the replaced communities that the file leaves out: they go, and cases and people filed under them
   * keep a code no map shows */
  removed: { code: string; name: string }[];
  dryRun: boolean;
}

/** Thrown inside the transaction to roll back a dry run once everything has been checked. */
class DryRun {
  constructor(
    readonly removed: { code: string; name: string }[],
    readonly replaced: number,
  ) {}
}

/**
 * Replaces the grids of every community named in the file with the file's grids, or changes nothing:
 * every problem is collected and reported together with the offending grid codes. A dry run checks everything and
 * says what would go; an import that would remove grids the file leaves out asks for `confirmRemoval` first, since
 * a community's file with one grid missing is more often a mistake than a decision.
 */
export async function importGrids(
  ctx: Pick<ModuleContext, 'db' | 'events'>,
  locator: GridLocator,
  actor: Actor,
  body: ImportGridsBody,
  options: { dryRun?: boolean; confirmRemoval?: boolean } = {},
  meta: { ip?: string; requestId?: string } = {},
): Promise<ImportGridsResult> {
  const features = body.features;
  const seen = new Map<string, number>();
  features.forEach((f, i) => {
    const prev = seen.get(f.properties.code);
    if (prev !== undefined) {
      throw geoErrors.duplicateGrid({ field: `features.${i}.properties.code`, params: { code: f.properties.code } });
    }
    seen.set(f.properties.code, i);
  });

  const communityCodes = [...new Set(features.map((f) => f.properties.code.slice(0, 12)))];
  const communities = new Map((await regionsByCodes(ctx.db, communityCodes)).map((r) => [r.code, r]));
  features.forEach((f, i) => {
    const code = f.properties.code.slice(0, 12);
    const c = communities.get(code);
    if (c?.level !== 'community') {
      throw geoErrors.unknownCommunity({ field: `features.${i}.properties.code`, params: { code } });
    }
    assertInScope(actor, c.path);
  });
  const names = new Map<string, number>();
  features.forEach((f, i) => {
    const key = `${f.properties.code.slice(0, 12)}:${f.properties.name}`;
    if (names.has(key)) {
      throw geoErrors.duplicateGridName({
        field: `features.${i}.properties.name`,
        params: { name: f.properties.name, community: f.properties.code.slice(0, 12) },
      });
    }
    names.set(key, i);
  });
  const compoundCodes = [
    ...new Set(features.flatMap((f) => (f.properties.compoundCode ? [f.properties.compoundCode] : []))),
  ];
  const compounds = new Map((await regionsByCodes(ctx.db, compoundCodes)).map((r) => [r.code, r]));
  features.forEach((f, i) => {
    const code = f.properties.compoundCode;
    const community = f.properties.code.slice(0, 12);
    if (code && (compounds.get(code)?.level !== 'compound' || code.slice(0, 12) !== community)) {
      throw geoErrors.unknownCompound({ field: `features.${i}.properties.compoundCode`, params: { code, community } });
    }
  });
  const parentPath = (f: ImportGridsBody['features'][number]) =>
    (f.properties.compoundCode
      ? compounds.get(f.properties.compoundCode)
      : communities.get(f.properties.code.slice(0, 12))
    )?.path;

  const outcome = await ctx.db
    .transaction(async (tx) => {
      await stage(tx, features);
      const problems = await findProblems(tx);
      if (problems.length) {
        throw geoErrors.importRejected({ field: 'features', params: { count: problems.length }, details: problems });
      }
      await checkMergeTargets(tx, features, communityCodes);
      const existing = await gridsOfCommunities(tx, communityCodes);
      const leftOut = existing.filter((g) => !seen.has(g.code));
      if (options.dryRun) throw new DryRun(leftOut, existing.length);
      if (leftOut.length && !options.confirmRemoval) {
        throw geoErrors.removalUnconfirmed({
          field: 'confirmRemoval',
          params: { count: leftOut.length, grids: leftOut.map((g) => g.name).join('、') },
          details: leftOut,
        });
      }
      return { ...(await write(tx, leftOut)), dryRun: false };
    })
    .catch((err: unknown) => {
      if (err instanceof DryRun) return { removed: err.removed, replaced: err.replaced, dryRun: true };
      throw err;
    });
  if (!outcome.dryRun) await locator.changed();
  return { imported: features.length, communities: communityCodes, ...outcome };

  async function write(tx: Queryable, leftOut: { code: string; name: string }[]) {
    const removed = await deleteGridsOfCommunities(tx, communityCodes);
    await insertGrids(
      tx,
      features.map((f) => ({
        code: f.properties.code,
        name: f.properties.name,
        kind: f.properties.kind,
        communityCode: f.properties.code.slice(0, 12),
        compoundCode: f.properties.compoundCode ?? null,
        path: `${parentPath(f)}.${f.properties.code}`,
        geometry: f.geometry,
        boundsText: f.properties.boundsText,
        mergedInto: f.properties.mergedInto ?? null,
        team: f.properties.team,
      })),
    );
    const districts = [...new Set(communityCodes.map((c) => c.slice(0, 6)))];
    await recomputeDerivedBoundaries(tx, districts);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'geo.grids.import',
      subject: districts.join(','),
      detail: {
        grids: features.length,
        communities: communityCodes.length,
        replaced: removed.length,
        removed: leftOut.map((g) => g.code),
      },
      ...meta,
    });
    const payload: GridsImportedPayload = {
      districtCodes: districts,
      communityCodes,
      gridCount: features.length,
      removedGridCodes: leftOut.map((g) => g.code),
    };
    await ctx.events.publish(tx, GRIDS_IMPORTED, payload, {
      aggregate: `grids:${districts.join(',')}`,
      actorId: actor.id,
    });
    return { removed: leftOut, replaced: removed.length };
  }
}

async function stage(tx: Queryable, features: ImportGridsBody['features']): Promise<void> {
  await tx.query(
    `CREATE TEMP TABLE geo_import (code text PRIMARY KEY, community_code text, district_code text, geom geometry) ON COMMIT DROP`,
  );
  const BATCH = 200;
  for (let i = 0; i < features.length; i += BATCH) {
    const batch = features.slice(i, i + BATCH);
    await tx.query(
      `INSERT INTO geo_import (code, community_code, district_code, geom)
       SELECT code, left(code, 12), left(code, 6), ST_SetSRID(ST_GeomFromGeoJSON(gj), 4326)
       FROM (VALUES ${batch.map((_, j) => `($${j * 2 + 1}, $${j * 2 + 2})`).join(', ')}) AS v(code, gj)`,
      batch.flatMap((f) => [f.properties.code, JSON.stringify(f.geometry)]),
    );
  }
  await tx.query('CREATE INDEX ON geo_import USING gist (geom)');
  await tx.query('ANALYZE geo_import');
}

async function findProblems(tx: Queryable): Promise<ImportProblem[]> {
  const invalid = await tx.query<{ code: string; reason: string }>(
    `SELECT code, ST_IsValidReason(geom) AS reason FROM geo_import WHERE NOT ST_IsValid(geom) ORDER BY code`,
  );
  const problems: ImportProblem[] = invalid.map((r) => ({
    problem: 'invalid_geometry',
    grids: [r.code],
    detail: r.reason,
  }));
  if (problems.length) return problems;

  const overlaps = await tx.query<{ a: string; b: string; area: number }>(
    `SELECT a.code AS a, b.code AS b, ST_Area(ST_Intersection(a.geom, b.geom)::geography) AS area
     FROM geo_import a JOIN geo_import b ON a.code < b.code AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom)
     WHERE ST_Area(ST_Intersection(a.geom, b.geom)::geography) > $1 ORDER BY a.code, b.code`,
    [AREA_TOLERANCE_M2],
  );
  for (const o of overlaps) {
    problems.push({ problem: 'overlap', grids: [o.a, o.b], detail: `${o.a} ∩ ${o.b}`, area: Math.round(o.area) });
  }

  const gaps = await tx.query<{ grids: string[]; area: number; wkt: string }>(
    `WITH u AS (SELECT (ST_Dump(ST_UnaryUnion(ST_Collect(geom)))).geom AS g FROM geo_import),
          holes AS (SELECT ST_MakePolygon(ST_InteriorRingN(g, n)) AS h
                    FROM u, generate_series(1, ST_NumInteriorRings(g)) AS n)
     SELECT (SELECT array_agg(i.code ORDER BY i.code) FROM geo_import i WHERE ST_DWithin(i.geom, h, 1e-7)) AS grids,
            ST_Area(h::geography) AS area, ST_AsText(ST_PointOnSurface(h)) AS wkt
     FROM holes WHERE ST_Area(h::geography) > $1`,
    [AREA_TOLERANCE_M2],
  );
  for (const g of gaps) {
    problems.push({ problem: 'gap', grids: g.grids ?? [], detail: `gap near ${g.wkt}`, area: Math.round(g.area) });
  }

  // A community with a published boundary holds its grids; otherwise the district's boundary is the limit.
  const outside = await tx.query<{ code: string; problem: ImportProblem['problem']; area: number }>(
    `SELECT i.code, 'outside_community' AS problem,
            ST_Area(ST_Difference(i.geom, c.boundary)::geography) AS area
     FROM geo_import i JOIN geo_regions c ON c.code = i.community_code AND c.boundary_source = 'official'
     WHERE ST_Area(ST_Difference(i.geom, c.boundary)::geography) > $1
     UNION ALL
     SELECT i.code, 'outside_district', ST_Area(ST_Difference(i.geom, d.zone)::geography)
     FROM geo_import i
     JOIN geo_regions c ON c.code = i.community_code AND c.boundary_source IS DISTINCT FROM 'official'
     JOIN (SELECT code, ST_Buffer(boundary::geography, $2)::geometry AS zone FROM geo_regions
           WHERE level = 'district' AND boundary IS NOT NULL) d ON d.code = i.district_code
     WHERE NOT ST_Within(i.geom, d.zone) AND ST_Area(ST_Difference(i.geom, d.zone)::geography) > $1
     ORDER BY 1`,
    [AREA_TOLERANCE_M2, DISTRICT_TOLERANCE_M],
  );
  for (const o of outside) {
    problems.push({
      problem: o.problem,
      grids: [o.code],
      detail: `${Math.round(o.area)} m² outside`,
      area: Math.round(o.area),
    });
  }
  return problems;
}

/** A merge target must exist after the import: in the file, or an existing grid of an untouched community. */
async function checkMergeTargets(tx: Queryable, features: ImportGridsBody['features'], replaced: string[]) {
  const inFile = new Set(features.map((f) => f.properties.code));
  for (const [i, f] of features.entries()) {
    const target = f.properties.mergedInto;
    if (!target || inFile.has(target)) continue;
    const [row] = await tx.query<{ ok: boolean }>(
      'SELECT true AS ok FROM geo_grids WHERE code = $1 AND NOT (community_code = ANY($2::text[]))',
      [target, replaced],
    );
    if (!row)
      throw geoErrors.unknownMergeTarget({ field: `features.${i}.properties.mergedInto`, params: { code: target } });
  }
}
