import type { AlarmRecord, DeviceRecord } from './db/iot.repository.js';

const lastLabel = (path: string) => path.slice(path.lastIndexOf('.') + 1);

/** Only masked contact data and no internal paths leave the server. */
export function presentDevice(d: DeviceRecord) {
  const { gridPath, ...rest } = d;
  return { ...rest, gridCode: d.gridCode || lastLabel(gridPath) };
}

export function presentAlarm(a: AlarmRecord) {
  const { gridPath, acknowledgedBy: _by, clearedBy: _cleared, nextEscalationAt: _next, ...rest } = a;
  return { ...rest, gridCode: lastLabel(gridPath) };
}
