import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import { putSetting } from '../db/iot.repository.js';
import type { RuleSettings } from '../domain/rules.js';
import type { IotDeps } from '../iot.deps.js';
import { iotErrors } from '../iot.errors.js';
import type { RulesBody } from '../iot.schemas.js';
import { currentRules } from '../queries/rules.js';

/**
 * Stores a district's rule settings ('' the deployment's defaults) over the version the administrator read, and
 * records what changed — each changed setting's value before and after — with the new version. Settings left out
 * follow the deployment's (for a district) or the presets. Whether this actor may is the caller's check.
 */
export async function changeRules(
  deps: Pick<IotDeps, 'ctx'>,
  actor: Actor,
  districtPath: string,
  input: Omit<RulesBody, 'districtCode'>,
  meta: { ip?: string; requestId?: string },
): Promise<number> {
  const { version: seen, ...given } = input;
  return deps.ctx.db.transaction(async (tx) => {
    const { version: stored, districtCode, ownSettings: _, ...before } = await currentRules(tx, districtPath);
    const version = await putSetting(tx, 'rules', districtPath, given, actor.id, seen);
    if (version === undefined) throw iotErrors.rulesChanged({ field: 'version', params: { version: stored } });
    const after = await currentRules(tx, districtPath);
    const changed = (Object.keys(before) as (keyof RuleSettings)[]).filter((k) => before[k] !== after[k]);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'iot.rules_changed',
      subject: districtCode ? `iot:rules:${districtCode}` : 'iot:rules',
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
