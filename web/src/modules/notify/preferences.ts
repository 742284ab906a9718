import { api } from '../../core/api';

/**
 * How a person is reached beyond the app: each channel the server offers is a boolean (`sms`, and whatever a later
 * server adds), quiet hours in minutes after midnight, China Standard Time (the same start and end: none).
 */
export type Preferences = { quietFrom: number; quietTo: number } & Record<string, boolean | number>;

export function fetchPreferences(): Promise<Preferences> {
  return api('GET', '/api/notify/preferences');
}

export function savePreferences(p: Preferences): Promise<Preferences> {
  return api('PUT', '/api/notify/preferences', p);
}

/** The channels in the order the server lists them: every boolean it sends. */
export function channelsOf(p: Preferences): { key: string; on: boolean }[] {
  return Object.entries(p).flatMap(([key, on]) => (typeof on === 'boolean' ? [{ key, on }] : []));
}
