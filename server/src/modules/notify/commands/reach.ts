import type { FastifyBaseLogger } from 'fastify';
import type { Queryable } from '../../../core/db.js';
import { nameOfPath } from '../../geo/index.js';
import {
  findOrg,
  findUserIds,
  firstUnitWithPeople,
  type UnitLevel,
  unitLevelAbove,
  unitPathOf,
  unitPeople,
} from '../../identity/index.js';
import { findStep, insertStep } from '../db/notify.repository.js';
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
  const first = await resolve(db, s);
  // a second run of the relay keeps what the first decided, even if people were added since
  const done = await findStep(db, s.eventId, s.step, first.target);
  if (done) return { reached: done.recipients, raised: done.recipients === 0 };
  let to = first;
  if (!first.userIds.length) {
    // a department nobody staffs goes to the district that whistled or dispatched it
    const next =
      'unit' in s.target ? unitLevelAbove(s.target.unit) : 'named' in s.target ? s.target.raiseTo : 'district';
    const up = next ? await firstUnitWithPeople(db, s.gridPath, next) : undefined;
    if (up) to = { target: up.path, name: (await nameOfPath(db, up.path)) ?? up.path, userIds: up.userIds };
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
  if (raised) await insertStep(db, record(s, to, to.userIds.length, first.target));
  await insertStep(db, record(s, first, first.userIds.length, null));
  return { reached: to.userIds.length, raised };
}

interface Resolved {
  target: string;
  name: string;
  userIds: number[];
}

async function resolve(db: Queryable, s: StepToReach): Promise<Resolved> {
  if ('named' in s.target) return s.target.named;
  if ('org' in s.target) {
    const org = await findOrg(db, s.target.org);
    return {
      target: s.target.org,
      name: org?.name ?? s.target.org,
      userIds: await findUserIds(db, { orgCode: s.target.org }),
    };
  }
  const path = unitPathOf(s.gridPath, s.target.unit);
  const userIds = await unitPeople(db, s.gridPath, s.target.unit);
  return { target: path, name: (await nameOfPath(db, path)) ?? path, userIds };
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
