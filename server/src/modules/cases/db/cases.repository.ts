import { sql } from 'kysely';
import type { Queryable } from '../../../core/db.js';
import { all, anyOf, first, int, queryBuilder, run } from '../../../core/sql.js';
import type { CaseStatus, Level, Verifier } from '../domain/case-status.js';
import type { ClosingSummary, RootCause } from '../domain/closing-summary.js';
import type { Priority } from '../domain/priority.js';
import type { CasesTables } from './cases.tables.js';

/**
 * All SQL on cases_* tables: plain reads and writes through the typed builder, statements built on PostGIS or ltree
 * (a case's place and its scope) as raw SQL.
 */

const q = queryBuilder<CasesTables>();
const now = sql<Date>`now()`;

type R<T> = T & Record<string, unknown>;

export interface CategoryRecord {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  kind: 'component' | 'event' | 'community';
  defaultLevel: Level;
  defaultDepartment: string | null;
  /** A report's priority unless it carries its own. */
  defaultPriority: Priority;
  /** The limits of a normal case (domain/priority.ts gives the others): 立案 and 派遣 in hours, 办结 in working days. */
  respondHours: number;
  dispatchHours: number;
  handleWorkdays: number;
  needsVerification: boolean;
  active: boolean;
}

const CATEGORY_COLUMNS = [
  'code',
  'parent_code as parentCode',
  'name_zh as nameZh',
  'name_en as nameEn',
  'kind',
  'default_level as defaultLevel',
  'default_department as defaultDepartment',
  'default_priority as defaultPriority',
  'respond_hours as respondHours',
  'dispatch_hours as dispatchHours',
  'handle_workdays as handleWorkdays',
  'needs_verification as needsVerification',
  'active',
] as const;

export async function countCategories(db: Queryable): Promise<number> {
  const row = await first(
    db,
    q.selectFrom('cases_categories').select((eb) => int(eb.fn.countAll()).as('n')),
  );
  return row?.n ?? 0;
}

export async function insertCategory(db: Queryable, c: CategoryRecord): Promise<void> {
  await run(
    db,
    q.insertInto('cases_categories').values({
      code: c.code,
      parent_code: c.parentCode,
      name_zh: c.nameZh,
      name_en: c.nameEn,
      kind: c.kind,
      default_level: c.defaultLevel,
      default_department: c.defaultDepartment,
      default_priority: c.defaultPriority,
      respond_hours: c.respondHours,
      dispatch_hours: c.dispatchHours,
      handle_workdays: c.handleWorkdays,
      needs_verification: c.needsVerification,
      active: c.active,
    }),
  );
}

/** Changes what the patch gives (a null leaves a value as it is, except the department, which may be cleared). */
export async function updateCategory(
  db: Queryable,
  code: string,
  c: Partial<CategoryRecord>,
): Promise<CategoryRecord | undefined> {
  const set = {
    name_zh: c.nameZh ?? undefined,
    name_en: c.nameEn ?? undefined,
    default_level: c.defaultLevel ?? undefined,
    default_department: c.defaultDepartment,
    default_priority: c.defaultPriority ?? undefined,
    respond_hours: c.respondHours ?? undefined,
    dispatch_hours: c.dispatchHours ?? undefined,
    handle_workdays: c.handleWorkdays ?? undefined,
    needs_verification: c.needsVerification ?? undefined,
    active: c.active ?? undefined,
  };
  if (Object.values(set).every((v) => v === undefined)) return getCategory(db, code);
  return first(db, q.updateTable('cases_categories').set(set).where('code', '=', code).returning(CATEGORY_COLUMNS));
}

export async function getCategory(db: Queryable, code: string): Promise<CategoryRecord | undefined> {
  return first(db, q.selectFrom('cases_categories').select(CATEGORY_COLUMNS).where('code', '=', code));
}

export async function listCategories(db: Queryable): Promise<CategoryRecord[]> {
  return all(db, q.selectFrom('cases_categories').select(CATEGORY_COLUMNS).orderBy('code'));
}

/** A category with the time limits in force in one district: its own where it set them. */
export interface DistrictCategory extends CategoryRecord {
  /** Whether a limit here is the district's own rather than the deployment's. */
  ownLimits: boolean;
}

/** Every category (or one) with the time limits in force in the district ('' the deployment's). */
export async function categoriesIn(db: Queryable, districtPath: string, code?: string): Promise<DistrictCategory[]> {
  let query = q
    .selectFrom('cases_categories as k')
    .leftJoin('cases_category_limits as l', (j) =>
      j.onRef('l.category_code', '=', 'k.code').on('l.district_path', '=', districtPath),
    )
    .select([
      'k.code',
      'k.parent_code as parentCode',
      'k.name_zh as nameZh',
      'k.name_en as nameEn',
      'k.kind',
      'k.default_level as defaultLevel',
      'k.default_department as defaultDepartment',
      'k.default_priority as defaultPriority',
      sql<number>`coalesce(l.respond_hours, k.respond_hours)`.as('respondHours'),
      sql<number>`coalesce(l.dispatch_hours, k.dispatch_hours)`.as('dispatchHours'),
      sql<number>`coalesce(l.handle_workdays, k.handle_workdays)`.as('handleWorkdays'),
      'k.needs_verification as needsVerification',
      'k.active',
      sql<boolean>`l.category_code IS NOT NULL`.as('ownLimits'),
    ])
    .orderBy('k.code');
  if (code !== undefined) query = query.where('k.code', '=', code);
  return all(db, query);
}

/** A district's own time limits for a category; a limit not given keeps what the district had (or the deployment's). */
export async function setDistrictLimits(
  db: Queryable,
  code: string,
  districtPath: string,
  limits: { respondHours?: number; dispatchHours?: number; handleWorkdays?: number },
  by: number,
): Promise<void> {
  await run(
    db,
    q
      .insertInto('cases_category_limits')
      .values({
        category_code: code,
        district_path: districtPath,
        respond_hours: limits.respondHours ?? null,
        dispatch_hours: limits.dispatchHours ?? null,
        handle_workdays: limits.handleWorkdays ?? null,
        updated_by: by,
      })
      .onConflict((oc) =>
        oc.columns(['category_code', 'district_path']).doUpdateSet({
          respond_hours: limits.respondHours ?? sql`cases_category_limits.respond_hours`,
          dispatch_hours: limits.dispatchHours ?? sql`cases_category_limits.dispatch_hours`,
          handle_workdays: limits.handleWorkdays ?? sql`cases_category_limits.handle_workdays`,
          updated_by: by,
          updated_at: now,
        }),
      ),
  );
}

