import { type Actor, districtOf } from '../../../core/auth.js';
import { isMobilePhone } from '../../../core/crypto.js';
import { coreErrors } from '../../../core/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import type { Crs, GridLocator } from '../../geo/index.js';
import { casesErrors } from '../cases.errors.js';
import { CASE_REPORTED, type CaseEventPayload, caseAggregate } from '../cases.events.js';
import {
  attachMedia,
  categoriesIn,
  claimIdempotency,
  findIdempotent,
  getCategory,
  insertCase,
  insertTimeline,
  nextCaseSequence,
} from '../db/cases.repository.js';
import { caseNumber } from '../domain/case-number.js';
import { limitsFor, type Priority } from '../domain/priority.js';

export interface ReportInput {
  categoryCode: string;
  description: string;
  address?: string;
  location: { lng: number; lat: number; crs: Crs };
  contact?: { name?: string; phone?: string };
  anonymous?: boolean;
  /** Staff taking a 12345 hotline call mark it so; everything else follows from the reporter's role. */
  viaHotline?: boolean;
  /** Opened by a device system (a confirmed fire, a standing fault) rather than by a person. */
  fromDevice?: boolean;
  /** 紧急/重要/一般 as staff or a device system judge it; a resident's report takes the category's default. */
  priority?: Priority;
  /** Photos and voice notes uploaded beforehand by the same person. */
  mediaIds?: number[];
  /** A resident without an account, known only by the contact number they hear back on (see report-anonymously). */
  withoutAccount?: boolean;
}

/**
 * 信息收集: the report is resolved to its grid, written with its first timeline row in one transaction, and
 * only then answered. A retry with the same Idempotency-Key returns the first case instead of a second one.
 */
export async function reportCase(
  ctx: Pick<ModuleContext, 'db' | 'events' | 'cipher'>,
  locator: GridLocator,
  actor: Actor,
  input: ReportInput,
  idempotencyKey?: string,
): Promise<{ caseId: number; created: boolean }> {
  const reporterKey = `user:${actor.id}`;
  if (idempotencyKey) {
    const existing = await findIdempotent(ctx.db, reporterKey, idempotencyKey);
    if (existing) return { caseId: existing, created: false };
  }
  const category = await getCategory(ctx.db, input.categoryCode);
  if (!category?.active) {
    throw casesErrors.unknownCategory({ field: 'categoryCode', params: { code: input.categoryCode } });
  }
  const grid = locator.findHandlingGrid(input.location.lng, input.location.lat, input.location.crs);
  if (!grid) throw casesErrors.outsideGrids({ field: 'location' });
  const phone = input.contact?.phone;
  if (phone && !isMobilePhone(phone)) {
    throw coreErrors.invalid({
      field: 'contact.phone',
      params: { reason: { 'zh-CN': '应为 11 位手机号', en: 'must be an 11-digit mobile number' } },
    });
  }
  const anonymous = (actor.role === 'resident' && Boolean(input.anonymous)) || Boolean(input.withoutAccount);
  const source = input.withoutAccount
    ? 'anonymous'
    : actor.role === 'resident'
      ? 'resident'
      : actor.role === 'grid_worker'
        ? 'grid_worker'
        : input.viaHotline
          ? 'hotline'
          : input.fromDevice
            ? 'device'
            : 'api';

  const priority = (actor.role !== 'resident' && input.priority) || category.defaultPriority;
  // 立案 is due from the moment of the report: the limit in the grid's district, for the case's priority
  const [limits] = await categoriesIn(ctx.db, districtOf(grid.path), category.code);
  const respondMinutes = limitsFor(limits ?? category, priority).respondMinutes;

  const sealedPhone = phone ? ctx.cipher.encrypt(phone) : null;
  const now = new Date();
  const outcome = await ctx.db
    .transaction(async (tx) => {
      const number = caseNumber(await nextCaseSequence(tx), now);
      const caseId = await insertCase(tx, {
        number,
        source,
        categoryCode: category.code,
        description: input.description,
        address: input.address ?? '',
        lng: grid.wgs84[0],
        lat: grid.wgs84[1],
        gridCode: grid.code,
        gridPath: grid.path,
        reporterId: actor.id,
        reporterName: anonymous ? null : (input.contact?.name ?? actor.displayName),
        // an anonymous resident's name stays unknown; without an account, the number is how they hear back
        reporterPhoneEnc: !phone || (anonymous && !input.withoutAccount) ? null : sealedPhone,
        anonymous,
        priority,
        respondMinutes,
      });
      if (idempotencyKey && !(await claimIdempotency(tx, reporterKey, idempotencyKey, caseId))) {
        throw new DuplicateRetry();
      }
      await insertTimeline(tx, {
        caseId,
        actorId: actor.id,
        actorName: anonymous ? '匿名居民' : actor.displayName,
        actorRole: actor.role,
        action: 'report',
        fromStatus: null,
        toStatus: 'reported',
        note: input.description,
        detail: { source, categoryCode: category.code, gridCode: grid.code, priority },
      });
      const media = input.mediaIds ?? [];
      if (media.length && (await attachMedia(tx, media, actor.id, caseId)) !== media.length) {
        throw casesErrors.badMediaIds({ field: 'mediaIds' });
      }
      const payload: CaseEventPayload = {
        caseId,
        number,
        status: 'reported',
        priority,
        gridCode: grid.code,
        categoryCode: category.code,
        gridPath: grid.path,
        reporterId: actor.id,
        followerIds: [],
        level: null,
        assigneePath: null,
        assigneeOrg: null,
        dueAt: null,
        awaitingReportIn: [],
        contactSealed: input.withoutAccount ? sealedPhone : null,
      };
      await ctx.events.publish(tx, CASE_REPORTED, payload, { aggregate: caseAggregate(caseId), actorId: actor.id });
      return { caseId, number };
    })
    .catch(async (err) => {
      if (!(err instanceof DuplicateRetry) || !idempotencyKey) throw err;
      return { caseId: (await findIdempotent(ctx.db, reporterKey, idempotencyKey)) as number, number: null };
    });
  return { caseId: outcome.caseId, created: outcome.number !== null };
}

/** Two requests with one key raced; the loser rolls back and answers with the winner's case. */
class DuplicateRetry extends Error {}
