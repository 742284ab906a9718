import type { Queryable } from '../../../core/db.js';
import { alarmsOfIncidents, type IncidentRecord, listIncidents } from '../db/iot.repository.js';
import { SEVERITY_RANK, type Severity } from '../domain/alarm-types.js';
import { presentAlarm } from '../iot.presenter.js';
import type { INCIDENT_STATES } from '../iot.schemas.js';

const lastLabel = (path: string) => path.slice(path.lastIndexOf('.') + 1);

function stateOf(i: IncidentRecord): (typeof INCIDENT_STATES)[number] {
  if (i.closedAt) return 'closed';
  if (i.confirmedAt) return 'confirmed';
  return i.acknowledgedAt ? 'acknowledged' : 'unacknowledged';
}

/** The board's fires: each incident with its alarms (oldest first), its live state, 119 and its case. */
export async function incidentBoard(
  db: Queryable,
  scope: string,
  f: { areaPath: string; status: 'open' | 'all'; limit: number },
) {
  const page = await listIncidents(db, scope, f);
  const alarms = await alarmsOfIncidents(
    db,
    page.items.map((i) => i.id),
  );
  const items = page.items.flatMap((i) => {
    const own = alarms.filter((a) => a.incidentId === i.id);
    const first = own[0];
    if (!first) return [];
    const { gridPath, place, ...rest } = i;
    const severity = own
      .map((a) => a.severity)
      .reduce<Severity>((worst, s) => (SEVERITY_RANK[s] < SEVERITY_RANK[worst] ? s : worst), first.severity);
    return [
      {
        ...rest,
        placeKind: place.slice(0, place.indexOf(':')) as 'building' | 'venue' | 'device',
        address: first.address,
        gridCode: lastLabel(gridPath),
        lng: first.lng,
        lat: first.lat,
        state: stateOf(i),
        severity,
        floors: [...new Set(own.flatMap((a) => (a.floor === null ? [] : [a.floor])))].sort((x, y) => x - y),
        alarms: own.map(presentAlarm),
      },
    ];
  });
  return { items, total: page.total };
}
