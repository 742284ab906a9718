import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import { type DeviceRecord, getDevice, setDeviceEnabled, setDeviceSecret } from '../db/iot.repository.js';
import { hashSecret } from '../ingest/ingestor.js';
import type { IotDeps } from '../iot.deps.js';
import { iotErrors } from '../iot.errors.js';
import { newSecret } from './register-device.js';

type Meta = { ip?: string; requestId?: string };

async function deviceInScope(deps: Pick<IotDeps, 'ctx'>, actor: Actor, id: number): Promise<DeviceRecord> {
  const d = await getDevice(deps.ctx.db, id);
  if (!d || !inScope(actor, d.gridPath)) throw iotErrors.deviceNotFound();
  return d;
}

/** 停用/启用: a disabled device's messages are refused; who switched it, and from what, is on record. */
export async function switchDevice(
  deps: Pick<IotDeps, 'ctx'>,
  actor: Actor,
  id: number,
  enabled: boolean,
  meta: Meta,
): Promise<DeviceRecord> {
  const d = await deviceInScope(deps, actor, id);
  await deps.ctx.db.transaction(async (tx) => {
    await setDeviceEnabled(tx, d.id, enabled);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: enabled ? 'iot.device_enabled' : 'iot.device_disabled',
      subject: `device:${d.code}`,
      detail: { before: { enabled: d.enabled }, after: { enabled } },
      ...meta,
    });
  });
  return (await getDevice(deps.ctx.db, d.id)) ?? d;
}

/**
 * 重置密钥: the old credential stops working at once and the new one is shown this once; the audit row says the
 * credential was replaced, never what it is.
 */
export async function rotateDeviceSecret(
  deps: Pick<IotDeps, 'ctx'>,
  actor: Actor,
  id: number,
  meta: Meta,
): Promise<{ code: string; secret: string }> {
  const d = await deviceInScope(deps, actor, id);
  const secret = newSecret();
  await deps.ctx.db.transaction(async (tx) => {
    await setDeviceSecret(tx, d.id, hashSecret(secret));
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'iot.device_secret_rotated',
      subject: `device:${d.code}`,
      ...meta,
    });
  });
  return { code: d.code, secret };
}
