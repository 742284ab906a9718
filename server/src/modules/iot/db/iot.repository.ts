import type { Queryable } from '../../../core/db.js';
import type { AlarmStatus, AlarmType, Classification, EscalationStep, Severity } from '../domain/alarm-types.js';
import type { DeviceKind, HeatClass } from '../domain/devices.js';
import type { TwoDetectorRule } from '../domain/rules.js';

/** All SQL on iot_* tables. */

type R<T> = T & Record<string, unknown>;

export interface NewDevice {
  code: string;
  kind: DeviceKind;
  heatClass: HeatClass | null;
  heatMode: 'S' | 'R' | null;
  buildingId: number | null;
  floor: number | null;
  room: string | null;
  venueId: number | null;
  venueKind: string | null;
  address: string;
  lng: number;
  lat: number;
  gridCode: string;
  gridPath: string;
  ownerName: string;
  contactEnc: string | null;
  contactMasked: string | null;
  heartbeatSeconds: number;
  secretHash: string;
}

const DEVICE_FIELDS: (keyof NewDevice)[] = [
  'code',
  'kind',
  'heatClass',
  'heatMode',
  'buildingId',
  'floor',
  'room',
  'venueId',
  'venueKind',
  'address',
  'lng',
  'lat',
  'gridCode',
  'gridPath',
  'ownerName',
  'contactEnc',
  'contactMasked',
  'heartbeatSeconds',
  'secretHash',
];

/**
 * One statement for one device or a million: a device starts online as of its registration, so one that never
 * reports goes offline after its missed heartbeats like any other. Existing codes are skipped and not returned.
 */
export async function insertDevices(db: Queryable, devices: NewDevice[]): Promise<{ id: number; code: string }[]> {
  if (!devices.length) return [];
  const col = (k: keyof NewDevice) => devices.map((d) => d[k]);
  return db.query<{ id: number; code: string }>(
    `WITH ins AS (
       INSERT INTO iot_devices (code, kind, heat_class, heat_mode, building_id, floor, room, venue_id, venue_kind, address,
         location, grid_code, grid_path, owner_name, contact_enc, contact_masked, heartbeat_seconds, secret_hash)
       SELECT code, kind, heat_class, heat_mode, building_id, floor, room, venue_id, venue_kind, address,
         ST_SetSRID(ST_MakePoint(lng, lat), 4326), grid_code, grid_path::ltree, owner_name, contact_enc, contact_masked,
         heartbeat_seconds, secret_hash
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::smallint[], $7::text[],
         $8::bigint[], $9::text[], $10::text[], $11::float8[], $12::float8[], $13::text[], $14::text[], $15::text[],
         $16::text[], $17::text[], $18::int[], $19::text[])
         AS t(code, kind, heat_class, heat_mode, building_id, floor, room, venue_id, venue_kind, address, lng, lat,
           grid_code, grid_path, owner_name, contact_enc, contact_masked, heartbeat_seconds, secret_hash)
       ON CONFLICT (code) DO NOTHING
       RETURNING id, code, created_at
     ), st AS (
       INSERT INTO iot_device_state (device_id, last_seen_at, online) SELECT id, created_at, true FROM ins
     )
     SELECT id::int AS id, code FROM ins`,
    DEVICE_FIELDS.map(col),
  );
}

export interface DirectoryRow {
  id: number;
  code: string;
  kind: DeviceKind;
  heatClass: HeatClass | null;
  heatMode: 'S' | 'R' | null;
  buildingId: number | null;
  floor: number | null;
  gridPath: string;
  heartbeatSeconds: number;
  enabled: boolean;
  secretHash: string;
  lastSeen: number;
  venueId: number | null;
}

const DIRECTORY_COLUMNS = `d.id::int AS id, d.code, d.kind, d.heat_class AS "heatClass", d.heat_mode AS "heatMode",
  d.building_id::int AS "buildingId", d.floor, d.grid_path::text AS "gridPath", d.heartbeat_seconds AS "heartbeatSeconds",
  d.enabled, d.secret_hash AS "secretHash", (extract(epoch FROM s.last_seen_at) * 1000)::float8 AS "lastSeen",
  d.venue_id::int AS "venueId"`;

/** Pages through the devices by id so that 620,000 of them never sit in one result set. */
export async function directoryPage(db: Queryable, afterId: number, limit: number): Promise<DirectoryRow[]> {
  return db.query<R<DirectoryRow>>(
    `SELECT ${DIRECTORY_COLUMNS} FROM iot_devices d LEFT JOIN iot_device_state s ON s.device_id = d.id
     WHERE d.id > $1 ORDER BY d.id LIMIT $2`,
    [afterId, limit],
  );
}

export async function directoryEntry(db: Queryable, code: string): Promise<DirectoryRow | undefined> {
  const [row] = await db.query<R<DirectoryRow>>(
    `SELECT ${DIRECTORY_COLUMNS} FROM iot_devices d LEFT JOIN iot_device_state s ON s.device_id = d.id WHERE d.code = $1`,
    [code],
  );
  return row;
}

/** A device as read back: what was registered, less the sealed contact and the secret, plus its live state. */
export interface DeviceRecord extends Omit<NewDevice, 'contactEnc' | 'secretHash'> {
  id: number;
  enabled: boolean;
  lastSeenAt: Date | null;
  online: boolean | null;
  battery: number | null;
  signal: number | null;
}