export interface CaseRecord {
  id: number;
  number: string;
  source: string;
  categoryCode: string;
  status: CaseStatus;
  priority: Priority;
  description: string;
  address: string;
  lng: number;
  lat: number;
  gridCode: string;
  gridPath: string;
  reporterId: number | null;
  reporterName: string | null;
  reporterPhoneEnc: string | null;
  anonymous: boolean;
  level: Level | null;
  assigneePath: string | null;
  assigneeOrg: string | null;
  statusBeforeSuspension: CaseStatus | null;
  mergedInto: number | null;
  reportedAt: Date;
  acceptedAt: Date | null;
  respondDueAt: Date | null;
  /** 派遣 is due by then once the case is accepted. */
  dispatchDueAt: Date | null;
  dueAt: Date | null;
  /** The deadline crosses a year whose holiday arrangement is not loaded: counted on weekdays, an estimate. */
  dueEstimated: boolean;
  dispatchedAt: Date | null;
  handledAt: Date | null;
  /** Whoever handled it last: they may not verify it. */
  handledBy: number | null;
  /** Who verifies in the case's district (cases_district_settings). */
  verifier: Verifier;
  closedAt: Date | null;
  extensionRequestedDays: number | null;
  extended: boolean;
  reworkCount: number;
  reopened: boolean;
  rating: string | null;
  ratingComment: string | null;
  followupDueAt: Date | null;
  escalatedAt: Date | null;
  escalationCount: number;
  version: number;
  /** Departments whistled onto the case, over all its whistles. */
  whistleOrgs: WhistleOrg[];
  supervised: boolean;
  /** Why the case is on the supervision board (the reason it was first put there), null when it is not. */
  supervisionReason: SupervisionReason | null;
  /** Residents who met the same problem and follow this case instead of reporting it again. */
  followerIds: number[];
  /** Staff opened the description and photos to followers (never the reporter). */
  public: boolean;
  /** 处置总结, given when the case was last closed. */
  summary: ClosingSummary | null;
}

export interface WhistleOrg {
  org: string;
  role: 'lead' | 'helper';
  reportedInAt: string | null;
  partDoneAt: string | null;
  reportInDueAt: string;
  /** When the department was found not to have reported in by its deadline and the case went to supervision. */
  escalatedAt: string | null;
}

export type SupervisionReason = 'overdue' | 'manual' | 'report_in_overdue';

const CASE_COLUMNS = `c.id::int AS id, c.number, c.source, c.category_code AS "categoryCode", c.status, c.priority, c.description,
  c.address, ST_X(c.location) AS lng, ST_Y(c.location) AS lat, c.grid_code AS "gridCode", c.grid_path::text AS "gridPath",
  c.reporter_id::int AS "reporterId", c.reporter_name AS "reporterName", c.reporter_phone_enc AS "reporterPhoneEnc",
  c.anonymous, c.level, c.assignee_path::text AS "assigneePath", c.assignee_org AS "assigneeOrg",
  c.status_before_suspension AS "statusBeforeSuspension", c.merged_into::int AS "mergedInto",
  c.reported_at AS "reportedAt", c.accepted_at AS "acceptedAt", c.respond_due_at AS "respondDueAt",
  c.dispatch_due_at AS "dispatchDueAt", c.due_at AS "dueAt",
  c.due_estimated AS "dueEstimated", c.dispatched_at AS "dispatchedAt", c.handled_at AS "handledAt", c.closed_at AS "closedAt",
  c.handled_by::int AS "handledBy",
  coalesce((SELECT ds.verifier FROM cases_district_settings ds WHERE ds.district_code = left(c.grid_code, 6)),
    'grid_or_community') AS verifier,
  c.extension_requested_days AS "extensionRequestedDays", c.extended, c.rework_count AS "reworkCount", c.reopened,
  c.rating, c.rating_comment AS "ratingComment", c.followup_due_at AS "followupDueAt",
  c.escalated_at AS "escalatedAt", c.escalation_count AS "escalationCount", c.version, c.public,
  CASE WHEN c.summary_root_cause IS NULL THEN NULL ELSE json_build_object('measures', c.summary_measures,
    'rootCause', c.summary_root_cause, 'rootCauseNote', c.summary_root_cause_note, 'mayRecur', c.summary_may_recur)
  END AS summary,
  (SELECT coalesce(json_agg(json_build_object('org', wo.org_code, 'role', wo.role, 'reportedInAt', wo.reported_in_at,
     'partDoneAt', wo.part_done_at, 'reportInDueAt', w.report_in_due_at, 'escalatedAt', wo.escalated_at) ORDER BY w.id, wo.role, wo.org_code), '[]'::json)
   FROM cases_whistles w JOIN cases_whistle_orgs wo ON wo.whistle_id = w.id WHERE w.case_id = c.id) AS "whistleOrgs",
  EXISTS (SELECT 1 FROM cases_supervision s WHERE s.case_id = c.id AND s.closed_at IS NULL) AS supervised,
  (SELECT s.reason FROM cases_supervision s WHERE s.case_id = c.id AND s.closed_at IS NULL) AS "supervisionReason",
  (SELECT coalesce(array_agg(f.user_id::int ORDER BY f.user_id), '{}') FROM cases_followers f WHERE f.case_id = c.id)
    AS "followerIds"`;

export interface NewCase {
  number: string;
  source: string;
  categoryCode: string;
  description: string;
  address: string;
  lng: number;
  lat: number;
  gridCode: string;
  gridPath: string;
  reporterId: number | null;
  reporterName: string | null;
  reporterPhoneEnc: string | null;
  anonymous: boolean;
  priority: Priority;
  /** 立案 is due this long after the report: the category's limit in the district, for the case's priority. */
  respondMinutes: number;
}

