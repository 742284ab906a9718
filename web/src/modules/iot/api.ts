import type { FeatureCollection, Point } from 'geojson';
import type {
  AlarmStatus,
  AlarmType,
  Classification,
  Severity,
} from '../../../../server/src/modules/iot/domain/alarm-types';
import type { DeviceKind } from '../../../../server/src/modules/iot/domain/devices';
import { api } from '../../core/api';

// the lifecycle's words are the server's own (a pure domain module, imported as source); names come from /catalogue
export {
  CLASSIFICATIONS,
  type Classification,
  SEVERITIES,
  type Severity,
} from '../../../../server/src/modules/iot/domain/alarm-types';

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
  floor: number | null;
  room: string | null;
  address: string;
  gridCode: string;
  ownerName: string;
  contactMasked: string | null;
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

export interface Stats {
  since: string;
  areas: AreaStats[];
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
