import { type Load, useLoad } from '../../core/query';
import { type AlarmDetail, fetchAlarm } from './api';
import { POLL_MS } from './useAlarmBoard';

/** An alarm with the steps of its escalation chain, polled with the board while open, so a new step shows as taken. */
export function useAlarmDetail(id: number | null): Load<AlarmDetail> {
  return useLoad(['iot', 'alarm'], id ?? undefined, fetchAlarm, { pollMs: POLL_MS });
}
