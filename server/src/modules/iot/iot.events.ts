/** Facts the iot module announces; `<module>.<entity>_<past-verb>.v<version>` like every module's. */
export const ALARM_RAISED = 'iot.alarm_raised.v1';
export const ALARM_CLEARED = 'iot.alarm_cleared.v1';
export const ALARM_ESCALATED = 'iot.alarm_escalated.v1';
export const FIRE_CONFIRMED = 'iot.fire_confirmed.v1';
export const ALARM_ACKNOWLEDGED = 'iot.alarm_acknowledged.v1';
export const ALARM_CLOSED = 'iot.alarm_closed.v1';

declare module '../../core/events.js' {
  interface EventMap {
    [ALARM_RAISED]: AlarmEventPayload;
    [ALARM_CLEARED]: AlarmClearedPayload;
    [ALARM_ESCALATED]: AlarmEscalatedPayload;
    [FIRE_CONFIRMED]: AlarmEventPayload & { incidentId: number };
    [ALARM_ACKNOWLEDGED]: { alarmId: number; realFire: boolean };
    [ALARM_CLOSED]: { alarmId: number; classification: string };
  }
}

/** Every alarm event is about its alarm: one subscriber hears an alarm's steps in the order they happened. */
export const alarmAggregate = (alarmId: number) => `alarm:${alarmId}`;

export interface AlarmEventPayload {
  alarmId: number;
  deviceCode: string;
  type: string;
  severity: string;
  gridPath: string;
  buildingId: number | null;
}

/** A device's alarm ended: by the device, an operator, or the device coming back online (no alarm row then). */
export type AlarmClearedPayload = Partial<AlarmEventPayload> & { deviceCode: string; type: string };

export interface AlarmEscalatedPayload {
  alarmId: number;
  step: string;
  /** Whom the step went to (an org code or a unit's path), by name, and the people found there. */
  target: string;
  targetName: string;
  recipientIds: number[];
  gridPath: string;
  titleZh: string;
  titleEn: string;
}
