/** Every alarm Shanzhi raises, whether it means fire, and the severity it starts at. */
export const SEVERITIES = ['critical', 'major', 'minor', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ALARM_TYPES = {
  smoke: { fire: true, severity: 'major', zh: '烟雾报警', en: 'Smoke alarm' },
  heat: { fire: true, severity: 'major', zh: '温度超限报警', en: 'Heat alarm (static threshold)' },
  rate_of_rise: { fire: true, severity: 'major', zh: '温升速率报警', en: 'Rate-of-rise heat alarm' },
  heat_prewarning: { fire: false, severity: 'warning', zh: '温度预警', en: 'Heat pre-warning' },
  charger_over_current: { fire: false, severity: 'major', zh: '充电过流', en: 'Charging over-current' },
  charger_over_temperature: { fire: true, severity: 'major', zh: '充电过温', en: 'Charging over-temperature' },
  charger_overtime: { fire: false, severity: 'minor', zh: '充电超时（超过 8 小时）', en: 'Charging too long' },
  residual_current: { fire: false, severity: 'major', zh: '剩余电流超限', en: 'Residual current over limit' },
  cable_temperature: { fire: false, severity: 'major', zh: '线缆温度超限', en: 'Cable temperature over limit' },
  low_pressure: { fire: false, severity: 'minor', zh: '消防水压不足', en: 'Fire water pressure low' },
  test: { fire: false, severity: 'warning', zh: '测试报警', en: 'Test alarm' },
  tamper: { fire: false, severity: 'minor', zh: '防拆故障', en: 'Tamper fault' },
  sensor_fault: { fire: false, severity: 'minor', zh: '传感器故障', en: 'Sensor fault' },
  low_battery: { fire: false, severity: 'warning', zh: '电池电量低', en: 'Low battery' },
  power_fault: { fire: false, severity: 'minor', zh: '电源故障', en: 'Power fault' },
  offline: { fire: false, severity: 'warning', zh: '设备离线', en: 'Device offline' },
} as const satisfies Record<string, { fire: boolean; severity: Severity; zh: string; en: string }>;
export type AlarmType = keyof typeof ALARM_TYPES;
export const ALARM_TYPE_KEYS = Object.keys(ALARM_TYPES) as AlarmType[];

/** Faults leave a device unable to warn: left standing long enough, they become a maintenance case. */
export const FAULT_TYPES: readonly AlarmType[] = ['tamper', 'sensor_fault', 'low_battery', 'power_fault', 'offline'];

/** Whom an alarm reached, in the order the escalation ladder goes. */
export const ESCALATION_STEPS = [
  'fire_centre',
  'command_centre',
  'rapid_response',
  'grid_worker',
  'street_duty',
  'fire_119',
  'owner',
] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

export const CLASSIFICATIONS = ['real_fire', 'false_alarm', 'test', 'fault'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const ALARM_STATUSES = ['active_unack', 'active_ack', 'cleared_unack', 'cleared_ack', 'closed'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];

/** Severity order for the board: a confirmed fire first. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, major: 1, minor: 2, warning: 3 };