const DEVICE_COLUMNS = `d.id::int AS id, d.code, d.kind, d.heat_class AS "heatClass", d.heat_mode AS "heatMode",
  d.building_id::int AS "buildingId", d.floor, d.room, d.venue_id::int AS "venueId", d.venue_kind AS "venueKind", d.address,
  ST_X(d.location) AS lng, ST_Y(d.location) AS lat, d.grid_code AS "gridCode", d.grid_path::text AS "gridPath",
  d.owner_name AS "ownerName", d.contact_masked AS "contactMasked", d.heartbeat_seconds AS "heartbeatSeconds",
  d.enabled, CASE WHEN s.first_seen_at IS NULL THEN NULL ELSE s.last_seen_at END AS "lastSeenAt", s.online, s.battery,
  s.signal`;

export async function getDevice(db: Queryable, id: number): Promise<DeviceRecord | undefined> {
  const [row] = await db.query<R<DeviceRecord>>(
    `SELECT ${DEVICE_COLUMNS} FROM iot_devices d LEFT JOIN iot_device_state s ON s.device_id = d.id WHERE d.id = $1`,
    [id],
  );
  return row;
}

export async function listDevices(
  db: Queryable,
  scope: string,
  f: { areaPath: string; kind?: string; buildingId?: number; online?: boolean; limit: number; offset: number },
): Promise<{ items: DeviceRecord[]; total: number }> {
  const where = [
    'd.grid_path <@ $1::ltree',
    'd.grid_path <@ $2::ltree',
    '($3::text IS NULL OR d.kind = $3)',
    '($4::bigint IS NULL OR d.building_id = $4)',
    '($5::boolean IS NULL OR s.online = $5)',
  ].join(' AND ');
  const params = [scope, f.areaPath, f.kind ?? null, f.buildingId ?? null, f.online ?? null];
  const [items, [count]] = await Promise.all([
    db.query<R<DeviceRecord>>(
      `SELECT ${DEVICE_COLUMNS} FROM iot_devices d LEFT JOIN iot_device_state s ON s.device_id = d.id
       WHERE ${where} ORDER BY d.id LIMIT $6 OFFSET $7`,
      [...params, f.limit, f.offset],
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM iot_devices d LEFT JOIN iot_device_state s ON s.device_id = d.id WHERE ${where}`,
      params,
    ),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function setDeviceEnabled(db: Queryable, id: number, enabled: boolean): Promise<string | undefined> {
  const [row] = await db.query<{ code: string }>('UPDATE iot_devices SET enabled = $2 WHERE id = $1 RETURNING code', [
    id,
    enabled,
  ]);
  return row?.code;
}

export async function setDeviceSecret(db: Queryable, id: number, secretHash: string): Promise<string | undefined> {
  const [row] = await db.query<{ code: string }>(
    'UPDATE iot_devices SET secret_hash = $2 WHERE id = $1 RETURNING code',
    [id, secretHash],
  );
  return row?.code;
}

/** The live state of many devices in one statement (the ingestion flushes every half second). */
export async function upsertStates(
  db: Queryable,
  s: { ids: number[]; lastSeen: Date[]; battery: (number | null)[]; signal: (number | null)[] },
): Promise<void> {
  if (!s.ids.length) return;
  await db.query(
    `INSERT INTO iot_device_state (device_id, last_seen_at, first_seen_at, battery, signal, online)
     SELECT id, seen, seen, battery, signal, true
     FROM unnest($1::bigint[], $2::timestamptz[], $3::smallint[], $4::smallint[]) AS t(id, seen, battery, signal)
     ON CONFLICT (device_id) DO UPDATE SET last_seen_at = GREATEST(iot_device_state.last_seen_at, EXCLUDED.last_seen_at),
       first_seen_at = coalesce(iot_device_state.first_seen_at, EXCLUDED.first_seen_at),
       battery = coalesce(EXCLUDED.battery, iot_device_state.battery),
       signal = coalesce(EXCLUDED.signal, iot_device_state.signal), online = true`,
    [s.ids, s.lastSeen, s.battery, s.signal],
  );
}

export async function insertTelemetry(
  db: Queryable,
  t: { ids: number[]; receivedAt: Date[]; deviceTime: (Date | null)[]; values: string[] },
): Promise<void> {
  if (!t.ids.length) return;
  await db.query(
    `INSERT INTO iot_telemetry (device_id, received_at, device_time, values)
     SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::timestamptz[], $4::jsonb[])`,
    [t.ids, t.receivedAt, t.deviceTime, t.values],
  );
}

/** A month's partition, created ahead of time; a clash with rows already in the default partition is left to it. */
export async function ensureTelemetryPartition(db: Queryable, monthStart: Date): Promise<void> {
  const from = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth(), 1));
  const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  const name = `iot_telemetry_${from.getUTCFullYear()}_${String(from.getUTCMonth() + 1).padStart(2, '0')}`;
  await db.query(
    `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF iot_telemetry FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`,
  );
}

export async function recentTelemetry(db: Queryable, deviceId: number, limit: number) {
  return db.query<{ receivedAt: Date; deviceTime: Date | null; values: Record<string, unknown> }>(
    `SELECT received_at AS "receivedAt", device_time AS "deviceTime", values FROM iot_telemetry
     WHERE device_id = $1 ORDER BY received_at DESC LIMIT $2`,
    [deviceId, limit],
  );
}

export interface DeadLetter {
  source: string;
  topic: string;
  payload: string;
  reason: string;
  /** The sending device's grid, when the device is known. */
  gridPath: string | null;
}

export async function insertDeadLetters(db: Queryable, rows: DeadLetter[]): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO iot_dead_letters (source, topic, payload, reason, grid_path)
     SELECT s, t, p, r, g::ltree FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(s, t, p, r, g)`,
    [
      rows.map((r) => r.source),
      rows.map((r) => r.topic),
      rows.map((r) => r.payload),
      rows.map((r) => r.reason),
      rows.map((r) => r.gridPath),
    ],
  );
}

/** The newest dead letters of devices in the scope; those of unknown senders only for the whole deployment. */
export async function listDeadLetters(db: Queryable, scope: string, limit: number) {
  return db.query<{ id: number; receivedAt: Date; source: string; topic: string; payload: string; reason: string }>(
    `SELECT id::int AS id, received_at AS "receivedAt", source, topic, payload, reason FROM iot_dead_letters
     WHERE $1 = '' OR grid_path <@ $1::ltree ORDER BY id DESC LIMIT $2`,
    [scope, limit],
  );
}

// ---- alarms ----

export interface AlarmWrite {
  deviceId: number;
  type: AlarmType;
  severity: Severity;
  fire: boolean;
  buildingId: number | null;
  floor: number | null;
  gridPath: string;
  at: Date;
  deviceTime: Date | null;
  value: Record<string, unknown>;
}

/**
 * Raises, or counts a repeat of, the device's active alarm of this type: one row while it stays active. It first
 * takes the place's lock for the rest of the transaction, so two alarms of one building written at once (two
 * instances, one fire) group into one incident: the second waits here until the first has committed its incident.
 * The lock rides in this statement so that grouping costs the ingestion no round trip of its own.
 */
export async function upsertAlarm(
  db: Queryable,
  a: AlarmWrite & { lockKey: string },
): Promise<{ id: number; inserted: boolean; incidentId: number | null }> {
  const [row] = await db.query<{ id: number; inserted: boolean; incidentId: number | null }>(
    `INSERT INTO iot_alarms (device_id, type, severity, fire, building_id, floor, grid_path, raised_at, device_time, last_at, value)
     SELECT $1, $2, $3, $4, $5, $6, $7::ltree, $8, $9, $8, $10
     FROM (SELECT pg_advisory_xact_lock(${PLACE_LOCK}, hashtext($11))) AS place_lock
     ON CONFLICT (device_id, type) WHERE cleared_at IS NULL
     DO UPDATE SET last_at = EXCLUDED.last_at, repeats = iot_alarms.repeats + 1, value = EXCLUDED.value
     RETURNING id::int AS id, (xmax = 0) AS inserted, incident_id::int AS "incidentId"`,
    [
      a.deviceId,
      a.type,
      a.severity,
      a.fire,
      a.buildingId,
      a.floor,
      a.gridPath,
      a.at,
      a.deviceTime,
      JSON.stringify(a.value),
      a.lockKey,
    ],
  );
  return row as { id: number; inserted: boolean; incidentId: number | null };
}

/** The advisory lock class of a place's incident (the other key is the hash of the place). */
const PLACE_LOCK = 1769;

export async function clearActiveAlarm(
  db: Queryable,
  deviceId: number,
  type: AlarmType,
  at: Date,
  by: string,
): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>(
    `UPDATE iot_alarms SET cleared_at = $3, cleared_by = $4
     WHERE device_id = $1 AND type = $2 AND cleared_at IS NULL RETURNING id::int AS id`,
    [deviceId, type, at, by],
  );
  return row?.id;
}

