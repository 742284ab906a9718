import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { ModuleContext } from '../../../core/module.js';
import { WechatError } from '../../../core/wechat.js';
import { setWechat, userWithOpenid } from '../db/wechat.repository.js';
import { identityErrors } from '../identity.errors.js';

type Ctx = Pick<ModuleContext, 'db' | 'cipher' | 'wechat' | 'log'>;
type Meta = { ip?: string; requestId?: string };

/**
 * The end of WeChat's web authorisation: the code WeChat handed the phone becomes the person's openid, sealed on their
 * own account. A WeChat already bound to someone else stays theirs until they unbind it, so one person's notices never
 * go to another's WeChat. The audit row says that a binding happened, never which openid.
 */
export async function bindWechat(ctx: Ctx, actor: Actor, code: string, meta: Meta): Promise<void> {
  let openid: string;
  try {
    openid = await ctx.wechat.openidForCode(code);
  } catch (err) {
    if (err instanceof WechatError && /^\d+$/.test(err.providerCode))
      throw identityErrors.wechatCodeRejected({ field: 'code' });
    ctx.log.error({ provider: err instanceof WechatError ? err.providerCode : 'unknown' }, 'WeChat code not exchanged');
    throw identityErrors.wechatUnavailable();
  }
  const hash = ctx.cipher.searchHash(openid);
  await ctx.db.transaction(async (tx) => {
    const holder = await userWithOpenid(tx, [hash, ...ctx.cipher.retiredHashes(openid)]);
    if (holder !== undefined && holder !== actor.id) throw identityErrors.wechatTaken({ field: 'code' });
    if (!(await setWechat(tx, actor.id, { enc: ctx.cipher.encrypt(openid), hash }))) return;
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.wechat_bound',
      subject: `user:${actor.id}`,
      ...meta,
    });
  });
}

/** The person takes their WeChat off their account; notices by WeChat stop with it. */
export async function unbindWechat(ctx: Pick<ModuleContext, 'db'>, actor: Actor, meta: Meta): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    if (!(await setWechat(tx, actor.id, null))) return;
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'identity.wechat_unbound',
      subject: `user:${actor.id}`,
      ...meta,
    });
  });
}
