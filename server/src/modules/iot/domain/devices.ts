/** Device kinds Shanzhi ingests, and the GB 4716 classes of point heat detectors. */
export const DEVICE_KINDS = ['smoke', 'heat', 'combined', 'ebike_charger', 'electrical', 'water_pressure'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const DEVICE_KIND_LABELS: Record<DeviceKind, { zh: string; en: string }> = {
  smoke: { zh: '感烟火灾探测器', en: 'Smoke detector' },
  heat: { zh: '感温火灾探测器', en: 'Heat detector' },
  combined: { zh: '烟温复合探测器', en: 'Combined smoke and heat detector' },
  ebike_charger: { zh: '电动自行车充电监测', en: 'E-bike charging monitor' },
  electrical: { zh: '电气火灾监控探测器', en: 'Electrical fire monitor' },
  water_pressure: { zh: '消防水压监测', en: 'Fire water pressure monitor' },
};

export const HEAT_CLASSES = ['A1', 'A2', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export type HeatClass = (typeof HEAT_CLASSES)[number];

/**
 * GB 4716-2005 table 1 (°C): the highest temperature the class is meant to sit at in normal use, and the
 * range in which its static response must fall. Shanzhi warns at the first and alarms at the lower end of the second.
 */
export const HEAT_CLASS_TABLE: Record<HeatClass, { maxApplication: number; staticMin: number; staticMax: number }> = {
  A1: { maxApplication: 50, staticMin: 54, staticMax: 65 },
  A2: { maxApplication: 50, staticMin: 54, staticMax: 70 },
  B: { maxApplication: 65, staticMin: 69, staticMax: 85 },
  C: { maxApplication: 80, staticMin: 84, staticMax: 100 },
  D: { maxApplication: 95, staticMin: 99, staticMax: 115 },
  E: { maxApplication: 110, staticMin: 114, staticMax: 130 },
  F: { maxApplication: 125, staticMin: 129, staticMax: 145 },
  G: { maxApplication: 140, staticMin: 144, staticMax: 160 },
};

export const sensesHeat = (kind: DeviceKind) => kind === 'heat' || kind === 'combined';