export interface Grouping {
  incidentId: number;
  /** The alarm opened the incident: the chain starts with it. */
  created: boolean;
  confirmed: boolean;
  acknowledged: boolean;
  /** Other detectors of the incident in fire alarm within the window that the two-detector rule pairs with this one. */
  partners: number;
}

/**
 * Puts a new fire alarm into its place's incident, or opens one, in one statement. It joins the place's latest open
 * incident when that one is confirmed (a fire is still burning there) or had an alarm within the window (`since`);
 * otherwise the alarm opens a new incident. `rule` says which other alarms count as a second detector: those of the
 * same floor, of the whole place, or none.
 */
export async function groupIntoIncident(
  db: Queryable,
  g: {
    alarmId: number;
    deviceId: number;
    place: string;
    buildingId: number | null;
    floor: number | null;
    gridPath: string;
    at: Date;
    since: Date;
    rule: TwoDetectorRule;
  },
): Promise<Grouping> {
  const [row] = await db.query<R<Grouping>>(
    `WITH cur AS (
       SELECT id, confirmed_at, acknowledged_at, case_id FROM iot_fire_incidents
       WHERE place = $1 AND closed_at IS NULL AND (confirmed_at IS NOT NULL OR last_alarm_at >= $2)
       ORDER BY id DESC LIMIT 1
     ), made AS (
       INSERT INTO iot_fire_incidents (place, building_id, floor, grid_path, opened_at, last_alarm_at)
       SELECT $1, $3, $4, $5::ltree, $6, $6 WHERE NOT EXISTS (SELECT 1 FROM cur)
       RETURNING id
     ), inc AS (
       SELECT id, confirmed_at IS NOT NULL AS confirmed, acknowledged_at IS NOT NULL AS acknowledged, false AS created,
         case_id
       FROM cur
       UNION ALL SELECT id, false, false, true, NULL FROM made
     ), touched AS (
       UPDATE iot_fire_incidents i SET last_alarm_at = GREATEST(i.last_alarm_at, $6) FROM cur WHERE i.id = cur.id
       RETURNING i.id
     ), joined AS (
       UPDATE iot_alarms a SET incident_id = inc.id, case_id = inc.case_id FROM inc WHERE a.id = $7 RETURNING a.id
     )
     SELECT inc.id::int AS "incidentId", inc.created, inc.confirmed, inc.acknowledged,
       (SELECT count(DISTINCT o.device_id) FROM iot_alarms o
        WHERE o.incident_id = inc.id AND o.device_id <> $8 AND o.fire AND o.cleared_at IS NULL AND o.raised_at >= $2
          AND ($9 = 'building' OR ($9 = 'floor' AND o.floor IS NOT DISTINCT FROM $4)))::int AS partners
     FROM inc`,
    [g.place, g.since, g.buildingId, g.floor, g.gridPath, g.at, g.alarmId, g.deviceId, g.rule],
  );
  return row as Grouping;
}

