import type { FastifyBaseLogger } from 'fastify';
import type { Queryable } from '../../../core/db.js';
import { namesAlong } from '../../geo/index.js';
import {
  chainPeople,
  findOrg,
  findUserIds,
  UNIT_LEVELS,
  type UnitLevel,
  unitLevelAbove,
  unitPathOf,
} from '../../identity/index.js';
import { findStep, insertSteps } from '../db/notify.repository.js';
import type { NotifyService } from '../notify.service.js';

/**
 * Who a step must reach: the people of a unit of the grid's chain, the members of an organisation, or people another
 * module already named (with the unit to raise to when the list is empty).
 */
export type Target =
  | { unit: UnitLevel }
  | { org: string }
  | { named: { target: string; name: string; userIds: number[] }; raiseTo: UnitLevel };

export interface StepToReach {
  eventId: number;
  /** `case:12`, `alarm:7`: what the messages and the step record are about. */
  subject: string;
  step: string;
  kind: string;
  target: Target;
  gridPath: string;
  /** Whoever took the step themselves is not told about it. */
  actorId: number | null;
  /** The message, given the name of the unit or organisation that receives it. */
  title: (targetName: string) => { zh: string; en: string };
}

const RAISED = { zh: '【原接收方无人，已上报】', en: '[Nobody to receive it; raised] ' };

/**
 * Tells the people who must act on a step, by name, and records whom it reached. A target with nobody in it is an
 * error, never a silent success: the step is recorded with 0 recipients for administrators to see, and raised to
 * the next level up the grid's chain (community, street, district) where somebody can act on it.
 */
export async function reach(
  db: Queryable,
  notify: NotifyService,
  log: FastifyBaseLogger,
  s: StepToReach,
): Promise<{ reached: number; raised: boolean }> {
  // the whole chain and its names in two statements: the target and, if it has nobody, the level above
  const [chain, names] = await Promise.all([chainPeople(db, s.gridPath), namesAlong(db, s.gridPath)]);
  const unit = (level: UnitLevel): Resolved => {
    const path = unitPathOf(s.gridPath, level);
    return { target: path, name: names.get(path) ?? path, userIds: chain[level] };
  };
  const first = await resolve(db, s, unit);
  // a second run of the relay keeps what the first decided, even if people were added since
  const done = await findStep(db, s.eventId, s.step, first.target);
  if (done) return { reached: done.recipients, raised: done.recipients === 0 };
  let to = first;
  if (!first.userIds.length) {
    // a department nobody staffs goes to the district that whistled or dispatched it
    const next =
      'unit' in s.target ? unitLevelAbove(s.target.unit) : 'named' in s.target ? s.target.raiseTo : 'district';
    const up = next ? UNIT_LEVELS.slice(UNIT_LEVELS.indexOf(next)).find((l) => chain[l].length) : undefined;
    if (up) to = unit(up);
    else log.error({ subject: s.subject, step: s.step, target: first.target }, 'a step reached nobody at any level');
  }
  const raised = to !== first;
  const title = s.title(first.name);
  for (const userId of to.userIds) {
    if (userId === s.actorId) continue;
    await notify.send({
      userId,
      kind: s.kind,
      titleZh: raised ? `${RAISED.zh}${title.zh}` : title.zh,
      titleEn: raised ? `${RAISED.en}${title.en}` : title.en,
      subject: s.subject,
      eventId: s.eventId,
    });
  }
  // recorded once everyone was told: a crash before this point sends again, and each person's copy is kept once
  await insertSteps(db, [
    record(s, first, first.userIds.length, null),
    ...(raised ? [record(s, to, to.userIds.length, first.target)] : []),
  ]);
  return { reached: to.userIds.length, raised };
}

interface Resolved {
  target: string;
  name: string;
  userIds: number[];
}

async function resolve(db: Queryable, s: StepToReach, unit: (level: UnitLevel) => Resolved): Promise<Resolved> {
  if ('named' in s.target) return s.target.named;
  if ('unit' in s.target) return unit(s.target.unit);
  const org = await findOrg(db, s.target.org);
  return {
    target: s.target.org,
    name: org?.name ?? s.target.org,
    userIds: await findUserIds(db, { orgCode: s.target.org }),
  };
}

function record(s: StepToReach, r: Resolved, recipients: number, raisedFrom: string | null) {
  return {
    eventId: s.eventId,
    subject: s.subject,
    step: s.step,
    target: r.target,
    targetName: r.name,
    areaPath: s.gridPath,
    recipients,
    raisedFrom,
  };
}
