import { List } from 'antd-mobile';
import type { Position } from 'geojson';
import { useAbility } from '../../core/abilities';
import { useT } from '../../core/i18n';
import { useLoad } from '../../core/query';
import type { Case } from '../cases/api';
import { type Area, fetchGrid, fetchGrids } from '../geo/api';
import { type BuildingCollection, fetchBuildings } from '../registry/api';
import { useGeolocation } from './useGeolocation';

/** Metres shown either side of the case: a street block, enough to recognise the place from where one stands. */
const HALF_SPAN_M = 150;
const SIZE = 300;
const M_PER_DEG_LAT = 111_320;

type Xy = [number, number];

/** An equirectangular projection around the case: at a few hundred metres its error is far below a building's width. */
function projector([lng0, lat0]: Xy): (p: Position) => Xy {
  const mPerDegLng = M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
  const scale = SIZE / (2 * HALF_SPAN_M);
  return ([lng = lng0, lat = lat0]) => [
    SIZE / 2 + (lng - lng0) * mPerDegLng * scale,
    SIZE / 2 - (lat - lat0) * M_PER_DEG_LAT * scale,
  ];
}

/** Metres between two points (haversine), for "how far am I from it". */
export function metresBetween([lng1, lat1]: Xy, [lng2, lat2]: Xy): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

function ringsOf(area: Area): Position[][] {
  return area.type === 'Polygon' ? area.coordinates : area.coordinates.flat();
}

function pathOf(rings: Position[][], project: (p: Position) => Xy): string {
  return rings
    .map(
      (ring) =>
        `M${ring
          .map((p) =>
            project(p)
              .map((v) => v.toFixed(1))
              .join(','),
          )
          .join('L')}Z`,
    )
    .join('');
}

/** The grid's outline, found among its community's grids (the grid detail carries its team, not its shape). */
async function gridOutline(code: string): Promise<Area | null> {
  const { grid } = await fetchGrid(code);
  const grids = await fetchGrids(grid.communityCode);
  return grids.features.find((f) => f.properties.code === code)?.geometry ?? null;
}

/**
 * Where the case is, for the person going there: the address, a sketch of the grid's outline and the buildings
 * around the spot with the case pinned and the phone's own position, the distance, and the reporter's contact as
 * the server masks it. A drawn sketch, not a tile map: it needs no map server, weighs nothing on 3G, and the
 * building outlines are what one recognises on the ground.
 */
export function CaseSite({ item }: { item: Case }) {
  const { t } = useT();
  const canSeeBuildings = useAbility('registry.view');
  const outline = useLoad(['geo', 'grid-outline'], item.gridCode ?? undefined, gridOutline, { once: true });
  const buildings = useLoad(
    ['registry', 'buildings'],
    canSeeBuildings && item.gridCode ? item.gridCode : undefined,
    fetchBuildings,
    { once: true },
  );
  const [geo] = useGeolocation();
  // staff see the whole case; only a follower's public view comes without the point
  if (!item.location) return null;
  const spot: Xy = [item.location.lng, item.location.lat];
  const project = projector(spot);
  const here = geo.status === 'located' ? (geo.point as Xy) : null;
  const distance = here ? Math.round(metresBetween(here, spot)) : null;
  const hereXy = here ? project(here) : null;
  const near = nearBuildings(buildings.status === 'ready' ? buildings.value : null, project);
  const scaleBar = (50 * SIZE) / (2 * HALF_SPAN_M);

  const reporter = item.reporter;
  const contact = reporter.anonymous
    ? reporter.phone
      ? t('phone.siteAnonymousWithPhone', { phone: reporter.phone })
      : t('phone.siteAnonymous')
    : [reporter.name, reporter.phone].filter(Boolean).join(' ') || '—';

  return (
    <List mode="card" header={t('phone.siteTitle')}>
      <List.Item
        description={distance === null ? undefined : t('phone.siteDistance', { metres: distance })}
        extra={
          <a href={navigationUrl(spot, item.address)} target="_blank" rel="noreferrer" data-testid="case-site-navigate">
            {t('phone.siteNavigate')}
          </a>
        }
      >
        <span data-testid="case-site-address">{item.address || t('phone.siteNoAddress')}</span>
      </List.Item>
      <List.Item>
        <svg
          className="sz-case-site"
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          role="img"
          aria-label={t('phone.siteSketch')}
          data-testid="case-site-sketch"
        >
          <rect width={SIZE} height={SIZE} fill="#f4f6f8" />
          {outline.status === 'ready' && outline.value && (
            <path d={pathOf(ringsOf(outline.value), project)} fill="#e6f4ff" stroke="#1677ff" strokeWidth={2} />
          )}
          {near.map((b) => (
            <g key={b.id}>
              <path d={b.d} fill="#d9d9d9" stroke="#8c8c8c" strokeWidth={1} data-testid="case-site-building">
                <title>{b.name}</title>
              </path>
              <text x={b.label[0]} y={b.label[1]} fontSize={10} fill="#434343" textAnchor="middle">
                {b.name}
              </text>
            </g>
          ))}
          {hereXy && inView(hereXy) && (
            <circle cx={hereXy[0]} cy={hereXy[1]} r={6} fill="#1677ff" stroke="#fff" strokeWidth={2} />
          )}
          <circle cx={SIZE / 2} cy={SIZE / 2} r={8} fill="#ff4d4f" stroke="#fff" strokeWidth={3} />
          <line x1={10} y1={SIZE - 12} x2={10 + scaleBar} y2={SIZE - 12} stroke="#595959" strokeWidth={2} />
          <text x={10} y={SIZE - 18} fontSize={11} fill="#595959">
            50 m
          </text>
        </svg>
        <div className="sz-case-site-legend">
          <span className="sz-dot sz-dot-case" />
          {t('phone.siteLegendCase')}
          {hereXy && (
            <>
              <span className="sz-dot sz-dot-here" />
              {t('phone.siteLegendHere')}
            </>
          )}
        </div>
      </List.Item>
      <List.Item prefix={t('phone.siteReporter')}>
        <span data-testid="case-site-reporter">{contact}</span>
      </List.Item>
    </List>
  );
}

/**
 * Turn-by-turn to the spot in whatever map app the phone has: AMap's web URI opens its app when installed and its
 * web page otherwise, and it takes our stored WGS-84 as it is (coordinate=wgs84), so no conversion can go wrong here.
 */
function navigationUrl([lng, lat]: Xy, address: string | null): string {
  const params = new URLSearchParams({
    position: `${lng},${lat}`,
    name: address || '',
    coordinate: 'wgs84',
    callnative: '1',
  });
  return `https://uri.amap.com/marker?${params}`;
}

function inView([x, y]: Xy): boolean {
  return x >= 0 && x <= SIZE && y >= 0 && y <= SIZE;
}

/** The buildings with a corner in view, drawn; the grid's others are off the sketch. */
function nearBuildings(
  fc: BuildingCollection | null,
  project: (p: Position) => Xy,
): { id: number; name: string; d: string; label: Xy }[] {
  if (!fc) return [];
  return fc.features.flatMap((f) => {
    const rings = f.geometry.coordinates;
    if (!rings.some((ring) => ring.some((p) => inView(project(p))))) return [];
    const corners = (rings[0] ?? []).slice(0, -1).map(project);
    const label: Xy = [
      corners.reduce((sum, [x]) => sum + x, 0) / Math.max(corners.length, 1),
      corners.reduce((sum, [, y]) => sum + y, 0) / Math.max(corners.length, 1) + 3,
    ];
    return [{ id: f.properties.id, name: f.properties.name, d: pathOf(rings, project), label }];
  });
}
