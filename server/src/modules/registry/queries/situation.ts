import { type Actor, inScope, isAncestorOfScope } from '../../../core/auth.js';
import type { ModuleContext } from '../../../core/module.js';
import { countOpenCasesByArea } from '../../cases/index.js';
import { childAreas } from '../../geo/index.js';
import { areaCounts } from '../db/situation.repository.js';
import { regionPath } from './region.js';

/**
 * The part of an area the actor may count: all of it inside their scope, their scope where the area contains it
 * (the deeper of the two paths), nothing where the two are apart.
 */
function countable(actor: Actor, path: string): string | undefined {
  if (inScope(actor, path)) return path;
  return isAncestorOfScope(actor, path) ? actor.scopePath : undefined;
}

const NOTHING = {
  buildings: 0,
  households: 0,
  people: 0,
  floating: 0,
  byTag: {},
  venues: 0,
  facilities: 0,
  openCases: 0,
};

/**
 * Registry figures and open cases per area, in the order given. Each area is cut to the scope first, so the cases
 * module, which counts under whatever paths it is given, only ever sees paths inside the scope.
 */
async function countAreas(ctx: Pick<ModuleContext, 'db'>, actor: Actor, paths: string[]) {
  const cut = paths.map((path) => countable(actor, path));
  const asked = cut.filter((path) => path !== undefined);
  const counts = await areaCounts(ctx.db, actor.scopePath, asked);
  const open = await countOpenCasesByArea(ctx.db, asked);
  let i = 0;
  return cut.map((path) => {
    if (path === undefined) return NOTHING;
    const n = i++;
    return { ...(counts[n] as NonNullable<(typeof counts)[number]>), openCases: open[n] ?? 0 };
  });
}

/** 情 at a glance: one area's live counts. */
export async function areaSummary(ctx: Pick<ModuleContext, 'db'>, actor: Actor, regionCode: string) {
  const [total] = await countAreas(ctx, actor, [await regionPath(ctx, regionCode)]);
  return total as NonNullable<typeof total>;
}

/** 情 per child area — a district's streets, a street's communities, a community's grids — and the area's total. */
export async function situation(ctx: Pick<ModuleContext, 'db'>, actor: Actor, regionCode: string) {
  const path = await regionPath(ctx, regionCode);
  const children = await childAreas(ctx.db, regionCode, actor.scopePath);
  const [total, ...rows] = await countAreas(ctx, actor, [path, ...children.map((c) => c.path)]);
  return {
    regionCode,
    rows: children.map((c, i) => ({
      code: c.code,
      name: c.name,
      level: c.level,
      ...(rows[i] as NonNullable<typeof total>),
    })),
    total: total as NonNullable<typeof total>,
  };
}
