import type { FeatureCollection, Point } from 'geojson';
import type {
  AlarmStatus,
  AlarmType,
  Classification,
  Severity,
} from '../../../../server/src/modules/iot/domain/alarm-types';
import type { DeviceKind, HeatClass } from '../../../../server/src/modules/iot/domain/devices';
import { api, download, upload } from '../../core/api';

// the lifecycle's words are the server's own (a pure domain module, imported as source); names come from /catalogue
export {
  CLASSIFICATIONS,
  type Classification,
  SEVERITIES,
  type Severity,
} from '../../../../server/src/modules/iot/domain/alarm-types';
// so are the kinds of device and the GB 4716 heat classes the register form offers
export {
  DEVICE_KINDS,
  type DeviceKind,
  HEAT_CLASSES,
  sensesHeat,
} from '../../../../server/src/modules/iot/domain/devices';

export interface Names {
  zh: string;
  en: string;
}

export interface Catalogue {
  deviceKinds: Record<DeviceKind, Names>;
  alarmTypes: Record<AlarmType, Names & { fire: boolean; severity: Severity }>;
}

export interface Alarm {
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
  gridCode: string;
  ownerName: string;
  raisedAt: string;
  deviceTime: string | null;
  lastAt: string;
  repeats: number;
  value: Record<string, unknown>;
  acknowledgedAt: string | null;
  realFire: boolean | null;
  arrivedAt: string | null;
  clearedAt: string | null;
  classification: Classification | null;
  closedAt: string | null;
  note: string | null;
  /** Set once a second detector confirmed the fire. */
  incidentId: number | null;
  caseId: number | null;
  escalationStep: number;
}

type EscalationStep = 'fire_centre' | 'rapid_response' | 'grid_worker' | 'street_duty' | 'fire_119' | 'owner';

export interface Escalation {
  step: EscalationStep;
  target: string;
  targetName: string;
  recipients: number;
  sentAt: string;
}

export interface AlarmDetail {
  alarm: Alarm;
  escalations: Escalation[];
}

interface BuildingAlarmProps {
  buildingId: number;
  severity: Severity;
  alarms: number;
  confirmed: boolean;
  address: string;
}

export type AlarmPoints = FeatureCollection<Point, BuildingAlarmProps>;

export interface Device {
  id: number;
  code: string;
  kind: DeviceKind;
  heatClass: HeatClass | null;
  heatMode: 'S' | 'R' | null;
  buildingId: number | null;
  floor: number | null;
  room: string | null;
  venueId: number | null;
  /** The registry venue's kind, its nine-small kind where it has one; null outside venues. */
  venueKind: string | null;
  address: string;
  lng: number;
  lat: number;
  gridCode: string;
  ownerName: string;
  contactMasked: string | null;
  heartbeatSeconds: number;
  enabled: boolean;
  lastSeenAt: string | null;
  online: boolean | null;
  battery: number | null;
  signal: number | null;
}

export interface Health {
  devices: number;
  online: number;
  offline: number;
  lowBattery: number;
  disabled: number;
  /** null while there are no devices to count. */
  onlineRate: number | null;
  offlineDevices: Device[];
}

export interface AreaStats {
  area: string;
  code: string;
  alarms: number;
  fireAlarms: number;
  classified: number;
  falseAlarms: number;
  realFires: number;
  ackMinutes: number | null;
  arriveMinutes: number | null;
  falseAlarmRate: number | null;
}

export interface VenueKindStats {
  /** '' for devices in homes and anywhere outside a registry venue. */
  venueKind: string;
  alarms: number;
  classified: number;
  falseAlarms: number;
  ackMinutes: number | null;
  falseAlarmRate: number | null;
}

export interface Stats {
  since: string;
  areas: AreaStats[];
  byVenueKind: VenueKindStats[];
}

export interface DeviceQuery {
  regionCode?: string;
  kind?: DeviceKind;
  online?: boolean;
  limit: number;
  offset: number;
}

export interface NewDevice {
  code: string;
  kind: DeviceKind;
  heatClass?: HeatClass;
  heatMode?: 'S' | 'R';
  buildingId?: number;
  venueId?: number;
  floor?: number;
  room?: string;
  address?: string;
  ownerName: string;
  contactPhone?: string;
  heartbeatSeconds?: number;
}

/** A device's credential for its broker sign-in; the server keeps only a hash, so this is the one time it is seen. */
export interface Credential {
  code: string;
  secret: string;
}

export type DeviceImportMode = 'all_or_nothing' | 'valid_only';

export interface DeviceImportResult {
  imported: number;
  rows: number;
  /** `column` is the template's own (Chinese) header. */
  errors: { line: number; column: string; message: string }[];
  credentials: Credential[];
}

interface AlarmQuery {
  regionCode?: string;
  status?: 'open' | 'active' | 'closed' | 'all';
  buildingId?: number;
  limit?: number;
}

const BASE = '/api/iot';

function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function fetchCatalogue(): Promise<Catalogue> {
  return api('GET', `${BASE}/catalogue`);
}

export function fetchAlarms(query: AlarmQuery): Promise<{ items: Alarm[]; total: number }> {
  return api('GET', `${BASE}/alarms${queryString(query)}`);
}

export function fetchAlarmPoints(regionCode?: string): Promise<AlarmPoints> {
  return api('GET', `${BASE}/alarms/map${queryString({ regionCode })}`);
}

export function fetchAlarm(id: number): Promise<AlarmDetail> {
  return api('GET', `${BASE}/alarms/${id}`);
}

export function acknowledgeAlarm(id: number, body: { realFire?: boolean; note?: string }): Promise<Alarm> {
  return api('POST', `${BASE}/alarms/${id}/acknowledge`, body);
}

export function arriveAt(id: number): Promise<Alarm> {
  return api('POST', `${BASE}/alarms/${id}/arrive`, {});
}

export function clearAlarm(id: number): Promise<Alarm> {
  return api('POST', `${BASE}/alarms/${id}/clear`, {});
}

export function closeAlarm(id: number, body: { classification: Classification; note?: string }): Promise<Alarm> {
  return api('POST', `${BASE}/alarms/${id}/close`, body);
}

export function fetchHealth(regionCode?: string): Promise<Health> {
  return api('GET', `${BASE}/health${queryString({ regionCode })}`);
}

export function fetchStats(regionCode: string | undefined, days: number): Promise<Stats> {
  return api('GET', `${BASE}/stats${queryString({ regionCode, days })}`);
}

export function fetchDevices(query: DeviceQuery): Promise<{ items: Device[]; total: number }> {
  return api('GET', `${BASE}/devices${queryString(query)}`);
}

export function registerDevice(body: NewDevice): Promise<Credential & { id: number }> {
  return api('POST', `${BASE}/devices`, body);
}

export function setDeviceEnabled(id: number, enabled: boolean): Promise<Device> {
  return api('PATCH', `${BASE}/devices/${id}`, { enabled });
}

export function rotateSecret(id: number): Promise<Credential> {
  return api('POST', `${BASE}/devices/${id}/secret`, {});
}

export function downloadDeviceTemplate(): Promise<void> {
  return download(`${BASE}/devices/import-template.csv`, 'device-template.csv');
}

/** A file with bad rows answers 422 with the same body as a good one: its errors are the result, not a failure. */
export function importDevices(
  file: File,
  mode: DeviceImportMode,
  onProgress: (percent: number) => void,
): Promise<DeviceImportResult> {
  return upload(`${BASE}/devices/import?mode=${mode}`, file, file.name, onProgress, [422]);
}