export async function nextCaseSequence(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT nextval('cases_number_seq')::float8 AS n`);
  return row?.n ?? 0;
}

export async function insertCase(db: Queryable, c: NewCase): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO cases_cases (number, source, category_code, status, description, address, location, grid_code,
       grid_path, reporter_id, reporter_name, reporter_phone_enc, anonymous, priority, respond_due_at)
     VALUES ($1, $2, $3, 'reported', $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326), $8, $9::ltree, $10, $11, $12, $13,
       $14, now() + make_interval(mins => $15::int))
     RETURNING id::int AS id`,
    [
      c.number,
      c.source,
      c.categoryCode,
      c.description,
      c.address,
      c.lng,
      c.lat,
      c.gridCode,
      c.gridPath,
      c.reporterId,
      c.reporterName,
      c.reporterPhoneEnc,
      c.anonymous,
      c.priority,
      c.respondMinutes,
    ],
  );
  return row?.id as number;
}

export async function findIdempotent(db: Queryable, reporterKey: string, key: string): Promise<number | undefined> {
  const row = await first(
    db,
    q
      .selectFrom('cases_idempotency')
      .select((eb) => int(eb.ref('case_id')).as('id'))
      .where('reporter_key', '=', reporterKey)
      .where('idempotency_key', '=', key),
  );
  return row?.id;
}

/** false when another request with the same key got there first (the caller then returns that case). */
export async function claimIdempotency(db: Queryable, reporterKey: string, key: string, caseId: number) {
  const rows = await all(
    db,
    q
      .insertInto('cases_idempotency')
      .values({ reporter_key: reporterKey, idempotency_key: key, case_id: caseId })
      .onConflict((oc) => oc.doNothing())
      .returning('case_id'),
  );
  return rows.length === 1;
}

export async function getCase(
  db: Queryable,
  id: number,
  opts: { lock?: boolean } = {},
): Promise<CaseRecord | undefined> {
  const [row] = await db.query<R<CaseRecord>>(
    `SELECT ${CASE_COLUMNS} FROM cases_cases c WHERE c.id = $1${opts.lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row;
}

export interface CasePatch {
  status?: CaseStatus;
  level?: Level | null;
  assigneePath?: string | null;
  assigneeOrg?: string | null;
  statusBeforeSuspension?: CaseStatus | null;
  mergedInto?: number | null;
  priority?: Priority;
  acceptedAt?: Date;
  respondDueAt?: Date;
  dispatchDueAt?: Date;
  dueAt?: Date;
  dueEstimated?: boolean;
  dispatchedAt?: Date;
  handledAt?: Date | null;
  handledBy?: number | null;
  closedAt?: Date | null;
  extensionRequestedDays?: number | null;
  extended?: boolean;
  reworkCount?: number;
  reopened?: boolean;
  rating?: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
  ratingComment?: string | null;
  followupDueAt?: Date;
  escalatedAt?: Date;
  escalationCount?: number;
  summary?: ClosingSummary;
}

/** Compare-and-set on the version: of two concurrent actions on one case only the first applies. */
export async function updateCase(db: Queryable, id: number, version: number, patch: CasePatch): Promise<boolean> {
  // a field the patch leaves out is undefined, and the builder leaves its column out of the SET
  const rows = await all(
    db,
    q
      .updateTable('cases_cases')
      .set((eb) => ({
        status: patch.status,
        priority: patch.priority,
        level: patch.level,
        assignee_path: patch.assigneePath,
        assignee_org: patch.assigneeOrg,
        status_before_suspension: patch.statusBeforeSuspension,
        merged_into: patch.mergedInto,
        accepted_at: patch.acceptedAt,
        respond_due_at: patch.respondDueAt,
        dispatch_due_at: patch.dispatchDueAt,
        due_at: patch.dueAt,
        due_estimated: patch.dueEstimated,
        dispatched_at: patch.dispatchedAt,
        handled_at: patch.handledAt,
        handled_by: patch.handledBy,
        closed_at: patch.closedAt,
        extension_requested_days: patch.extensionRequestedDays,
        extended: patch.extended,
        rework_count: patch.reworkCount,
        reopened: patch.reopened,
        rating: patch.rating,
        rating_comment: patch.ratingComment,
        followup_due_at: patch.followupDueAt,
        escalated_at: patch.escalatedAt,
        escalation_count: patch.escalationCount,
        summary_measures: patch.summary?.measures,
        summary_root_cause: patch.summary?.rootCause,
        summary_root_cause_note: patch.summary?.rootCauseNote,
        summary_may_recur: patch.summary?.mayRecur,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', version)
      .returning('id'),
  );
  return rows.length === 1;
}

export interface TimelineEntry {
  caseId: number;
  actorId: number | null;
  actorName: string;
  actorRole: string;
  action: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  note: string;
  detail: Record<string, unknown>;
}

export async function insertTimeline(db: Queryable, e: TimelineEntry): Promise<void> {
  await run(
    db,
    q.insertInto('cases_timeline').values({
      case_id: e.caseId,
      actor_id: e.actorId,
      actor_name: e.actorName,
      actor_role: e.actorRole,
      action: e.action,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      note: e.note,
      detail: JSON.stringify(e.detail),
    }),
  );
}

export interface RatingEntry {
  caseId: number;
  rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
  resolved: boolean;
  comment: string | null;
  ratedBy: number;
  ratedByKind: 'resident' | 'operator';
  ratedAt: Date;
}

/** One return visit: a row per rating, so a later rating never replaces an earlier one in the figures. */
export async function insertRating(db: Queryable, r: RatingEntry): Promise<void> {
  await run(
    db,
    q.insertInto('cases_ratings').values({
      case_id: r.caseId,
      rating: r.rating,
      resolved: r.resolved,
      comment: r.comment,
      rated_by: r.ratedBy,
      rated_by_kind: r.ratedByKind,
      rated_at: r.ratedAt,
    }),
  );
}

export async function listTimeline(db: Queryable, caseId: number) {
  return all(
    db,
    q
      .selectFrom('cases_timeline')
      .select((eb) => [
        int(eb.ref('id')).as('id'),
        'at',
        int(eb.ref('actor_id')).as('actorId'),
        'actor_name as actorName',
        'actor_role as actorRole',
        'action',
        'from_status as fromStatus',
        'to_status as toStatus',
        'note',
        'detail',
      ])
      .where('case_id', '=', caseId)
      .orderBy('id')
      // statuses are text in the table and the state machine's names here; detail is the object insertTimeline wrote
      .$narrowType<{ fromStatus: CaseStatus | null; toStatus: CaseStatus; detail: Record<string, unknown> }>(),
  );
}

export interface CaseFilter {
  scope: string;
  statuses?: string[];
  reporterId?: number;
  /** An assignee's inbox: cases at these levels inside the scope, or assigned to this org. */
  assignee?: { levels: string[]; org: string | null };
  overdue?: boolean;
  supervised?: boolean;
  /** Cases this org has been whistled onto and has not reported in to yet. */
  awaitingReportIn?: string;
  categoryCode?: string;
  limit: number;
  offset: number;
}

/** The deadline of the step a case waits for: 立案 while reported, 派遣 once accepted, 办结 after. */
const NEXT_DUE = `(CASE c.status WHEN 'reported' THEN c.respond_due_at WHEN 'accepted' THEN coalesce(c.dispatch_due_at, c.due_at)
  ELSE c.due_at END)`;

/**
 * Urgent first, then important, then normal; within each the nearest deadline, then the newest. Written as the
 * inbox index (migration 0013) is, so the planner can read the index in order.
 */
const INBOX_ORDER = `(CASE c.priority WHEN 'urgent' THEN 0 WHEN 'important' THEN 1 ELSE 2 END),
  (CASE c.status WHEN 'reported' THEN c.respond_due_at WHEN 'accepted' THEN c.dispatch_due_at ELSE c.due_at END),
  c.reported_at DESC, c.id DESC`;

/** Counting stops here: an inbox says "10,000+" rather than scanning a million rows for an exact figure. */
export const COUNT_CAP = 10_000;

export async function listCases(db: Queryable, f: CaseFilter): Promise<{ items: CaseRecord[]; total: number }> {
  // only the filters in use go into the text, so the planner can pick the index that fits them
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (f.reporterId !== undefined) {
    const me = p(f.reporterId);
    where.push(
      `(c.reporter_id = ${me} OR EXISTS (SELECT 1 FROM cases_followers f WHERE f.case_id = c.id AND f.user_id = ${me}))`,
    );
  } else if (f.scope !== '') where.push(`c.grid_path <@ ${p(f.scope)}::ltree`);
  if (f.statuses?.length === 1) where.push(`c.status = ${p(f.statuses[0])}`);
  else if (f.statuses) where.push(`c.status = ANY(${p(f.statuses)}::text[])`);
  if (f.assignee) {
    where.push(`((c.level = ANY(${p(f.assignee.levels)}::text[]) AND c.assignee_path <@ ${p(f.scope)}::ltree)
      OR (c.assignee_org IS NOT NULL AND c.assignee_org = ${p(f.assignee.org)}::text))`);
  }
  if (f.overdue) where.push(`${NEXT_DUE} < now() AND c.closed_at IS NULL`);
  if (f.supervised)
    where.push('EXISTS (SELECT 1 FROM cases_supervision s WHERE s.case_id = c.id AND s.closed_at IS NULL)');
  if (f.categoryCode) where.push(`c.category_code = ${p(f.categoryCode)}`);
  if (f.awaitingReportIn) {
    where.push(`EXISTS (SELECT 1 FROM cases_whistles w JOIN cases_whistle_orgs wo ON wo.whistle_id = w.id
      WHERE w.case_id = c.id AND wo.org_code = ${p(f.awaitingReportIn)} AND wo.reported_in_at IS NULL)`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const filterParams = [...params];
  const items = await db.query<R<CaseRecord>>(
    `SELECT ${CASE_COLUMNS} FROM cases_cases c ${clause} ORDER BY ${INBOX_ORDER} LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`,
    params,
  );
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases_cases c ${clause} LIMIT ${COUNT_CAP + 1}) capped`,
    filterParams,
  );
  return { items, total: count?.n ?? 0 };
}