/** Confirms the incident, once: true for the call that did. Its alarms all go to the highest severity. */
export async function confirmIncident(
  db: Queryable,
  incidentId: number,
  by: 'two_detectors' | 'person',
  at: Date,
): Promise<boolean> {
  const rows = await db.query(
    `WITH c AS (
       UPDATE iot_fire_incidents SET confirmed_at = $3, confirmed_by = $2 WHERE id = $1 AND confirmed_at IS NULL
       RETURNING id
     )
     UPDATE iot_alarms SET severity = 'critical' WHERE incident_id IN (SELECT id FROM c) RETURNING id`,
    [incidentId, by, at],
  );
  return rows.length > 0;
}

/** An alarm joining a confirmed incident is part of a fire: the highest severity, like its siblings. */
export async function markCritical(db: Queryable, alarmId: number): Promise<void> {
  await db.query(`UPDATE iot_alarms SET severity = 'critical' WHERE id = $1`, [alarmId]);
}

/**
 * Someone on duty acknowledged an alarm of the incident: the incident is acknowledged, so its chain stops for every
 * alarm in it; a real fire also confirms it. What it was before, so the caller knows whether 119 is still due.
 */
export async function acknowledgeIncident(
  db: Queryable,
  incidentId: number,
  realFire: boolean,
  at: Date,
): Promise<{ newlyConfirmed: boolean }> {
  const [row] = await db.query<{ newlyConfirmed: boolean }>(
    `WITH before AS (SELECT confirmed_at FROM iot_fire_incidents WHERE id = $1),
     acked AS (
       UPDATE iot_fire_incidents SET acknowledged_at = coalesce(acknowledged_at, $3),
         confirmed_at = CASE WHEN $2 THEN coalesce(confirmed_at, $3) ELSE confirmed_at END,
         confirmed_by = CASE WHEN $2 THEN coalesce(confirmed_by, 'person') ELSE confirmed_by END
       WHERE id = $1 RETURNING confirmed_at
     ),
     stopped AS (
       UPDATE iot_alarms SET next_escalation_at = NULL,
         severity = CASE WHEN $2 THEN 'critical' ELSE severity END
       WHERE incident_id = $1 AND closed_at IS NULL RETURNING id
     )
     SELECT (b.confirmed_at IS NULL AND a.confirmed_at IS NOT NULL) AS "newlyConfirmed" FROM before b, acked a`,
    [incidentId, realFire, at],
  );
  return { newlyConfirmed: row?.newlyConfirmed ?? false };
}

export async function setIncidentCase(db: Queryable, incidentId: number, caseId: number): Promise<void> {
  await db.query('UPDATE iot_fire_incidents SET case_id = $2 WHERE id = $1', [incidentId, caseId]);
  await db.query('UPDATE iot_alarms SET case_id = $2 WHERE incident_id = $1', [incidentId, caseId]);
}

export async function setAlarmCase(db: Queryable, alarmId: number, caseId: number): Promise<void> {
  await db.query('UPDATE iot_alarms SET case_id = $2 WHERE id = $1', [alarmId, caseId]);
}

/** The centre whose service area holds the device (the nearest, where areas overlap); none outside every area. */
export async function fireCentreFor(
  db: Queryable,
  deviceId: number,
): Promise<{ orgCode: string; name: string } | undefined> {
  const [row] = await db.query<{ orgCode: string; name: string }>(
    `SELECT c.org_code AS "orgCode", c.name FROM iot_fire_centres c, iot_devices d
     WHERE d.id = $1 AND d.grid_path <@ c.service_paths ORDER BY c.location <-> d.location LIMIT 1`,
    [deviceId],
  );
  return row;
}

/** Centres recorded before service areas existed: they serve the region of their organisation. */
export async function centresWithoutArea(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    `SELECT org_code AS code FROM iot_fire_centres WHERE service_paths = '{}'`,
  );
  return rows.map((r) => r.code);
}

export async function setServiceArea(db: Queryable, orgCode: string, paths: string[]): Promise<void> {
  await db.query('UPDATE iot_fire_centres SET service_paths = $2::text[]::ltree[] WHERE org_code = $1', [
    orgCode,
    paths,
  ]);
}

export async function upsertFireCentres(
  db: Queryable,
  centres: { orgCode: string; name: string; lng: number; lat: number }[],
): Promise<void> {
  if (!centres.length) return;
  await db.query(
    `INSERT INTO iot_fire_centres (org_code, name, location)
     SELECT code, name, ST_SetSRID(ST_MakePoint(lng, lat), 4326)
     FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[]) AS t(code, name, lng, lat)
     ON CONFLICT (org_code) DO UPDATE SET name = EXCLUDED.name, location = EXCLUDED.location`,
    [centres.map((c) => c.orgCode), centres.map((c) => c.name), centres.map((c) => c.lng), centres.map((c) => c.lat)],
  );
}

export async function listFireCentres(db: Queryable) {
  return db.query<{ orgCode: string; name: string; lng: number; lat: number }>(
    `SELECT org_code AS "orgCode", name, ST_X(location) AS lng, ST_Y(location) AS lat FROM iot_fire_centres ORDER BY org_code`,
  );
}

