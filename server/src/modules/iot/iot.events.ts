/** Facts the iot module announces; `<module>.<entity>_<past-verb>.v<version>` like every module's. */
export const ALARM_RAISED = 'iot.alarm_raised.v1';
export const ALARM_CLEARED = 'iot.alarm_cleared.v1';
export const ALARM_ESCALATED = 'iot.alarm_escalated.v1';
export const FIRE_CONFIRMED = 'iot.fire_confirmed.v1';
export const ALARM_ACKNOWLEDGED = 'iot.alarm_acknowledged.v1';
export const ALARM_CLOSED = 'iot.alarm_closed.v1';

export interface AlarmEventPayload {
  alarmId: number;
  deviceCode: string;
  type: string;
  severity: string;
  gridPath: string;
  buildingId: number | null;
}

export interface AlarmEscalatedPayload {
  alarmId: number;
  step: string;
  recipientIds: number[];
  titleZh: string;
  titleEn: string;
}
