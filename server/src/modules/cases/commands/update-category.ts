import { writeAudit } from '../../../core/audit.js';
import type { Actor } from '../../../core/auth.js';
import type { Db } from '../../../core/db.js';
import { casesErrors } from '../cases.errors.js';
import { type CategoryRecord, updateCategory } from '../db/cases.repository.js';

export async function changeCategory(
  db: Db,
  actor: Actor,
  code: string,
  patch: Partial<CategoryRecord>,
  meta: { ip?: string; requestId?: string },
) {
  return db.transaction(async (tx) => {
    const updated = await updateCategory(tx, code, patch);
    if (!updated) throw casesErrors.unknownCategory({ field: 'code', params: { code } });
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'cases.category_changed',
      subject: `category:${code}`,
      detail: patch,
      ...meta,
    });
    return updated;
  });
}
