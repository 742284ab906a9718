import { type Load, useLoad } from '../../core/query';
import { type Alarm, fetchAlarms } from './api';
import { POLL_MS } from './useAlarmBoard';

async function openAlarmsOf(buildingId: number): Promise<Alarm[]> {
  return (await fetchAlarms({ buildingId, status: 'open' })).items;
}

/** The open alarms of the building chosen on the map, polled with the board while it stays chosen. */
export function useBuildingAlarms(buildingId: number | null): Load<Alarm[]> {
  return useLoad(['iot', 'buildingAlarms'], buildingId ?? undefined, openAlarmsOf, { pollMs: POLL_MS });
}
