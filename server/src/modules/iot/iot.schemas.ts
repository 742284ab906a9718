import { z } from 'zod';
import {
  ALARM_STATUSES,
  ALARM_TYPE_KEYS,
  CLASSIFICATIONS,
  ESCALATION_STEPS,
  SEVERITIES,
} from './domain/alarm-types.js';
import { DEVICE_KINDS, HEAT_CLASSES } from './domain/devices.js';
import { MESSAGE_TYPES, RESERVED_CLIENT_PREFIX } from './domain/messages.js';
import { RULE_PRESETS, TWO_DETECTOR_RULES } from './domain/rules.js';

const regionCode = z.string().regex(/^\d{6,15}$/);

export const deviceBody = z.object({
  code: z
    .string()
    .trim()
    // a device's code is its MQTT client id; Shanzhi's own clients are named with the reserved prefix
    .regex(
      new RegExp(`^(?!${RESERVED_CLIENT_PREFIX})[A-Za-z0-9_-]{4,64}$`),
      `4–64 letters, digits, _ or -, not starting with ${RESERVED_CLIENT_PREFIX}`,
    ),
  kind: z.enum(DEVICE_KINDS),
  heatClass: z.enum(HEAT_CLASSES).optional(),
  heatMode: z.enum(['S', 'R']).optional(),
  buildingId: z.number().int().positive().optional(),
  venueId: z.number().int().positive().optional(),
  floor: z.number().int().min(-10).max(200).optional(),
  room: z.string().trim().max(40).optional(),
  location: z
    .object({
      lng: z.number().min(-180).max(180),
      lat: z.number().min(-90).max(90),
      crs: z.enum(['wgs84', 'gcj02', 'bd09']).default('wgs84'),
    })
    .optional(),
  address: z.string().trim().max(200).optional(),
  ownerName: z.string().trim().min(1).max(100),
  contactPhone: z.string().trim().max(20).optional(),
  heartbeatSeconds: z.number().int().min(10).max(172_800).optional(),
});

export const deviceSchema = z.object({
  id: z.number(),
  code: z.string(),
  kind: z.enum(DEVICE_KINDS),
  heatClass: z.enum(HEAT_CLASSES).nullable(),
  heatMode: z.enum(['S', 'R']).nullable(),
  buildingId: z.number().nullable(),
  floor: z.number().nullable(),
  room: z.string().nullable(),
  venueId: z.number().nullable(),
  venueKind: z.string().nullable(),
  address: z.string(),
  lng: z.number(),
  lat: z.number(),
  gridCode: z.string(),
  ownerName: z.string(),
  contactMasked: z.string().nullable(),
  heartbeatSeconds: z.number(),
  enabled: z.boolean(),
  lastSeenAt: z.date().nullable(),
  online: z.boolean().nullable(),
  battery: z.number().nullable(),
  signal: z.number().nullable(),
});

