import type { Queryable } from '../../../core/db.js';
import { getSetting } from '../db/iot.repository.js';
import { RULE_PRESETS, type RuleSettings } from '../domain/rules.js';

export interface RulesView extends RuleSettings {
  /** The version of what an edit here changes: the district's own settings, or the deployment's. */
  version: number;
  /** The district these are the rules of; null for the deployment's defaults. */
  districtCode: string | null;
  /** The settings set here; the rest come from the deployment's (for a district) or the presets. */
  ownSettings: (keyof RuleSettings)[];
}

/** The settings in force in a district ('' the deployment's defaults) and the version an edit must name. */
export async function currentRules(db: Queryable, districtPath = ''): Promise<RulesView> {
  const deployment = await getSetting(db, 'rules');
  const own = districtPath ? await getSetting(db, 'rules', districtPath) : deployment;
  return {
    ...RULE_PRESETS,
    ...(deployment.value as Partial<RuleSettings>),
    ...(own.value as Partial<RuleSettings>),
    version: own.version,
    districtCode: districtPath ? (districtPath.split('.').at(-1) as string) : null,
    ownSettings: Object.keys(own.value).filter((k): k is keyof RuleSettings => k in RULE_PRESETS),
  };
}
