import type { ModuleContext } from '../../../core/module.js';
import { scopePathOf } from '../../geo/index.js';
import { registryErrors } from '../registry.errors.js';

/** A region or grid code a request names → its path, or a 400 naming the field. */
export async function regionPath(ctx: Pick<ModuleContext, 'db'>, code: string): Promise<string> {
  const path = await scopePathOf(ctx.db, code);
  if (path === undefined) throw registryErrors.unknownRegion({ field: 'regionCode', params: { code } });
  return path;
}
