import { districtOf } from '../../../core/auth.js';
import type { AlarmType, Severity } from './alarm-types.js';
import { ALARM_TYPES } from './alarm-types.js';
import { type DeviceKind, HEAT_CLASS_TABLE, type HeatClass, sensesHeat } from './devices.js';
import type { DeviceMessage } from './messages.js';

/**
 * GB 50116's two-detector rule: two independent detectors in fire alarm in one fire zone within the confirmation
 * window are a confirmed fire without anyone looking. The device record has no fire zone, so the zone is taken as
 * the floor of the building (`floor`, the preset: a floor is usually its own fire compartment) or the whole building
 * or venue (`building`); `off` leaves confirming to the person on duty.
 */
export const TWO_DETECTOR_RULES = ['floor', 'building', 'off'] as const;
export type TwoDetectorRule = (typeof TWO_DETECTOR_RULES)[number];

/**
 * Presets from the standards and common practice; an administrator may change them (PUT /api/iot/rules).
 * GB 14287.2 lets residual-current alarms be set 20–1000 mA (300 mA is usual); GB 14287.3 cable temperature
 * 45–140 °C; GB 50974 wants at least 0.10 MPa at a hydrant; charging longer than 8 hours is the usual e-bike limit.
 * The confirmation window (120 s) is how long the alarms of one place group into one incident, and how close together
 * two detectors must alarm for the two-detector rule.
 */
export const RULE_PRESETS = {
  rateOfRiseKPerMin: 10,
  chargerMaxCurrentA: 10,
  chargerMaxTemperatureC: 60,
  chargerMaxHours: 8,
  residualCurrentMa: 300,
  cableTemperatureC: 70,
  minPressureMpa: 0.1,
  lowBatteryPercent: 20,
  confirmWindowSeconds: 120,
  twoDetectorRule: 'floor' as TwoDetectorRule,
  ackTimeoutSeconds: 180,
  offlineMissedHeartbeats: 3,
  faultCaseHours: 24,
};
export type RuleSettings = typeof RULE_PRESETS;
/** The settings that are numbers: limits a statement can apply per district. */
export type NumericRule = { [K in keyof RuleSettings]: RuleSettings[K] extends number ? K : never }[keyof RuleSettings];

/**
 * The rules in force: the deployment's (the presets under what a global administrator set) and, for each district
 * that set some of its own, those over the deployment's.
 */
export interface RuleBook {
  deployment: RuleSettings;
  districts: ReadonlyMap<string, RuleSettings>;
}

export function ruleBook(
  deployment: Partial<RuleSettings>,
  districts: { districtPath: string; value: Partial<RuleSettings> }[],
): RuleBook {
  const base = { ...RULE_PRESETS, ...deployment };
  return { deployment: base, districts: new Map(districts.map((d) => [d.districtPath, { ...base, ...d.value }])) };
}

/** The rules for a device or area at this path: its district's where the district set its own. */
export function rulesAt(book: RuleBook, path: string): RuleSettings {
  return book.districts.get(districtOf(path)) ?? book.deployment;
}

export interface RuleDevice {
  kind: DeviceKind;
  heatClass: HeatClass | null;
  heatMode: 'S' | 'R' | null;
}

/** What the rules remember of a device between messages (kept in memory, in the live state). */
export interface RuleMemory {
  temperature?: number;
  temperatureAt?: number;
  chargingSince?: number;
}

export interface Signal {
  type: AlarmType;
  state: 'raise' | 'clear';
  severity: Severity;
  value?: Record<string, number | boolean | string>;
}

const raise = (type: AlarmType, value?: Signal['value']): Signal => ({
  type,
  state: 'raise',
  severity: ALARM_TYPES[type].severity,
  value,
});
const clear = (type: AlarmType): Signal => ({ type, state: 'clear', severity: ALARM_TYPES[type].severity });