export const deviceQuery = z.object({
  regionCode: regionCode.optional(),
  kind: z.enum(DEVICE_KINDS).optional(),
  buildingId: z.coerce.number().int().positive().optional(),
  online: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const alarmSchema = z.object({
  id: z.number(),
  deviceId: z.number(),
  deviceCode: z.string(),
  deviceKind: z.enum(DEVICE_KINDS),
  type: z.enum(ALARM_TYPE_KEYS),
  severity: z.enum(SEVERITIES),
  fire: z.boolean(),
  status: z.enum(ALARM_STATUSES),
  buildingId: z.number().nullable(),
  floor: z.number().nullable(),
  address: z.string(),
  lng: z.number(),
  lat: z.number(),
  gridCode: z.string(),
  ownerName: z.string(),
  raisedAt: z.date(),
  deviceTime: z.date().nullable(),
  lastAt: z.date(),
  repeats: z.number(),
  value: z.record(z.string(), z.unknown()),
  acknowledgedAt: z.date().nullable(),
  realFire: z.boolean().nullable(),
  arrivedAt: z.date().nullable(),
  clearedAt: z.date().nullable(),
  classification: z.enum(CLASSIFICATIONS).nullable(),
  closedAt: z.date().nullable(),
  note: z.string().nullable(),
  incidentId: z.number().nullable(),
  caseId: z.number().nullable(),
  escalationStep: z.number(),
});

export const INCIDENT_STATES = ['unacknowledged', 'acknowledged', 'confirmed', 'closed'] as const;

/** One fire at one place (a building, a venue, a lone device): its alarms, its live state, 119 and its case. */
export const incidentSchema = z.object({
  id: z.number(),
  placeKind: z.enum(['building', 'venue', 'device']),
  buildingId: z.number().nullable(),
  address: z.string(),
  gridCode: z.string(),
  /** Where it is on the map (its first alarm's device), for the map to open on. */
  lng: z.number(),
  lat: z.number(),
  /** unacknowledged (its chain is running), acknowledged, confirmed (a fire: 119 and a case), closed. */
  state: z.enum(INCIDENT_STATES),
  severity: z.enum(SEVERITIES),
  openedAt: z.date(),
  lastAlarmAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  confirmedAt: z.date().nullable(),
  /** By the two-detector rule, or by a person who acknowledged a real fire. */
  confirmedBy: z.enum(['two_detectors', 'person']).nullable(),
  fire119At: z.date().nullable(),
  caseId: z.number().nullable(),
  closedAt: z.date().nullable(),
  floors: z.array(z.number()),
  alarms: z.array(alarmSchema),
});

export const incidentQuery = z.object({
  regionCode: regionCode.optional(),
  status: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const escalationSchema = z.object({
  step: z.enum(ESCALATION_STEPS),
  target: z.string(),
  targetName: z.string(),
  recipients: z.number(),
  sentAt: z.date(),
});

export const alarmDetailSchema = z.object({ alarm: alarmSchema, escalations: z.array(escalationSchema) });

/** Open alarms summed per building (or per device outside buildings) for the map. */
export const alarmPointsSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.object({
        buildingId: z.number().nullable(),
        severity: z.enum(SEVERITIES),
        alarms: z.number(),
        confirmed: z.boolean(),
        address: z.string(),
      }),
    }),
  ),
});

const names = z.object({ zh: z.string(), en: z.string() });
export const catalogueSchema = z.object({
  deviceKinds: z.record(z.enum(DEVICE_KINDS), names),
  alarmTypes: z.record(z.enum(ALARM_TYPE_KEYS), names.extend({ fire: z.boolean(), severity: z.enum(SEVERITIES) })),
  heatClasses: z.record(
    z.enum(HEAT_CLASSES),
    z.object({ maxApplication: z.number(), staticMin: z.number(), staticMax: z.number() }),
  ),
});

export const healthSchema = z.object({
  devices: z.number(),
  online: z.number(),
  offline: z.number(),
  lowBattery: z.number(),
  disabled: z.number(),
  /** null while there are no devices to count. */
  onlineRate: z.number().nullable(),
  offlineDevices: z.array(deviceSchema),
});

const alarmFigures = {
  alarms: z.number(),
  classified: z.number(),
  falseAlarms: z.number(),
  ackMinutes: z.number().nullable(),
  falseAlarmRate: z.number().nullable(),
};
export const statsSchema = z.object({
  since: z.date(),
  areas: z.array(
    z.object({
      area: z.string(),
      code: z.string(),
      fireAlarms: z.number(),
      /** Fires: incidents, however many detectors each set off. */
      fires: z.number(),
      /** Fires confirmed (two detectors, or a person on duty), counted when confirmed. */
      realFires: z.number(),
      arriveMinutes: z.number().nullable(),
      ...alarmFigures,
    }),
  ),
  /** `venueKind` is '' for devices in homes and anywhere outside a registry venue. */
  byVenueKind: z.array(z.object({ venueKind: z.string(), ...alarmFigures })),
});

