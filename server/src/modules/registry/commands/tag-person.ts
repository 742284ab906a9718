import { writeAudit } from '../../../core/audit.js';
import { type Actor, inScope } from '../../../core/auth.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { getPerson, removeTag, setTags } from '../db/people.repository.js';
import { ageTags, type PersonTag } from '../domain/tags.js';
import { registryErrors } from '../registry.errors.js';

type Meta = { ip?: string; requestId?: string };

/** The person, in the actor's scope and not erased; a tag names a group that gets visits and services. */
async function personInScope(ctx: Pick<ModuleContext, 'db'>, actor: Actor, id: number) {
  const person = await getPerson(ctx.db, id);
  if (!person) throw registryErrors.notFound({ field: 'id' });
  if (!inScope(actor, person.gridPath)) throw coreErrors.outOfScope();
  return person;
}

/**
 * Adds a tag (or changes its detail) after registration, saying why: a person becomes disabled, leaves community
 * correction. Who and why go into the audit row; the tag itself shows who set it last. Age tags follow from the ID
 * number and are neither added nor removed by hand.
 */
export async function tagPerson(
  ctx: Pick<ModuleContext, 'db'>,
  actor: Actor,
  id: number,
  input: { tag: PersonTag; detail?: string; reason: string },
  meta: Meta,
) {
  const person = await personInScope(ctx, actor, id);
  if (input.tag === 'elderly' || input.tag === 'minor') {
    if (!ageTags(person.birthDate).includes(input.tag)) throw registryErrors.tagContradictsAge({ field: 'tag' });
    throw registryErrors.derivedTag({ field: 'tag' });
  }
  await ctx.db.transaction(async (tx) => {
    await setTags(tx, id, [{ tag: input.tag, detail: input.detail }], actor.id);
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'registry.person_tagged',
      subject: `person:${id}`,
      detail: { tag: input.tag, reason: input.reason },
      ...meta,
    });
  });
}

/** Removes a tag with a reason; removing one the person does not carry is a 404, not a silent success. */
export async function untagPerson(
  ctx: Pick<ModuleContext, 'db'>,
  actor: Actor,
  id: number,
  tag: PersonTag,
  reason: string,
  meta: Meta,
) {
  await personInScope(ctx, actor, id);
  if (tag === 'elderly' || tag === 'minor') throw registryErrors.derivedTag({ field: 'tag' });
  await ctx.db.transaction(async (tx) => {
    if (!(await removeTag(tx, id, tag))) throw registryErrors.notFound({ field: 'tag' });
    await writeAudit(tx, {
      actorId: actor.id,
      actorName: actor.username,
      action: 'registry.person_untagged',
      subject: `person:${id}`,
      detail: { tag, reason },
      ...meta,
    });
  });
}