/** A threshold that has to fall a little below its trigger before it clears, so a value hovering on it does not flap. */
function threshold(signals: Signal[], type: AlarmType, value: number, limit: number, hysteresis: number, above = true) {
  const over = above ? value >= limit : value <= limit;
  const back = above ? value < limit - hysteresis : value > limit + hysteresis;
  if (over) signals.push(raise(type, { value, limit }));
  else if (back) signals.push(clear(type));
}

const FAULTS = { tamper: 'tamper', sensor: 'sensor_fault', low_battery: 'low_battery', power: 'power_fault' } as const;

/**
 * The rules for one message: which alarms it raises or clears. Pure; `now` is the receive time, so a device with
 * a wrong clock cannot fake a rate of rise or a charge duration.
 */
export function evaluate(
  device: RuleDevice,
  memory: RuleMemory,
  message: DeviceMessage,
  s: RuleSettings,
  now: number,
): { signals: Signal[]; memory: RuleMemory } {
  const signals: Signal[] = [];
  const next: RuleMemory = { ...memory };
  if (message.battery !== undefined) threshold(signals, 'low_battery', message.battery, s.lowBatteryPercent, 5, false);

  if (message.type === 'alarm') {
    const type: AlarmType = message.event;
    signals.push(message.state === 'raise' ? raise(type, message.values as Signal['value']) : clear(type));
  } else if (message.type === 'fault') {
    const type = FAULTS[message.fault];
    // the battery threshold above already spoke for low_battery when the message carried a level
    const i = signals.findIndex((x) => x.type === type);
    if (i >= 0) signals.splice(i, 1);
    signals.push(message.state === 'raise' ? raise(type) : clear(type));
  } else if (message.type === 'telemetry') {
    const v = message.values;
    if (v.temperature !== undefined && sensesHeat(device.kind)) {
      const cls = HEAT_CLASS_TABLE[device.heatClass ?? 'A1'];
      threshold(signals, 'heat', v.temperature, cls.staticMin, 2);
      threshold(signals, 'heat_prewarning', v.temperature, cls.maxApplication, 2);
      if (device.heatMode === 'R' && memory.temperature !== undefined && memory.temperatureAt !== undefined) {
        const minutes = (now - memory.temperatureAt) / 60_000;
        // a rate needs some time between samples; two messages a moment apart say nothing about rise
        if (minutes >= 1 / 6) {
          const rate = (v.temperature - memory.temperature) / minutes;
          if (rate >= s.rateOfRiseKPerMin)
            signals.push(raise('rate_of_rise', { rate: round(rate), limit: s.rateOfRiseKPerMin }));
          else if (rate <= 0) signals.push(clear('rate_of_rise'));
        }
      }
      next.temperature = v.temperature;
      next.temperatureAt = now;
    }
    if (device.kind === 'ebike_charger') {
      if (v.current !== undefined) threshold(signals, 'charger_over_current', v.current, s.chargerMaxCurrentA, 0.5);
      if (v.temperature !== undefined)
        threshold(signals, 'charger_over_temperature', v.temperature, s.chargerMaxTemperatureC, 3);
      if (v.charging === true) {
        next.chargingSince = memory.chargingSince ?? now;
        const hours = (now - next.chargingSince) / 3_600_000;
        if (hours > s.chargerMaxHours)
          signals.push(raise('charger_overtime', { hours: round(hours), limit: s.chargerMaxHours }));
      } else if (v.charging === false) {
        next.chargingSince = undefined;
        signals.push(clear('charger_overtime'));
      }
    }
    if (device.kind === 'electrical') {
      if (v.residualCurrent !== undefined)
        threshold(signals, 'residual_current', v.residualCurrent, s.residualCurrentMa, 20);
      if (v.cableTemperature !== undefined)
        threshold(signals, 'cable_temperature', v.cableTemperature, s.cableTemperatureC, 3);
    }
    if (device.kind === 'water_pressure' && v.pressure !== undefined) {
      threshold(signals, 'low_pressure', v.pressure, s.minPressureMpa, 0.02, false);
    }
  }
  return { signals, memory: next };
}

const round = (n: number) => Math.round(n * 10) / 10;
