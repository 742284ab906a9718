import { randomBytes } from 'node:crypto';
import seedrandom from 'seedrandom';
import { writeAudit } from '../../../core/audit.js';
import type { Db, Queryable } from '../../../core/db.js';
import {
  communitiesUnder,
  gridWorkersUnder,
  linkGridMembers,
  listDistrictsAndStreets,
  syntheticName,
} from '../../geo/index.js';
import { type DemoUser, insertDemoUsers } from '../db/identity.repository.js';
import { DEPARTMENTS } from '../domain/departments.js';
import { hashPassword } from '../domain/password.js';

/** The seed's 雨花台区: 37 full-time and 25 part-time rapid-response members across its streets. */
const RAPID_FULL_TIME = 37;
const RAPID_PART_TIME = 25;
/** Full-time members of each street's team on duty at a time: enough that a fire reaches someone awake. */
const ON_DUTY_PER_TEAM = 2;
const PER_DEPARTMENT = 2;
const COMMAND_CENTRE = 2;

/** Spreads `total` over `n` teams as evenly as whole people allow, the first teams taking the remainder. */
export function spread(total: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

/**
 * The people who must act in the demo district, so that a report, a whistle or a fire reaches someone by name from
 * the first start: each grid's grid worker (the name its team lists, linked to the account), a community worker per
 * community, a street worker and the rapid-response team per street, members of each department, the command
 * centre. Their password is random and not kept: an administrator resets one in 用户管理 to sign in as that person.
 */
export async function seedDemoStaff(db: Db, opts: { districtCode: string; seed: string }): Promise<number> {
  const rng = seedrandom(`${opts.seed}:staff:${opts.districtCode}`);
  const regions = await listDistrictsAndStreets(db);
  const district = regions.find((r) => r.code === opts.districtCode && r.level === 'district');
  if (!district) return 0;
  const streets = regions.filter((r) => r.level === 'street' && r.path.startsWith(`${district.path}.`));
  const grids = await gridWorkersUnder(db, district.path);
  const person = (u: Omit<DemoUser, 'displayName' | 'orgCode' | 'employment' | 'onDuty'> & Partial<DemoUser>) => ({
    displayName: syntheticName(rng),
    orgCode: null,
    employment: 'full_time' as const,
    onDuty: false,
    ...u,
  });

  const users: DemoUser[] = grids.map((g) =>
    person({ username: `gw-${g.gridCode}`, displayName: g.name, role: 'grid_worker', scopePath: g.gridPath }),
  );
  for (const c of await communitiesUnder(db, district.path))
    users.push(person({ username: `cs-${c.code}`, role: 'community_staff', scopePath: c.path }));
  const fullTime = spread(RAPID_FULL_TIME, streets.length);
  const partTime = spread(RAPID_PART_TIME, streets.length);
  streets.forEach((s, i) => {
    users.push(person({ username: `ss-${s.code}`, role: 'street_staff', scopePath: s.path }));
    const team = (employment: 'full_time' | 'part_time', n: number) =>
      Array.from({ length: n }, (_, k) =>
        person({
          username: `rr-${s.code}-${employment === 'full_time' ? 'f' : 'p'}${k + 1}`,
          // a team member works as a department member does: whistled, reports in, handles (their phone app)
          role: 'department_staff',
          scopePath: s.path,
          orgCode: `${s.code}-rapid_response`,
          employment,
          onDuty: employment === 'full_time' && k < ON_DUTY_PER_TEAM,
        }),
      );
    users.push(...team('full_time', fullTime[i] ?? 0), ...team('part_time', partTime[i] ?? 0));
  });
  for (const d of DEPARTMENTS)
    for (let k = 1; k <= PER_DEPARTMENT; k++)
      users.push(
        person({
          username: `dept-${d.key}-${k}`,
          role: 'department_staff',
          scopePath: district.path,
          orgCode: `${district.code}-${d.key}`,
        }),
      );
  for (let k = 1; k <= COMMAND_CENTRE; k++)
    users.push(person({ username: `cc-${district.code}-${k}`, role: 'command_centre', scopePath: district.path }));

  const passwordHash = await hashPassword(randomBytes(32).toString('base64'));
  return db.transaction(async (tx) => {
    const created = await insertDemoUsers(tx, users, passwordHash);
    const ids = new Map(created.map((u) => [u.username, u.id]));
    await linkGridMembers(
      tx,
      grids.flatMap((g) => {
        const userId = ids.get(`gw-${g.gridCode}`);
        return userId ? [{ gridCode: g.gridCode, role: 'grid_worker' as const, seq: 1, userId }] : [];
      }),
    );
    await writeAudit(tx, {
      action: 'identity.demo_staff_seeded',
      detail: { district: district.code, accounts: created.length },
    });
    return created.length;
  });
}

/**
 * Members for organisations other modules register in their own demo (the fire service centres), so that what those
 * modules send reaches someone by name; the first member of each is on duty.
 */
export async function seedDemoMembers(
  db: Queryable,
  orgs: { code: string; regionPath: string }[],
  opts: { perOrg: number; seed: string },
): Promise<number> {
  const rng = seedrandom(`${opts.seed}:members:${orgs.map((o) => o.code).join(',')}`);
  const users: DemoUser[] = orgs.flatMap((o) =>
    Array.from({ length: opts.perOrg }, (_, k) => ({
      username: `m-${o.code}-${k + 1}`,
      displayName: syntheticName(rng),
      role: 'department_staff' as const,
      scopePath: o.regionPath,
      orgCode: o.code,
      employment: 'full_time' as const,
      onDuty: k === 0,
    })),
  );
  const passwordHash = await hashPassword(randomBytes(32).toString('base64'));
  return (await insertDemoUsers(db, users, passwordHash)).length;
}