/**
 * Open cases of a category near a point, for "is it one of these?" while reporting: what the problem is and where,
 * never what the reporter wrote. The distance is rounded to 50 m so that asking from three points does not pin the
 * reporter's doorstep.
 */
export async function nearbyOpenCases(db: Queryable, categoryCode: string, lng: number, lat: number, metres: number) {
  return db.query<{ id: number; categoryCode: string; status: CaseStatus; gridPath: string; distance: number }>(
    `SELECT c.id::int AS id, c.category_code AS "categoryCode", c.status, c.grid_path::text AS "gridPath",
       greatest(50, round(ST_Distance(c.location::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) / 50)
         * 50)::int AS distance
     FROM cases_cases c
     WHERE c.category_code = $1 AND c.closed_at IS NULL AND c.status NOT IN ('rejected', 'merged', 'rated')
       AND ST_DWithin(c.location::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography, $4)
     ORDER BY distance LIMIT 5`,
    [categoryCode, lng, lat, metres],
  );
}

/** How many cases in these statuses lie under each path, in the order the paths are given. */
export async function countCasesUnder(db: Queryable, paths: string[], statuses: readonly string[]): Promise<number[]> {
  const rows = await db.query<{ n: number }>(
    `SELECT (SELECT count(*)::int FROM cases_cases c WHERE c.grid_path <@ a.path::ltree AND c.status = ANY($2::text[])) AS n
     FROM unnest($1::text[]) WITH ORDINALITY AS a(path, i) ORDER BY a.i`,
    [paths, statuses],
  );
  return rows.map((r) => r.n);
}

export async function insertWhistle(
  db: Queryable,
  w: {
    caseId: number;
    calledBy: number;
    reportInDueAt: Date;
    note: string;
    orgs: { org: string; role: 'lead' | 'helper' }[];
  },
): Promise<number> {
  const row = await first(
    db,
    q
      .insertInto('cases_whistles')
      .values({ case_id: w.caseId, called_by: w.calledBy, report_in_due_at: w.reportInDueAt, note: w.note })
      .returning((eb) => int(eb.ref('id')).as('id')),
  );
  const id = row?.id as number;
  if (w.orgs.length) {
    await run(
      db,
      q.insertInto('cases_whistle_orgs').values(w.orgs.map((o) => ({ whistle_id: id, org_code: o.org, role: o.role }))),
    );
  }
  return id;
}

export async function markReportedIn(db: Queryable, caseId: number, org: string, by: number, at: Date): Promise<void> {
  await run(
    db,
    q
      .updateTable('cases_whistle_orgs as wo')
      .from('cases_whistles as w')
      .set({ reported_in_at: at, reported_in_by: by })
      .whereRef('w.id', '=', 'wo.whistle_id')
      .where('w.case_id', '=', caseId)
      .where('wo.org_code', '=', org)
      .where('wo.reported_in_at', 'is', null),
  );
}