export async function insertEscalation(
  db: Queryable,
  e: { alarmId: number; step: EscalationStep; target: string; targetName: string; recipients: number; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO iot_escalations (alarm_id, step, target, target_name, recipients, sent_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [e.alarmId, e.step, e.target, e.targetName, e.recipients, e.at],
  );
}

export async function hasEscalation(db: Queryable, alarmIds: number[], step: EscalationStep): Promise<boolean> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM iot_escalations WHERE alarm_id = ANY($1::bigint[]) AND step = $2',
    [alarmIds, step],
  );
  return (row?.n ?? 0) > 0;
}

/** The chain belongs to the incident: an alarm's stops once anyone acknowledged any alarm of its incident. */
const INCIDENT_UNACKED = `NOT EXISTS (SELECT 1 FROM iot_fire_incidents i
  WHERE i.id = iot_alarms.incident_id AND i.acknowledged_at IS NOT NULL)`;

/** Moves the chain one step on, unless another instance or a person got there first. */
export async function advanceEscalation(
  db: Queryable,
  alarmId: number,
  fromStep: number,
  toStep: number,
  next: Date | null,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE iot_alarms SET escalation_step = $3, next_escalation_at = $4
     WHERE id = $1 AND escalation_step = $2 AND acknowledged_at IS NULL AND closed_at IS NULL AND ${INCIDENT_UNACKED}
     RETURNING id`,
    [alarmId, fromStep, toStep, next],
  );
  return rows.length > 0;
}

export interface AlarmRecord {
  id: number;
  deviceId: number;
  deviceCode: string;
  deviceKind: DeviceKind;
  type: AlarmType;
  severity: Severity;
  fire: boolean;
  status: AlarmStatus;
  buildingId: number | null;
  floor: number | null;
  address: string;
  lng: number;
  lat: number;
  gridPath: string;
  ownerName: string;
  raisedAt: Date;
  deviceTime: Date | null;
  lastAt: Date;
  repeats: number;
  value: Record<string, unknown>;
  acknowledgedAt: Date | null;
  acknowledgedBy: number | null;
  realFire: boolean | null;
  arrivedAt: Date | null;
  clearedAt: Date | null;
  clearedBy: string | null;
  classification: Classification | null;
  closedAt: Date | null;
  note: string | null;
  incidentId: number | null;
  caseId: number | null;
  escalationStep: number;
  nextEscalationAt: Date | null;
}

const ALARM_COLUMNS = `a.id::int AS id, a.device_id::int AS "deviceId", d.code AS "deviceCode", d.kind AS "deviceKind",
  a.type, a.severity, a.fire, a.status, a.building_id::int AS "buildingId", a.floor, d.address,
  ST_X(d.location) AS lng, ST_Y(d.location) AS lat, a.grid_path::text AS "gridPath", d.owner_name AS "ownerName",
  a.raised_at AS "raisedAt", a.device_time AS "deviceTime", a.last_at AS "lastAt", a.repeats, a.value,
  a.acknowledged_at AS "acknowledgedAt", a.acknowledged_by::int AS "acknowledgedBy", a.real_fire AS "realFire",
  a.arrived_at AS "arrivedAt", a.cleared_at AS "clearedAt", a.cleared_by AS "clearedBy", a.classification,
  a.closed_at AS "closedAt", a.note, a.incident_id::int AS "incidentId", a.case_id::int AS "caseId",
  a.escalation_step AS "escalationStep", a.next_escalation_at AS "nextEscalationAt"`;

export async function getAlarm(db: Queryable, id: number): Promise<AlarmRecord | undefined> {
  const [row] = await db.query<R<AlarmRecord>>(
    `SELECT ${ALARM_COLUMNS} FROM iot_alarms a JOIN iot_devices d ON d.id = a.device_id WHERE a.id = $1`,
    [id],
  );
  return row;
}

export interface AlarmFilter {
  areaPath: string;
  status?: 'open' | 'active' | 'closed' | 'all';
  severity?: Severity;
  type?: AlarmType;
  buildingId?: number;
  limit: number;
  offset: number;
}

export async function listAlarms(
  db: Queryable,
  scope: string,
  f: AlarmFilter,
): Promise<{ items: AlarmRecord[]; total: number }> {
  const status = f.status ?? 'open';
  const statusSql =
    status === 'open'
      ? 'a.closed_at IS NULL'
      : status === 'active'
        ? 'a.cleared_at IS NULL'
        : status === 'closed'
          ? 'a.closed_at IS NOT NULL'
          : 'true';
  const where = `a.grid_path <@ $1::ltree AND a.grid_path <@ $2::ltree AND ${statusSql}
    AND ($3::text IS NULL OR a.severity = $3) AND ($4::text IS NULL OR a.type = $4)
    AND ($5::bigint IS NULL OR a.building_id = $5)`;
  const params = [scope, f.areaPath, f.severity ?? null, f.type ?? null, f.buildingId ?? null];
  const [items, [count]] = await Promise.all([
    db.query<R<AlarmRecord>>(
      `SELECT ${ALARM_COLUMNS} FROM iot_alarms a JOIN iot_devices d ON d.id = a.device_id WHERE ${where}
       ORDER BY (a.acknowledged_at IS NULL AND a.closed_at IS NULL) DESC,
         array_position(ARRAY['critical','major','minor','warning'], a.severity), a.raised_at DESC
       LIMIT $6 OFFSET $7`,
      [...params, f.limit, f.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM iot_alarms a WHERE ${where}`, params),
  ]);
  return { items, total: count?.n ?? 0 };
}

