import type { Queryable } from '../../../core/db.js';
import { getSetting } from '../db/iot.repository.js';
import { RULE_PRESETS, type RuleSettings } from '../domain/rules.js';

/** The settings in force (the presets where the district set none) and the version an edit must name. */
export async function currentRules(db: Queryable): Promise<RuleSettings & { version: number }> {
  const { value, version } = await getSetting(db, 'rules');
  return { ...RULE_PRESETS, ...(value as Partial<RuleSettings>), version };
}
