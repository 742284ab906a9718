import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import { getSetting, putSetting } from '../db/iot.repository.js';
import { RULE_PRESETS, type RuleSettings } from '../domain/rules.js';
import type { IotDeps } from '../iot.deps.js';
import { iotErrors } from '../iot.errors.js';
import type { RulesBody } from '../iot.schemas.js';

/**
 * Stores the district's rule settings over the version the administrator read, and records what changed — each
 * changed setting's value before and after — with the new version. Settings left out keep their preset.
 */
export async function changeRules(
  deps: Pick<IotDeps, 'ctx'>,
  actor: Actor,
  input: RulesBody,
  meta: { ip?: string; requestId?: string },
): Promise<number> {
  const { version: seen, ...given } = input;
  return deps.ctx.db.transaction(async (tx) => {
    const stored = await getSetting(tx, 'rules');
    const before: RuleSettings = { ...RULE_PRESETS, ...(stored.value as Partial<RuleSettings>) };
    const after: RuleSettings = { ...RULE_PRESETS, ...given };
    const version = await putSetting(tx, 'rules', given, actor.id, seen);
    if (version === undefined) throw iotErrors.rulesChanged({ field: 'version', params: { version: stored.version } });
    const changed = (Object.keys(RULE_PRESETS) as (keyof RuleSettings)[]).filter((k) => before[k] !== after[k]);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'iot.rules_changed',
      subject: 'iot:rules',
      detail: {
        version,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      },
      ...meta,
    });
    return version;
  });
}
