import { type Actor, inScope } from '../../../core/auth.js';
import type { PersonalDataCipher } from '../../../core/crypto.js';
import type { Queryable } from '../../../core/db.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import { displayNames } from '../../identity/index.js';
import { getPerson, searchPeople } from '../db/people.repository.js';
import { registryErrors } from '../registry.errors.js';

type PersonRecord = NonNullable<Awaited<ReturnType<typeof getPerson>>>;

/** Masked always: the full ID and phone leave only through a reveal. Tags say who set them, by name. */
async function present(db: Queryable, people: PersonRecord[]) {
  const names = await displayNames(db, [
    ...new Set(people.flatMap((p) => p.tags.flatMap((t) => (t.setBy ? [t.setBy] : [])))),
  ]);
  return people.map(({ gridPath, tags, ...rest }) => ({
    ...rest,
    gridCode: gridPath.split('.').at(-1) ?? '',
    tags: tags.map(({ setBy, ...t }) => ({ ...t, setByName: (setBy && names.get(setBy)) || null })),
  }));
}

export async function findPeople(
  ctx: Pick<ModuleContext, 'db' | 'cipher'>,
  actor: Actor,
  q: {
    name?: string;
    idNumber?: string;
    phone?: string;
    tag?: string;
    address?: string;
    limit: number;
    offset: number;
  },
) {
  const rows = await searchPeople(ctx.db, {
    scope: actor.scopePath,
    name: q.name,
    idNumberHash: q.idNumber ? hashes(ctx.cipher, q.idNumber.toUpperCase()) : undefined,
    phoneHash: q.phone ? hashes(ctx.cipher, q.phone) : undefined,
    tag: q.tag,
    address: q.address,
    limit: q.limit,
    offset: q.offset,
  });
  return { items: await present(ctx.db, rows) };
}

export async function getPersonDetail(ctx: Pick<ModuleContext, 'db'>, actor: Actor, id: number) {
  const p = await getPerson(ctx.db, id);
  if (!p) throw registryErrors.notFound({ field: 'id' });
  if (!inScope(actor, p.gridPath)) throw coreErrors.outOfScope();
  const [shown] = await present(ctx.db, [p]);
  return shown as NonNullable<typeof shown>;
}

/** Under the current key and every retired one: a rotation may not have reached this person yet. */
const hashes = (cipher: PersonalDataCipher, value: string) => [
  cipher.searchHash(value),
  ...cipher.retiredHashes(value),
];
