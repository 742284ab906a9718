import type { ModuleContext } from '../../../core/module.js';
import { areaNames, type Crs, type GridLocator, scopePathOf } from '../../geo/index.js';
import { buildingNear, searchPlaces } from '../db/places.repository.js';
import { registryErrors } from '../registry.errors.js';

/** A phone's fix lands beside a wall as often as inside it, but a building a street away is no longer "here". */
export const NEAR_METRES = 80;
/** Enough to pick from on a phone's screen, too few to page through a district's addresses. */
export const PLACES_MAX = 20;

/**
 * The street a grid lies in (province.city.district.street.community…, a grid under the community or one of its
 * villages or compounds): the reach of a search made from that grid's QR code without an account.
 */
export async function streetOfGrid(
  ctx: Pick<ModuleContext, 'db'>,
  gridCode: string,
  field: 'code' | 'grid',
): Promise<string> {
  const path = await scopePathOf(ctx.db, gridCode);
  if (path === undefined || path.split('.').at(-1) !== gridCode)
    throw registryErrors.unknownRegion({ field, params: { code: gridCode } });
  return path.split('.').slice(0, 4).join('.');
}

/**
 * 逆地理: where a point is, in words a resident knows — the building it is on or beside, its compound and address, and
 * the grid with the areas above it. Buildings are looked for only under `within` ('' for all).
 */
export async function placeAt(
  ctx: Pick<ModuleContext, 'db'>,
  locator: GridLocator,
  q: { lng: number; lat: number; crs: Crs },
  within: string,
) {
  const { grid, chain, wgs84 } = await locator.locate(q.lng, q.lat, q.crs);
  const building = grid
    ? await buildingNear(ctx.db, { lng: wgs84[0], lat: wgs84[1], metres: NEAR_METRES, within })
    : undefined;
  return {
    grid: grid && { code: grid.code, name: grid.name },
    areas: chain.map((link) => link.name),
    building: building
      ? {
          id: building.id,
          name: building.name,
          address: building.address,
          compound: building.compound,
          inside: building.inside,
          metres: building.metres,
        }
      : null,
  };
}

/** Buildings and compounds by name or address under `within`, each with its grid's name and a point to report at. */
export async function findPlaces(
  ctx: Pick<ModuleContext, 'db'>,
  locator: GridLocator,
  q: { text: string; limit: number },
  within: string,
) {
  const hits = await searchPlaces(ctx.db, { text: q.text, within, limit: Math.min(q.limit, PLACES_MAX) });
  const gridOf = hits.map((h) => locator.findGrid(h.lng, h.lat, 'wgs84')?.code);
  const names = await areaNames(ctx.db, [...new Set(gridOf.filter((c): c is string => Boolean(c)))]);
  return {
    items: hits.map((h, i) => {
      const code = gridOf[i];
      return { ...h, gridName: code ? (names.get(code) ?? null) : null };
    }),
  };
}