export interface IncidentRecord {
  id: number;
  place: string;
  buildingId: number | null;
  gridPath: string;
  openedAt: Date;
  lastAlarmAt: Date;
  confirmedAt: Date | null;
  confirmedBy: 'two_detectors' | 'person' | null;
  acknowledgedAt: Date | null;
  closedAt: Date | null;
  caseId: number | null;
  /** When the incident was handed to 119 (the step, on whichever of its alarms took it). */
  fire119At: Date | null;
}

/** Incidents in the scope: those still waiting for someone first, then confirmed fires, then the newest. */
export async function listIncidents(
  db: Queryable,
  scope: string,
  f: { areaPath: string; status: 'open' | 'all'; limit: number },
): Promise<{ items: IncidentRecord[]; total: number }> {
  const where = `i.grid_path <@ $1::ltree AND i.grid_path <@ $2::ltree AND ($3 = 'all' OR i.closed_at IS NULL)`;
  const params = [scope, f.areaPath, f.status];
  const [items, [count]] = await Promise.all([
    db.query<R<IncidentRecord>>(
      `SELECT i.id::int AS id, i.place, i.building_id::int AS "buildingId", i.grid_path::text AS "gridPath",
         i.opened_at AS "openedAt", i.last_alarm_at AS "lastAlarmAt", i.confirmed_at AS "confirmedAt",
         i.confirmed_by AS "confirmedBy", i.acknowledged_at AS "acknowledgedAt", i.closed_at AS "closedAt",
         i.case_id::int AS "caseId",
         (SELECT min(e.sent_at) FROM iot_escalations e JOIN iot_alarms a ON a.id = e.alarm_id
          WHERE a.incident_id = i.id AND e.step = 'fire_119') AS "fire119At"
       FROM iot_fire_incidents i WHERE ${where}
       ORDER BY (i.acknowledged_at IS NULL AND i.closed_at IS NULL) DESC, (i.confirmed_at IS NOT NULL) DESC,
         i.last_alarm_at DESC
       LIMIT $4`,
      [...params, f.limit],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM iot_fire_incidents i WHERE ${where}`, params),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** The alarms of these incidents, oldest first: how each fire spread. */
export async function alarmsOfIncidents(db: Queryable, incidentIds: number[]): Promise<AlarmRecord[]> {
  if (!incidentIds.length) return [];
  return db.query<R<AlarmRecord>>(
    `SELECT ${ALARM_COLUMNS} FROM iot_alarms a JOIN iot_devices d ON d.id = a.device_id
     WHERE a.incident_id = ANY($1::bigint[]) ORDER BY a.raised_at, a.id`,
    [incidentIds],
  );
}

export async function listEscalations(db: Queryable, alarmId: number) {
  return db.query<{ step: EscalationStep; target: string; targetName: string; recipients: number; sentAt: Date }>(
    `SELECT step, target, target_name AS "targetName", recipients, sent_at AS "sentAt" FROM iot_escalations
     WHERE alarm_id = $1 ORDER BY sent_at, id`,
    [alarmId],
  );
}

export async function dueEscalations(db: Queryable, now: Date, limit: number): Promise<AlarmRecord[]> {
  return db.query<R<AlarmRecord>>(
    `SELECT ${ALARM_COLUMNS} FROM iot_alarms a JOIN iot_devices d ON d.id = a.device_id
     WHERE a.next_escalation_at <= $1 AND a.acknowledged_at IS NULL AND a.closed_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM iot_fire_incidents i WHERE i.id = a.incident_id AND i.acknowledged_at IS NOT NULL)
     ORDER BY a.next_escalation_at LIMIT $2`,
    [now, limit],
  );
}

export async function acknowledgeAlarm(
  db: Queryable,
  id: number,
  by: number,
  realFire: boolean | null,
  note: string | null,
  at: Date,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE iot_alarms SET acknowledged_at = $3, acknowledged_by = $2, real_fire = $4, note = coalesce($5, note),
       next_escalation_at = NULL
     WHERE id = $1 AND acknowledged_at IS NULL AND closed_at IS NULL RETURNING id`,
    [id, by, at, realFire, note],
  );
  return rows.length > 0;
}

export async function markArrived(db: Queryable, id: number, at: Date): Promise<boolean> {
  const rows = await db.query(
    'UPDATE iot_alarms SET arrived_at = $2 WHERE id = $1 AND arrived_at IS NULL AND closed_at IS NULL RETURNING id',
    [id, at],
  );
  return rows.length > 0;
}

export async function clearAlarmById(db: Queryable, id: number, by: string, at: Date): Promise<boolean> {
  const rows = await db.query(
    'UPDATE iot_alarms SET cleared_at = $3, cleared_by = $2 WHERE id = $1 AND cleared_at IS NULL RETURNING id',
    [id, by, at],
  );
  return rows.length > 0;
}

/** Closing clears an alarm the device never cleared itself: the person on site has looked. */
export async function closeAlarm(
  db: Queryable,
  id: number,
  c: { by: number; classification: Classification; note: string | null; at: Date },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE iot_alarms SET classification = $3, note = coalesce($4, note), closed_at = $5, closed_by = $2,
       cleared_at = coalesce(cleared_at, $5), cleared_by = coalesce(cleared_by, $6), next_escalation_at = NULL
     WHERE id = $1 AND closed_at IS NULL AND acknowledged_at IS NOT NULL RETURNING id`,
    [id, c.by, c.classification, c.note, c.at, `user:${c.by}`],
  );
  return rows.length > 0;
}

export async function closeIncidentIfDone(db: Queryable, incidentId: number, at: Date): Promise<void> {
  await db.query(
    `UPDATE iot_fire_incidents SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM iot_alarms WHERE incident_id = $1 AND closed_at IS NULL)`,
    [incidentId, at],
  );
}

/** The active alarms by device code, so the ingestion knows which clears need a write. */
export async function activeAlarmKeys(db: Queryable): Promise<{ code: string; type: AlarmType }[]> {
  return db.query<{ code: string; type: AlarmType }>(
    'SELECT d.code, a.type FROM iot_alarms a JOIN iot_devices d ON d.id = a.device_id WHERE a.cleared_at IS NULL',
  );
}

/**
 * Devices whose heartbeats stopped: the database decides, because with a shared subscription no one instance
 * has seen every device's messages. A district's own number of missed heartbeats applies to its devices.
 */
export async function markOffline(
  db: Queryable,
  now: Date,
  missed: number,
  districts: DistrictLimits,
): Promise<{ id: number; code: string; buildingId: number | null; floor: number | null; gridPath: string }[]> {
  return db.query(
    `UPDATE iot_device_state s SET online = false
     FROM iot_devices d LEFT JOIN unnest($3::text[], $4::float8[]) AS o(district, missed)
       ON d.grid_path <@ o.district::ltree
     WHERE d.id = s.device_id AND s.online AND d.enabled
       AND s.last_seen_at < $1::timestamptz - make_interval(secs => d.heartbeat_seconds * COALESCE(o.missed, $2))
     RETURNING d.id::int AS id, d.code, d.building_id::int AS "buildingId", d.floor, d.grid_path::text AS "gridPath"`,
    [now, missed, districts.paths, districts.values],
  );
}

/** A limit some districts set for themselves: their paths and, in the same order, their values. */
export interface DistrictLimits {
  paths: string[];
  values: number[];
}

export async function clearOfflineOfOnline(db: Queryable, at: Date): Promise<{ code: string }[]> {
  return db.query<{ code: string }>(
    `UPDATE iot_alarms a SET cleared_at = $1, cleared_by = 'device' FROM iot_device_state s, iot_devices d
     WHERE a.type = 'offline' AND a.cleared_at IS NULL AND s.device_id = a.device_id AND s.online AND d.id = a.device_id
     RETURNING d.code`,
    [at],
  );
}

/** Faults standing longer than the limit (a district's own, in hours, for its devices), not yet a maintenance case. */
export async function standingFaults(
  db: Queryable,
  types: readonly string[],
  now: Date,
  hours: number,
  districts: DistrictLimits,
): Promise<AlarmRecord[]> {
  return db.query<R<AlarmRecord>>(
    `SELECT ${ALARM_COLUMNS} FROM iot_alarms a JOIN iot_devices d ON d.id = a.device_id
     LEFT JOIN unnest($4::text[], $5::float8[]) AS o(district, hours) ON a.grid_path <@ o.district::ltree
     WHERE a.type = ANY($1::text[]) AND a.cleared_at IS NULL AND a.case_id IS NULL
       AND a.raised_at <= $2::timestamptz - make_interval(secs => COALESCE(o.hours, $3) * 3600)
     ORDER BY a.id LIMIT 100`,
    [types, now, hours, districts.paths, districts.values],
  );
}

// ---- settings ----

/**
 * A setting of a district ('' the deployment's) and its version; version 0 while it was never set (the presets, or
 * the deployment's for a district, apply).
 */
export async function getSetting(
  db: Queryable,
  key: string,
  districtPath = '',
): Promise<{ value: Record<string, unknown>; version: number }> {
  const [row] = await db.query<{ value: Record<string, unknown>; version: number }>(
    'SELECT value, version FROM iot_settings WHERE key = $1 AND district_path = $2::ltree',
    [key, districtPath],
  );
  return row ?? { value: {}, version: 0 };
}

/** What each district set for itself under this key. */
export async function districtSettings(
  db: Queryable,
  key: string,
): Promise<{ districtPath: string; value: Record<string, unknown> }[]> {
  return db.query(
    `SELECT district_path::text AS "districtPath", value FROM iot_settings WHERE key = $1 AND district_path <> ''`,
    [key],
  );
}

/** Stores a setting over the version the editor saw; the new version, or undefined when someone changed it first. */
export async function putSetting(
  db: Queryable,
  key: string,
  districtPath: string,
  value: unknown,
  by: number,
  seenVersion: number,
): Promise<number | undefined> {
  const [row] = await db.query<{ version: number }>(
    seenVersion === 0
      ? `INSERT INTO iot_settings (key, district_path, value, updated_by, version) VALUES ($1, $2::ltree, $3, $4, 1)
         ON CONFLICT (key, district_path) DO NOTHING RETURNING version`
      : `UPDATE iot_settings SET value = $3, updated_by = $4, updated_at = now(), version = version + 1
         WHERE key = $1 AND district_path = $2::ltree AND version = $5 RETURNING version`,
    seenVersion === 0
      ? [key, districtPath, JSON.stringify(value), by]
      : [key, districtPath, JSON.stringify(value), by, seenVersion],
  );
  return row?.version;
}

/** The setting as stored, storing `value` first when it was never set (several instances may start at once). */
export async function ensureSetting<T extends Record<string, unknown>>(db: Queryable, key: string, value: T) {
  await db.query(`INSERT INTO iot_settings (key, value) VALUES ($1, $2) ON CONFLICT (key, district_path) DO NOTHING`, [
    key,
    JSON.stringify(value),
  ]);
  return (await getSetting(db, key)).value as T;
}

// ---- health and statistics ----

export async function deviceHealth(db: Queryable, scope: string, areaPath: string, lowBattery: number) {
  const [row] = await db.query<{
    devices: number;
    online: number;
    offline: number;
    lowBattery: number;
    disabled: number;
  }>(
    `SELECT count(*)::int AS devices, count(*) FILTER (WHERE d.enabled AND s.online)::int AS online,
       count(*) FILTER (WHERE d.enabled AND NOT s.online)::int AS offline,
       count(*) FILTER (WHERE d.enabled AND s.battery < $3)::int AS "lowBattery",
       count(*) FILTER (WHERE NOT d.enabled)::int AS disabled
     FROM iot_devices d LEFT JOIN iot_device_state s ON s.device_id = d.id
     WHERE d.grid_path <@ $1::ltree AND d.grid_path <@ $2::ltree`,
    [scope, areaPath, lowBattery],
  );
  return row ?? { devices: 0, online: 0, offline: 0, lowBattery: 0, disabled: 0 };
}

/** Alarms by the area one level below, by type: count, false-alarm share, minutes to acknowledge and to arrive. */
export async function alarmStats(db: Queryable, scope: string, areaPath: string, depth: number, since: Date) {
  return db.query<{
    area: string;
    alarms: number;
    fireAlarms: number;
    classified: number;
    falseAlarms: number;
    fires: number;
    realFires: number;
    ackMinutes: number | null;
    arriveMinutes: number | null;
  }>(
    // a fire is an incident, however many detectors it set off, and it counts as real once it is confirmed, not
    // when its last alarm is closed; an alarm from before incidents existed counts by its own classification
    `SELECT subpath(a.grid_path, 0, $3)::text AS area, count(*)::int AS alarms,
       count(*) FILTER (WHERE a.fire)::int AS "fireAlarms",
       (count(DISTINCT a.incident_id) + count(*) FILTER (WHERE a.fire AND a.incident_id IS NULL))::int AS fires,
       count(a.classification)::int AS classified,
       count(*) FILTER (WHERE a.classification = 'false_alarm')::int AS "falseAlarms",
       (count(DISTINCT a.incident_id) FILTER (WHERE i.confirmed_at IS NOT NULL)
         + count(*) FILTER (WHERE a.incident_id IS NULL AND a.classification = 'real_fire'))::int AS "realFires",
       (avg(extract(epoch FROM a.acknowledged_at - a.raised_at)) / 60)::float8 AS "ackMinutes",
       (avg(extract(epoch FROM a.arrived_at - a.raised_at)) / 60)::float8 AS "arriveMinutes"
     FROM iot_alarms a LEFT JOIN iot_fire_incidents i ON i.id = a.incident_id
     WHERE a.grid_path <@ $1::ltree AND a.grid_path <@ $2::ltree AND nlevel(a.grid_path) >= $3 AND a.raised_at >= $4
     GROUP BY 1 ORDER BY 1`,
    [scope, areaPath, depth, since],
  );
}

/** The same figures by the kind of venue the devices guard (九小场所 kinds, enterprises …); '' for homes. */
export async function alarmStatsByVenueKind(db: Queryable, scope: string, areaPath: string, since: Date) {
  return db.query<{
    venueKind: string;
    alarms: number;
    classified: number;
    falseAlarms: number;
    ackMinutes: number | null;
  }>(
    `SELECT coalesce(d.venue_kind, '') AS "venueKind", count(*)::int AS alarms, count(a.classification)::int AS classified,
       count(*) FILTER (WHERE a.classification = 'false_alarm')::int AS "falseAlarms",
       (avg(extract(epoch FROM a.acknowledged_at - a.raised_at)) / 60)::float8 AS "ackMinutes"
     FROM iot_alarms a JOIN iot_devices d ON d.id = a.device_id
     WHERE a.grid_path <@ $1::ltree AND a.grid_path <@ $2::ltree AND a.raised_at >= $3
     GROUP BY 1 ORDER BY 2 DESC`,
    [scope, areaPath, since],
  );
}

/** Open alarms per building for the map: the worst severity and whether a fire is confirmed there. */
export async function alarmsByBuilding(db: Queryable, scope: string, areaPath: string) {
  return db.query<{
    buildingId: number | null;
    lng: number;
    lat: number;
    severity: Severity;
    alarms: number;
    confirmed: boolean;
    address: string;
  }>(
    `SELECT a.building_id::int AS "buildingId", avg(ST_X(d.location))::float8 AS lng, avg(ST_Y(d.location))::float8 AS lat,
       (array_agg(a.severity ORDER BY array_position(ARRAY['critical','major','minor','warning'], a.severity)))[1] AS severity,
       count(*)::int AS alarms, bool_or(i.confirmed_at IS NOT NULL) AS confirmed, min(d.address) AS address
     FROM iot_alarms a JOIN iot_devices d ON d.id = a.device_id LEFT JOIN iot_fire_incidents i ON i.id = a.incident_id
     WHERE a.closed_at IS NULL AND a.grid_path <@ $1::ltree AND a.grid_path <@ $2::ltree
     GROUP BY a.building_id, CASE WHEN a.building_id IS NULL THEN a.device_id END`,
    [scope, areaPath],
  );
}

export async function existingCodes(db: Queryable, codes: string[]): Promise<string[]> {
  if (!codes.length) return [];
  const rows = await db.query<{ code: string }>('SELECT code FROM iot_devices WHERE code = ANY($1::text[])', [codes]);
  return rows.map((r) => r.code);
}