export async function markPartDone(db: Queryable, caseId: number, org: string, note: string): Promise<void> {
  await run(
    db,
    q
      .updateTable('cases_whistle_orgs as wo')
      .from('cases_whistles as w')
      .set({ part_done_at: now, part_note: note })
      .whereRef('w.id', '=', 'wo.whistle_id')
      .where('w.case_id', '=', caseId)
      .where('wo.org_code', '=', org)
      .where('wo.part_done_at', 'is', null),
  );
}

/** Opens the supervision of a case unless one is already open; returns its id either way. */
export async function openSupervision(db: Queryable, caseId: number, reason: SupervisionReason, by: number | null) {
  await run(
    db,
    q
      .insertInto('cases_supervision')
      .values({ case_id: caseId, reason, opened_by: by })
      .onConflict((oc) => oc.column('case_id').where('closed_at', 'is', null).doNothing()),
  );
  const row = await first(
    db,
    q
      .selectFrom('cases_supervision')
      .select((eb) => int(eb.ref('id')).as('id'))
      .where('case_id', '=', caseId)
      .where('closed_at', 'is', null),
  );
  return row?.id as number;
}

export async function addSupervisionNote(
  db: Queryable,
  supervisionId: number,
  author: { id: number | null; name: string },
  note: string,
) {
  await run(
    db,
    q
      .insertInto('cases_supervision_notes')
      .values({ supervision_id: supervisionId, author_id: author.id, author_name: author.name, note }),
  );
}

export async function closeSupervision(db: Queryable, caseId: number): Promise<void> {
  await run(
    db,
    q
      .updateTable('cases_supervision')
      .set({ closed_at: now })
      .where('case_id', '=', caseId)
      .where('closed_at', 'is', null),
  );
}

export async function listSupervisionNotes(db: Queryable, caseId: number) {
  return all(
    db,
    q
      .selectFrom('cases_supervision_notes as n')
      .innerJoin('cases_supervision as s', 's.id', 'n.supervision_id')
      .select(['n.at', 'n.author_name as authorName', 'n.note', 's.reason'])
      .where('s.case_id', '=', caseId)
      .orderBy('n.id'),
  );
}

/** Open, assigned and past their deadline: the candidates for escalation. */
export async function overdueCases(db: Queryable, now: Date): Promise<CaseRecord[]> {
  return db.query<R<CaseRecord>>(
    `SELECT ${CASE_COLUMNS} FROM cases_cases c
     WHERE c.closed_at IS NULL AND c.status IN ('reported', 'accepted', 'dispatched', 'in_progress', 'returned')
       AND ${NEXT_DUE} < $1
     ORDER BY ${NEXT_DUE} LIMIT 1000`,
    [now],
  );
}

/** A whistled department still to report in after its deadline, and not yet put to supervision for it. */
export interface MissedReportIn {
  caseId: number;
  whistleId: number;
  org: string;
  reportInDueAt: Date;
  calledBy: number;
}

/**
 * Departments past their report-in deadline on a case still being worked (report-in is possible only while it is
 * dispatched or in progress), oldest deadline first.
 */
export async function missedReportIns(db: Queryable, now: Date): Promise<MissedReportIn[]> {
  return db.query<R<MissedReportIn>>(
    `SELECT w.case_id::int AS "caseId", w.id::int AS "whistleId", wo.org_code AS org,
       w.report_in_due_at AS "reportInDueAt", w.called_by::int AS "calledBy"
     FROM cases_whistle_orgs wo
     JOIN cases_whistles w ON w.id = wo.whistle_id
     JOIN cases_cases c ON c.id = w.case_id
     WHERE wo.reported_in_at IS NULL AND wo.escalated_at IS NULL AND w.report_in_due_at < $1
       AND c.status IN ('dispatched', 'in_progress')
     ORDER BY w.report_in_due_at, w.id, wo.org_code LIMIT 1000`,
    [now],
  );
}

/**
 * Marks a department late on one whistle; false when it reported in or another instance marked it first, so the
 * caller writes the timeline and tells people only once.
 */
export async function markReportInEscalated(db: Queryable, m: MissedReportIn, at: Date): Promise<boolean> {
  const rows = await all(
    db,
    q
      .updateTable('cases_whistle_orgs')
      .set({ escalated_at: at })
      .where('whistle_id', '=', m.whistleId)
      .where('org_code', '=', m.org)
      .where('reported_in_at', 'is', null)
      .where('escalated_at', 'is', null)
      .returning('org_code'),
  );
  return rows.length === 1;
}

export interface KpiFilter {
  scope: string;
  from: Date;
  to: Date;
  categoryCode?: string;
  orgCode?: string;
}

export type KpiCounts = {
  received: number;
  accepted: number;
  dispatched: number;
  responseDue: number;
  responded: number;
  due: number;
  closed: number;
  closedOnTime: number;
  reworked: number;
  extended: number;
  closedInPeriod: number;
  returnVisits: number;
  resolved: number;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
};

const EMPTY_COUNTS: Readonly<KpiCounts> = {
  received: 0,
  accepted: 0,
  dispatched: 0,
  responseDue: 0,
  responded: 0,
  due: 0,
  closed: 0,
  closedOnTime: 0,
  reworked: 0,
  extended: 0,
  closedInPeriod: 0,
  returnVisits: 0,
  resolved: 0,
  rated: 0,
  satisfied: 0,
  basicallySatisfied: 0,
};

/** A fresh set of zero counts, for an area or a department where no case matched. */
export const emptyKpiCounts = (): KpiCounts => ({ ...EMPTY_COUNTS });

/**
 * How the counts are split, all at once: into the pieces of the period that start at the given instants (the first
 * is the period's start), by the area one level down (its path's depth; none when there is no level below), and by
 * the department holding the case.
 */
export interface KpiSplit {
  starts: Date[];
  areaDepth: number | null;
}

export interface KpiGroupCounts {
  counts: KpiCounts;
  spans: [Date, Date][];
}