export const credentialSchema = z.object({ code: z.string(), secret: z.string() });

/** A file with bad rows answers 422 with the same body as a good one: `column` is the template's own header. */
export const deviceImportSchema = z.object({
  imported: z.number(),
  rows: z.number(),
  errors: z.array(z.object({ line: z.number(), column: z.string(), message: z.string() })),
  credentials: z.array(credentialSchema),
});

export const alarmQuery = z.object({
  regionCode: regionCode.optional(),
  status: z.enum(['open', 'active', 'closed', 'all']).default('open'),
  severity: z.enum(SEVERITIES).optional(),
  type: z.enum(ALARM_TYPE_KEYS).optional(),
  buildingId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const acknowledgeBody = z.object({
  realFire: z.boolean().optional(),
  note: z.string().trim().max(500).optional(),
});

export const closeBody = z.object({
  classification: z.enum(CLASSIFICATIONS),
  note: z.string().trim().max(500).optional(),
});

const districtCode = z.string().regex(/^\d{6}$/, 'a 6-digit district code');
const setting = (max: number) => z.number().positive().max(max);
export const rulesBody = z
  .object({
    rateOfRiseKPerMin: setting(100),
    chargerMaxCurrentA: setting(100),
    chargerMaxTemperatureC: setting(200),
    chargerMaxHours: setting(48),
    residualCurrentMa: z.number().min(20).max(1000),
    cableTemperatureC: z.number().min(45).max(140),
    minPressureMpa: setting(2),
    lowBatteryPercent: setting(100),
    confirmWindowSeconds: z.number().int().min(10).max(3600),
    twoDetectorRule: z.enum(TWO_DETECTOR_RULES),
    ackTimeoutSeconds: z.number().int().min(10).max(3600),
    offlineMissedHeartbeats: z.number().int().min(1).max(100),
    faultCaseHours: z
      .number()
      .min(0.01)
      .max(24 * 30),
  })
  .partial()
  .extend({
    /** The version the editor read (GET /rules): a change made over an older one is refused with 409. */
    version: z.number().int().min(0),
    /** The district whose own rules these are; the editor's own district when left out (the defaults for a global administrator). */
    districtCode: districtCode.optional(),
  })
  .strict();
export type RulesBody = z.infer<typeof rulesBody>;
type NumericRuleKey = Exclude<keyof typeof RULE_PRESETS, 'twoDetectorRule'>;
export const rulesSchema = z.object({
  ...(Object.fromEntries(
    Object.keys(RULE_PRESETS)
      .filter((k) => k !== 'twoDetectorRule')
      .map((k) => [k, z.number()]),
  ) as Record<NumericRuleKey, z.ZodNumber>),
  twoDetectorRule: z.enum(TWO_DETECTOR_RULES),
  version: z.number(),
  districtCode: z.string().nullable(),
  ownSettings: z.array(z.enum(Object.keys(RULE_PRESETS) as [keyof typeof RULE_PRESETS])),
});
export const rulesQuery = z.object({ districtCode: districtCode.optional() });

export const fireCentreBody = z.object({
  districtCode,
  letters: z.string().regex(/^[a-z]{1,8}$/, 'lower-case letters a–z'),
  name: z.string().trim().min(2).max(100),
  /** The streets it serves (9-digit codes); the whole district when left out. */
  streetCodes: z
    .array(z.string().regex(/^\d{9}$/))
    .max(100)
    .optional(),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});

/** NB-IoT platforms push the same payloads as MQTT, wrapped with the device code and the message type. */
export const webhookBody = z.object({
  deviceCode: z.string().min(1).max(64),
  type: z.enum(MESSAGE_TYPES),
  payload: z.record(z.string(), z.unknown()),
});

export const areaQuery = z.object({ regionCode: regionCode.optional() });
export const statsQuery = z.object({
  regionCode: regionCode.optional(),
  days: z.coerce.number().int().min(1).max(366).default(30),
});
