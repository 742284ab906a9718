import type { z } from 'zod';
import type { Classification } from '../../../../server/src/modules/iot/domain/alarm-types';
import type { DeviceKind } from '../../../../server/src/modules/iot/domain/devices';
import type {
  alarmDetailSchema,
  alarmPointsSchema,
  catalogueSchema,
  credentialSchema,
  deviceBody,
  deviceImportSchema,
  deviceSchema,
  healthSchema,
  incidentSchema,
  statsSchema,
} from '../../../../server/src/modules/iot/iot.schemas';
import { api, download, upload, type Wire } from '../../core/api';

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

// the answers' shapes are the server's response schemas, as they arrive over JSON
export type Catalogue = z.infer<typeof catalogueSchema>;
export type Names = Catalogue['deviceKinds'][DeviceKind];
export type AlarmDetail = Wire<z.infer<typeof alarmDetailSchema>>;
export type Alarm = AlarmDetail['alarm'];
export type Escalation = AlarmDetail['escalations'][number];
export type AlarmPoints = z.infer<typeof alarmPointsSchema>;
/** One fire at one place: its alarms, its live state, 119 and its case. */
export type Incident = Wire<z.infer<typeof incidentSchema>>;
export type Device = Wire<z.infer<typeof deviceSchema>>;
export type Health = Wire<z.infer<typeof healthSchema>>;
export type Stats = Wire<z.infer<typeof statsSchema>>;
export type AreaStats = Stats['areas'][number];
export type VenueKindStats = Stats['byVenueKind'][number];
export type NewDevice = z.input<typeof deviceBody>;
/** A device's credential for its broker sign-in; the server keeps only a hash, so this is the one time it is seen. */
export type Credential = z.infer<typeof credentialSchema>;
export type DeviceImportResult = z.infer<typeof deviceImportSchema>;
export type DeviceImportMode = 'all_or_nothing' | 'valid_only';

export interface DeviceQuery {
  regionCode?: string;
  kind?: DeviceKind;
  online?: boolean;
  limit: number;
  offset: number;
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

export function fetchIncidents(regionCode?: string): Promise<{ items: Incident[]; total: number }> {
  return api('GET', `${BASE}/incidents${queryString({ regionCode, status: 'open' })}`);
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