/** The counts of each piece of the period (by its number, from 1), each area (by path) and each department. */
export interface KpiSplitCounts {
  pieces: Map<string, KpiGroupCounts>;
  areas: Map<string, KpiGroupCounts>;
  departments: Map<string, KpiGroupCounts>;
}

const FINISHED_SQL = `c.status IN ('closed', 'rated')`;

// GROUPING(piece, area, department) for the grouping set each row comes from: a bit for every key left out
const SETS = { 3: 'pieces', 5: 'areas', 6: 'departments' } as const;

/**
 * Every count behind the KPI formulas over the cases of the scope, split three ways in one pass. A case counts where
 * its own date falls in the period — reported (received, response), due (closure), closed (handling time) — each of
 * those dates a row of its own; each rating counts where it was given, so every return visit counts, the ones before
 * a reopen too.
 */
export async function kpiCounts(db: Queryable, f: KpiFilter, now: Date, split: KpiSplit): Promise<KpiSplitCounts> {
  const where = `c.grid_path <@ $1::ltree AND ($4::text IS NULL OR c.category_code = $4::text)
    AND ($5::text IS NULL OR c.assignee_org = $5::text OR EXISTS (SELECT 1 FROM cases_whistles w
      JOIN cases_whistle_orgs wo ON wo.whistle_id = w.id WHERE w.case_id = c.id AND wo.org_code = $5::text))`;
  const params = [
    f.scope,
    f.from,
    f.to,
    f.categoryCode ?? null,
    f.orgCode ?? null,
    split.starts.map((d) => d.toISOString()),
  ];
  const inPeriod = (col: string) => `${col} >= $2 AND ${col} < $3`;
  // 1 for the first piece of the period, 2 for the second …
  const piece = (at: string) => `width_bucket(${at}, $6::timestamptz[])::text`;
  const area = split.areaDepth === null ? `''` : `subpath(c.grid_path, 0, ${Math.trunc(split.areaDepth)})::text`;
  const keys = (at: string) => `${piece(at)} AS piece, ${area} AS area, c.assignee_org AS department,
    GROUPING(${piece(at)}, ${area}, c.assignee_org) AS set`;
  const sets = (at: string) => `GROUP BY GROUPING SETS ((${piece(at)}), (${area}), (c.assignee_org))`;
  // a case is due a response once accepted, or once its limit has run out without a response; a report rejected
  // or merged as a duplicate was answered otherwise and is not
  // the 12345 response limit is the category's response hours whatever the case's priority (a case's own
  // respond_due_at is shorter when it is urgent or important), so the rate means what it always meant
  const respondBy = `c.reported_at + coalesce(l.respond_hours, k.respond_hours) * interval '1 hour'`;
  const responseDue = `(c.accepted_at IS NOT NULL OR (c.status NOT IN ('rejected', 'merged') AND ${respondBy} <= $7))`;
  type Keys = { piece: string | null; area: string | null; department: string | null; set: number };
  const rows = await db.query<R<KpiCounts & Keys>>(
    `SELECT ${keys('d.at')},
       count(*) FILTER (WHERE d.kind = 'reported')::int AS received,
       count(*) FILTER (WHERE d.kind = 'reported' AND c.accepted_at IS NOT NULL)::int AS accepted,
       count(*) FILTER (WHERE d.kind = 'reported' AND c.accepted_at IS NOT NULL AND c.dispatched_at IS NOT NULL)::int AS dispatched,
       count(*) FILTER (WHERE d.kind = 'reported' AND ${responseDue})::int AS "responseDue",
       count(*) FILTER (WHERE d.kind = 'reported' AND c.accepted_at <= ${respondBy})::int AS responded,
       count(*) FILTER (WHERE d.kind = 'due')::int AS due,
       count(*) FILTER (WHERE d.kind = 'due' AND ${FINISHED_SQL})::int AS closed,
       count(*) FILTER (WHERE d.kind = 'due' AND ${FINISHED_SQL} AND c.closed_at <= c.due_at)::int AS "closedOnTime",
       count(*) FILTER (WHERE d.kind = 'due' AND c.rework_count > 0)::int AS reworked,
       count(*) FILTER (WHERE d.kind = 'due' AND c.extended)::int AS extended,
       count(*) FILTER (WHERE d.kind = 'closed' AND ${FINISHED_SQL})::int AS "closedInPeriod"
     FROM cases_cases c JOIN cases_categories k ON k.code = c.category_code
     LEFT JOIN cases_category_limits l ON l.category_code = c.category_code AND c.grid_path <@ l.district_path
     CROSS JOIN LATERAL (VALUES ('reported', c.reported_at), ('due', c.due_at), ('closed', c.closed_at)) d (kind, at)
     WHERE ${where} AND ${inPeriod('d.at')} ${sets('d.at')}`,
    [...params, now],
  );
  const ratings = await db.query<
    R<Pick<KpiCounts, 'returnVisits' | 'resolved' | 'rated' | 'satisfied' | 'basicallySatisfied'> & Keys>
  >(
    `SELECT ${keys('r.rated_at')},
       count(*) FILTER (WHERE r.resolved IS NOT NULL)::int AS "returnVisits",
       count(*) FILTER (WHERE r.resolved)::int AS resolved,
       count(*)::int AS rated,
       count(*) FILTER (WHERE r.rating = 'satisfied')::int AS satisfied,
       count(*) FILTER (WHERE r.rating = 'basically_satisfied')::int AS "basicallySatisfied"
     FROM cases_ratings r JOIN cases_cases c ON c.id = r.case_id
     WHERE ${where} AND ${inPeriod('r.rated_at')} ${sets('r.rated_at')}`,
    params,
  );
  const spans = await db.query<Omit<Keys, 'set'> & { a: Date; b: Date }>(
    `SELECT ${piece('c.closed_at')} AS piece, ${area} AS area, c.assignee_org AS department,
       c.accepted_at AS a, c.closed_at AS b FROM cases_cases c
     WHERE ${where} AND ${inPeriod('c.closed_at')} AND ${FINISHED_SQL} AND c.accepted_at IS NOT NULL`,
    params,
  );
  const out: KpiSplitCounts = { pieces: new Map(), areas: new Map(), departments: new Map() };
  const entry = (map: Map<string, KpiGroupCounts>, k: string | null) => {
    const found = map.get(k ?? '');
    if (found) return found;
    const made = { counts: emptyKpiCounts(), spans: [] };
    map.set(k ?? '', made);
    return made;
  };
  const keyOf = { pieces: 'piece', areas: 'area', departments: 'department' } as const;
  for (const { piece: p, area: a, department: o, set, ...counts } of [...rows, ...ratings]) {
    const which = SETS[Number(set) as keyof typeof SETS];
    Object.assign(entry(out[which], { piece: p, area: a, department: o }[keyOf[which]]).counts, counts);
  }
  for (const s of spans) {
    const span: [Date, Date] = [new Date(s.a), new Date(s.b)];
    entry(out.pieces, s.piece).spans.push(span);
    entry(out.areas, s.area).spans.push(span);
    entry(out.departments, s.department).spans.push(span);
  }
  return out;
}

