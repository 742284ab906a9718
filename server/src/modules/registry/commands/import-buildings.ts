import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import { validationReason } from '../../../core/http.js';
import type { Locale } from '../../../core/i18n.js';
import type { ModuleContext } from '../../../core/module.js';
import type { GridLocator } from '../../geo/index.js';
import { insertBuilding, invalidFootprints, type NewBuilding } from '../db/buildings.repository.js';
import { buildingBody } from '../registry.schemas.js';

/** Surveying offices hand over GeoJSON with English or Chinese property names; both are read. */
const ALIASES: Record<string, string[]> = {
  name: ['name', '名称', '楼栋名称'],
  address: ['address', '地址', '楼栋地址'],
  compound: ['compound', '小区'],
  floors: ['floors', '层数', '楼层数'],
  heightM: ['heightM', 'height', '高度'],
  affordableType: ['affordableType', '保障房类型'],
};
const AFFORDABLE_ZH: Record<string, string> = {
  公租房: 'public_rental',
  安置房: 'resettlement',
  共有产权房: 'shared_ownership',
};

export interface FeatureError {
  feature: number;
  field: string;
  message: string;
}

const MESSAGES = {
  outside: { 'zh-CN': '不在任何网格内', en: 'not inside any grid' },
  scope: { 'zh-CN': '不在您的管辖范围内', en: 'outside your area' },
  shape: { 'zh-CN': '轮廓须为一个多边形（Polygon）', en: 'the footprint must be one Polygon' },
  invalid: { 'zh-CN': '轮廓自相交或无效', en: 'the footprint crosses itself or is invalid' },
};

/**
 * 楼栋导入 from GeoJSON: every feature is checked — its properties, a valid footprint (PostGIS decides), the grid its
 * centre lies in, inside the importer's scope — before one transaction writes them; all or nothing unless the
 * importer takes the valid features only.
 */
export async function importBuildings(
  ctx: Pick<ModuleContext, 'db'>,
  locator: GridLocator,
  actor: Actor,
  features: { geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> | null }[],
  mode: 'all_or_nothing' | 'valid_only',
  locale: Locale,
): Promise<{ imported: number; errors: FeatureError[] }> {
  const errors: FeatureError[] = [];
  const ready: { feature: number; building: NewBuilding }[] = [];
  features.forEach((f, i) => {
    const props = f.properties ?? {};
    const pick = (field: string) => ALIASES[field]?.map((k) => props[k]).find((v) => v !== undefined && v !== '');
    const geometry =
      f.geometry?.type === 'MultiPolygon' &&
      Array.isArray(f.geometry.coordinates) &&
      f.geometry.coordinates.length === 1
        ? { type: 'Polygon', coordinates: f.geometry.coordinates[0] }
        : f.geometry;
    if (geometry?.type !== 'Polygon') {
      errors.push({ feature: i, field: 'footprint', message: MESSAGES.shape[locale] });
      return;
    }
    const affordable = pick('affordableType');
    const parsed = buildingBody.safeParse({
      name: pick('name') ?? pick('address'),
      address: pick('address'),
      compound: pick('compound'),
      footprint: geometry,
      floors: pick('floors') === undefined ? undefined : Number(pick('floors')),
      heightM: pick('heightM') === undefined ? undefined : Number(pick('heightM')),
      affordableType: typeof affordable === 'string' ? (AFFORDABLE_ZH[affordable] ?? affordable) : affordable,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({
          feature: i,
          field: String(issue.path[0] ?? ''),
          message: validationReason(issue.code, issue as unknown as Record<string, unknown>, issue.message, locale),
        });
      return;
    }
    const b = parsed.data;
    const ring = b.footprint.coordinates[0] as number[][];
    const lng = ring.reduce((a, p) => a + (p[0] as number), 0) / ring.length;
    const lat = ring.reduce((a, p) => a + (p[1] as number), 0) / ring.length;
    const grid = locator.findGrid(lng, lat, 'wgs84');
    if (!grid || !inScope(actor, grid.path)) {
      errors.push({ feature: i, field: 'footprint', message: MESSAGES[grid ? 'scope' : 'outside'][locale] });
      return;
    }
    ready.push({
      feature: i,
      building: {
        name: b.name,
        address: b.address,
        compound: b.compound ?? null,
        footprint: b.footprint,
        floors: b.floors,
        // 3 m a storey where no survey height is known
        heightM: b.heightM ?? b.floors * 3,
        affordableType: b.affordableType ?? null,
        gridCode: grid.code,
        gridPath: grid.path,
      },
    });
  });
  const invalid = new Set(
    await invalidFootprints(
      ctx.db,
      ready.map((r) => r.building.footprint),
    ),
  );
  for (const [k, r] of ready.entries())
    if (invalid.has(k)) errors.push({ feature: r.feature, field: 'footprint', message: MESSAGES.invalid[locale] });
  const valid = ready.filter((_, k) => !invalid.has(k));
  errors.sort((a, b) => a.feature - b.feature);
  if ((errors.length && mode === 'all_or_nothing') || !valid.length) return { imported: 0, errors };
  await ctx.db.transaction(async (tx) => {
    for (const r of valid) await insertBuilding(tx, r.building);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'registry.buildings_imported',
      detail: { imported: valid.length, rejected: errors.length, mode },
    });
  });
  return { imported: valid.length, errors };
}