export interface MediaRecord {
  id: number;
  kind: 'photo' | 'voice';
  mime: string;
  bytes: number;
  fileKey: string;
  thumbKey: string | null;
  width: number | null;
  height: number | null;
  uploadedBy: number;
  caseId: number | null;
}

export async function insertMedia(db: Queryable, m: Omit<MediaRecord, 'id' | 'caseId'>): Promise<number> {
  const row = await first(
    db,
    q
      .insertInto('cases_media')
      .values({
        kind: m.kind,
        mime: m.mime,
        bytes: m.bytes,
        file_key: m.fileKey,
        thumb_key: m.thumbKey,
        width: m.width,
        height: m.height,
        uploaded_by: m.uploadedBy,
      })
      .returning((eb) => int(eb.ref('id')).as('id')),
  );
  return row?.id as number;
}

export async function getMedia(db: Queryable, id: number): Promise<MediaRecord | undefined> {
  return first(
    db,
    q
      .selectFrom('cases_media')
      .select((eb) => [
        int(eb.ref('id')).as('id'),
        'kind',
        'mime',
        'bytes',
        'file_key as fileKey',
        'thumb_key as thumbKey',
        'width',
        'height',
        int(eb.ref('uploaded_by')).as('uploadedBy'),
        int(eb.ref('case_id')).as('caseId'),
      ])
      .where('id', '=', id),
  );
}

/**
 * Attaches the uploader's own unattached media to a case (and the timeline row of the action that brought them);
 * returns how many were attached, so the caller can refuse ids that are not theirs or already used.
 */
export async function attachMedia(db: Queryable, ids: number[], uploader: number, caseId: number): Promise<number> {
  const rows = await all(
    db,
    q
      .updateTable('cases_media')
      .set((eb) => ({
        case_id: caseId,
        timeline_id: eb
          .selectFrom('cases_timeline')
          .select((t) => t.fn.max('id').as('id'))
          .where('case_id', '=', caseId),
      }))
      .where('id', '=', anyOf(ids, 'bigint'))
      .where('uploaded_by', '=', uploader)
      .where('case_id', 'is', null)
      .returning('id'),
  );
  return rows.length;
}

export async function listCaseMedia(db: Queryable, caseId: number) {
  return all(
    db,
    q
      .selectFrom('cases_media')
      .select((eb) => [int(eb.ref('id')).as('id'), 'kind', 'mime', int(eb.ref('timeline_id')).as('timelineId')])
      .where('case_id', '=', caseId)
      .orderBy('id'),
  );
}

export interface ExchangeFilter {
  scope: string;
  numbers?: string[];
  caseIds?: number[];
  categoryCodes?: string[];
  from: Date;
  to: Date;
  open?: boolean;
  limit: number;
  /** Only the cases this person reported: a resident reading back their own requests. */
  reporterId?: number;
}

/** Cases as another system sees them: by number, category, period and open/closed, with their latest note. */
export async function listForExchange(db: Queryable, f: ExchangeFilter) {
  return db.query<
    R<CaseRecord & { categoryNameZh: string; lastNote: string | null; updatedAt: Date; mediaIds: number[] }>
  >(
    `SELECT ${CASE_COLUMNS}, k.name_zh AS "categoryNameZh",
       (SELECT t.note FROM cases_timeline t WHERE t.case_id = c.id AND t.note <> '' AND t.action <> 'report'
         ORDER BY t.id DESC LIMIT 1) AS "lastNote",
       (SELECT max(t.at) FROM cases_timeline t WHERE t.case_id = c.id) AS "updatedAt",
       (SELECT coalesce(array_agg(m.id::int ORDER BY m.id), '{}') FROM cases_media m WHERE m.case_id = c.id AND m.kind = 'photo') AS "mediaIds"
     FROM cases_cases c JOIN cases_categories k ON k.code = c.category_code
     WHERE c.grid_path <@ $1::ltree
       AND ($2::text[] IS NULL OR c.number = ANY($2::text[]))
       AND ($3::text[] IS NULL OR c.category_code = ANY($3::text[]))
       AND c.reported_at >= $4 AND c.reported_at < $5
       AND ($6::boolean IS NULL OR (c.closed_at IS NULL AND c.status NOT IN ('rejected', 'merged')) = $6::boolean)
       AND ($8::bigint[] IS NULL OR c.id = ANY($8::bigint[]))
       AND ($9::bigint IS NULL OR c.reporter_id = $9)
     ORDER BY c.reported_at DESC LIMIT $7`,
    [
      f.scope,
      f.numbers ?? null,
      f.categoryCodes ?? null,
      f.from,
      f.to,
      f.open ?? null,
      f.limit,
      f.caseIds ?? null,
      f.reporterId ?? null,
    ],
  );
}

/**
 * 问题溯源: reports of one kind that keep coming from one place. DBSCAN clusters the points of the period
 * (within `metres` of each other, at least `minPoints` together); the recurring list counts by grid and category.
 */
export async function hotspots(
  db: Queryable,
  f: { scope: string; from: Date; to: Date; categoryCode?: string; metres: number; minPoints: number },
) {
  return db.query<{
    categoryCode: string;
    count: number;
    center: [number, number];
    gridCodes: string[];
    numbers: string[];
  }>(
    `WITH pts AS (
       SELECT c.number, c.category_code, c.grid_code, c.location,
         ST_ClusterDBSCAN(ST_Transform(c.location, 3857), eps := $5::float8, minpoints := $6::int)
           OVER (PARTITION BY c.category_code) AS cluster
       FROM cases_cases c
       WHERE c.grid_path <@ $1::ltree AND c.reported_at >= $2 AND c.reported_at < $3
         AND ($4::text IS NULL OR c.category_code = $4::text) AND c.status NOT IN ('rejected', 'merged'))
     SELECT category_code AS "categoryCode", count(*)::int AS count,
       json_build_array(ST_X(ST_Centroid(ST_Collect(location))), ST_Y(ST_Centroid(ST_Collect(location)))) AS center,
       array_agg(DISTINCT grid_code) AS "gridCodes", (array_agg(number ORDER BY number DESC))[1:10] AS numbers
     FROM pts WHERE cluster IS NOT NULL
     GROUP BY category_code, cluster ORDER BY count(*) DESC LIMIT 50`,
    [f.scope, f.from, f.to, f.categoryCode ?? null, f.metres, f.minPoints],
  );
}

export async function recurring(db: Queryable, f: { scope: string; from: Date; to: Date; atLeast: number }) {
  return db.query<{ gridCode: string; categoryCode: string; count: number; lastReportedAt: Date }>(
    `SELECT c.grid_code AS "gridCode", c.category_code AS "categoryCode", count(*)::int AS count,
       max(c.reported_at) AS "lastReportedAt"
     FROM cases_cases c
     WHERE c.grid_path <@ $1::ltree AND c.reported_at >= $2 AND c.reported_at < $3 AND c.status NOT IN ('rejected', 'merged')
     GROUP BY c.grid_code, c.category_code HAVING count(*) >= $4
     ORDER BY count(*) DESC, max(c.reported_at) DESC LIMIT 100`,
    [f.scope, f.from, f.to, f.atLeast],
  );
}

export interface SummaryFilter {
  scope: string;
  from: Date;
  to: Date;
  categoryCode?: string;
}

/** 处置总结 by root cause: the finished cases of the scope closed in the period, and how many of them may recur. */
export async function rootCauseCounts(db: Queryable, f: SummaryFilter) {
  return db.query<{ rootCause: RootCause; count: number; mayRecur: number }>(
    `SELECT c.summary_root_cause AS "rootCause", count(*)::int AS count,
       (count(*) FILTER (WHERE c.summary_may_recur = 'yes'))::int AS "mayRecur"
     FROM cases_cases c
     WHERE c.grid_path <@ $1::ltree AND c.closed_at >= $2 AND c.closed_at < $3
       AND ($4::text IS NULL OR c.category_code = $4::text)
       AND c.status IN ('closed', 'rated') AND c.summary_root_cause IS NOT NULL
     GROUP BY c.summary_root_cause`,
    [f.scope, f.from, f.to, f.categoryCode ?? null],
  );
}

/** The closed cases whose closer said the problem may come back: the places to watch, the latest first. */
export async function mayRecurCases(db: Queryable, f: SummaryFilter & { limit: number }) {
  return db.query<
    { id: number; number: string; categoryCode: string; gridCode: string; gridPath: string; closedAt: Date } & Omit<
      ClosingSummary,
      'mayRecur'
    >
  >(
    `SELECT c.id::int AS id, c.number, c.category_code AS "categoryCode", c.grid_code AS "gridCode",
       c.grid_path::text AS "gridPath", c.closed_at AS "closedAt", c.summary_measures AS measures,
       c.summary_root_cause AS "rootCause", c.summary_root_cause_note AS "rootCauseNote"
     FROM cases_cases c
     WHERE c.grid_path <@ $1::ltree AND c.closed_at >= $2 AND c.closed_at < $3
       AND ($4::text IS NULL OR c.category_code = $4::text)
       AND c.status IN ('closed', 'rated') AND c.summary_may_recur = 'yes'
     ORDER BY c.closed_at DESC, c.id DESC LIMIT $5`,
    [f.scope, f.from, f.to, f.categoryCode ?? null, f.limit],
  );
}

/**
 * 我也遇到 is for neighbours: the case lies within `metres` of where the resident says they stand, or of a problem
 * they reported themselves.
 */
export async function isNearCase(
  db: Queryable,
  caseId: number,
  residentId: number,
  at: [number, number] | null,
  metres: number,
): Promise<boolean> {
  const [row] = await db.query<{ near: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM cases_cases c
       WHERE c.id = $1 AND (
         ($3::float8 IS NOT NULL
           AND ST_DWithin(c.location::geography, ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography, $5))
         OR EXISTS (SELECT 1 FROM cases_cases own WHERE own.reporter_id = $2 AND own.id <> c.id
           AND ST_DWithin(own.location::geography, c.location::geography, $5)))) AS near`,
    [caseId, residentId, at?.[0] ?? null, at?.[1] ?? null, metres],
  );
  return row?.near ?? false;
}

export async function setCasePublic(db: Queryable, caseId: number, value: boolean): Promise<void> {
  await run(db, q.updateTable('cases_cases').set({ public: value }).where('id', '=', caseId));
}

/** true when the follow is new. */
export async function addFollower(db: Queryable, caseId: number, userId: number): Promise<boolean> {
  const rows = await all(
    db,
    q
      .insertInto('cases_followers')
      .values({ case_id: caseId, user_id: userId })
      .onConflict((oc) => oc.doNothing())
      .returning('case_id'),
  );
  return rows.length === 1;
}

export interface CaseNearby {
  id: number;
  number: string;
  status: string;
  categoryCode: string;
  categoryZh: string;
  categoryEn: string;
  description: string;
  reportedAt: string;
}

/** Cases reported on or within `metres` of a shape, inside a scope, newest first. */
export async function casesNearShape(
  db: Queryable,
  f: { scopePath: string; shape: unknown; metres: number; limit: number },
): Promise<CaseNearby[]> {
  return db.query<CaseNearby & Record<string, unknown>>(
    `SELECT c.id::int AS id, c.number, c.status, c.category_code AS "categoryCode", k.name_zh AS "categoryZh",
       k.name_en AS "categoryEn", c.description, to_json(c.reported_at) #>> '{}' AS "reportedAt"
     FROM cases_cases c JOIN cases_categories k ON k.code = c.category_code
     WHERE c.grid_path <@ $1::ltree
       AND ST_DWithin(c.location::geography, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)::geography, $3)
     ORDER BY c.reported_at DESC LIMIT $4`,
    [f.scopePath, JSON.stringify(f.shape), f.metres, f.limit],
  );
}
