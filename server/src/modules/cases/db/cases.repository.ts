import type { Queryable } from '../../../core/db.js';
import type { CaseStatus, Level } from '../domain/case-status.js';

/** All SQL on cases_* tables. */

type R<T> = T & Record<string, unknown>;

export interface CategoryRecord {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  kind: 'component' | 'event' | 'community';
  defaultLevel: Level;
  defaultDepartment: string | null;
  respondHours: number;
  handleWorkdays: number;
  needsVerification: boolean;
  active: boolean;
}

const CATEGORY_COLUMNS = `code, parent_code AS "parentCode", name_zh AS "nameZh", name_en AS "nameEn", kind,
  default_level AS "defaultLevel", default_department AS "defaultDepartment", respond_hours AS "respondHours",
  handle_workdays AS "handleWorkdays", needs_verification AS "needsVerification", active`;

export async function countCategories(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases_categories');
  return row?.n ?? 0;
}

export async function insertCategory(db: Queryable, c: CategoryRecord): Promise<void> {
  await db.query(
    `INSERT INTO cases_categories (code, parent_code, name_zh, name_en, kind, default_level, default_department,
       respond_hours, handle_workdays, needs_verification, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      c.code,
      c.parentCode,
      c.nameZh,
      c.nameEn,
      c.kind,
      c.defaultLevel,
      c.defaultDepartment,
      c.respondHours,
      c.handleWorkdays,
      c.needsVerification,
      c.active,
    ],
  );
}

export async function updateCategory(db: Queryable, code: string, c: Partial<CategoryRecord>) {
  const [row] = await db.query<R<CategoryRecord>>(
    `UPDATE cases_categories SET
       name_zh = coalesce($2, name_zh), name_en = coalesce($3, name_en), default_level = coalesce($4, default_level),
       default_department = CASE WHEN $5::boolean THEN $6 ELSE default_department END,
       respond_hours = coalesce($7, respond_hours), handle_workdays = coalesce($8, handle_workdays),
       needs_verification = coalesce($9, needs_verification), active = coalesce($10, active)
     WHERE code = $1 RETURNING ${CATEGORY_COLUMNS}`,
    [
      code,
      c.nameZh ?? null,
      c.nameEn ?? null,
      c.defaultLevel ?? null,
      c.defaultDepartment !== undefined,
      c.defaultDepartment ?? null,
      c.respondHours ?? null,
      c.handleWorkdays ?? null,
      c.needsVerification ?? null,
      c.active ?? null,
    ],
  );
  return row;
}

export async function getCategory(db: Queryable, code: string): Promise<CategoryRecord | undefined> {
  const [row] = await db.query<R<CategoryRecord>>(`SELECT ${CATEGORY_COLUMNS} FROM cases_categories WHERE code = $1`, [
    code,
  ]);
  return row;
}

export async function listCategories(db: Queryable): Promise<CategoryRecord[]> {
  return db.query<R<CategoryRecord>>(`SELECT ${CATEGORY_COLUMNS} FROM cases_categories ORDER BY code`);
}

export interface CaseRecord {
  id: number;
  number: string;
  source: string;
  categoryCode: string;
  status: CaseStatus;
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
  dueAt: Date | null;
  dispatchedAt: Date | null;
  handledAt: Date | null;
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
  /** Residents who met the same problem and follow this case instead of reporting it again. */
  followerIds: number[];
}

export interface WhistleOrg {
  org: string;
  role: 'lead' | 'helper';
  reportedInAt: string | null;
  partDoneAt: string | null;
  reportInDueAt: string;
}

const CASE_COLUMNS = `c.id::int AS id, c.number, c.source, c.category_code AS "categoryCode", c.status, c.description,
  c.address, ST_X(c.location) AS lng, ST_Y(c.location) AS lat, c.grid_code AS "gridCode", c.grid_path::text AS "gridPath",
  c.reporter_id::int AS "reporterId", c.reporter_name AS "reporterName", c.reporter_phone_enc AS "reporterPhoneEnc",
  c.anonymous, c.level, c.assignee_path::text AS "assigneePath", c.assignee_org AS "assigneeOrg",
  c.status_before_suspension AS "statusBeforeSuspension", c.merged_into::int AS "mergedInto",
  c.reported_at AS "reportedAt", c.accepted_at AS "acceptedAt", c.respond_due_at AS "respondDueAt", c.due_at AS "dueAt",
  c.dispatched_at AS "dispatchedAt", c.handled_at AS "handledAt", c.closed_at AS "closedAt",
  c.extension_requested_days AS "extensionRequestedDays", c.extended, c.rework_count AS "reworkCount", c.reopened,
  c.rating, c.rating_comment AS "ratingComment", c.followup_due_at AS "followupDueAt",
  c.escalated_at AS "escalatedAt", c.escalation_count AS "escalationCount", c.version,
  (SELECT coalesce(json_agg(json_build_object('org', wo.org_code, 'role', wo.role, 'reportedInAt', wo.reported_in_at,
     'partDoneAt', wo.part_done_at, 'reportInDueAt', w.report_in_due_at) ORDER BY w.id, wo.role, wo.org_code), '[]'::json)
   FROM cases_whistles w JOIN cases_whistle_orgs wo ON wo.whistle_id = w.id WHERE w.case_id = c.id) AS "whistleOrgs",
  EXISTS (SELECT 1 FROM cases_supervision s WHERE s.case_id = c.id AND s.closed_at IS NULL) AS supervised,
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
}

export async function nextCaseSequence(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT nextval('cases_number_seq')::int AS n`);
  return row?.n ?? 0;
}

export async function insertCase(db: Queryable, c: NewCase): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO cases_cases (number, source, category_code, status, description, address, location, grid_code,
       grid_path, reporter_id, reporter_name, reporter_phone_enc, anonymous)
     VALUES ($1, $2, $3, 'reported', $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326), $8, $9::ltree, $10, $11, $12, $13)
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
    ],
  );
  return row?.id as number;
}

export async function findIdempotent(db: Queryable, reporterKey: string, key: string): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>(
    'SELECT case_id::int AS id FROM cases_idempotency WHERE reporter_key = $1 AND idempotency_key = $2',
    [reporterKey, key],
  );
  return row?.id;
}

/** false when another request with the same key got there first (the caller then returns that case). */
export async function claimIdempotency(db: Queryable, reporterKey: string, key: string, caseId: number) {
  const rows = await db.query(
    `INSERT INTO cases_idempotency (reporter_key, idempotency_key, case_id) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING case_id`,
    [reporterKey, key, caseId],
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
  acceptedAt?: Date;
  respondDueAt?: Date;
  dueAt?: Date;
  dispatchedAt?: Date;
  handledAt?: Date | null;
  closedAt?: Date | null;
  extensionRequestedDays?: number | null;
  extended?: boolean;
  reworkCount?: number;
  reopened?: boolean;
  rating?: string;
  ratingComment?: string | null;
  followupDueAt?: Date;
  escalatedAt?: Date;
  escalationCount?: number;
}

const PATCH_COLUMNS: Record<keyof CasePatch, string> = {
  status: 'status',
  level: 'level',
  assigneePath: 'assignee_path',
  assigneeOrg: 'assignee_org',
  statusBeforeSuspension: 'status_before_suspension',
  mergedInto: 'merged_into',
  acceptedAt: 'accepted_at',
  respondDueAt: 'respond_due_at',
  dueAt: 'due_at',
  dispatchedAt: 'dispatched_at',
  handledAt: 'handled_at',
  closedAt: 'closed_at',
  extensionRequestedDays: 'extension_requested_days',
  extended: 'extended',
  reworkCount: 'rework_count',
  reopened: 'reopened',
  rating: 'rating',
  ratingComment: 'rating_comment',
  followupDueAt: 'followup_due_at',
  escalatedAt: 'escalated_at',
  escalationCount: 'escalation_count',
};

/** Compare-and-set on the version: of two concurrent actions on one case only the first applies. */
export async function updateCase(db: Queryable, id: number, version: number, patch: CasePatch): Promise<boolean> {
  const entries = Object.entries(patch) as [keyof CasePatch, unknown][];
  const sets = entries.map(([k], i) => `${PATCH_COLUMNS[k]} = $${i + 3}${k === 'assigneePath' ? '::ltree' : ''}`);
  const rows = await db.query(
    `UPDATE cases_cases SET ${[...sets, 'version = version + 1'].join(', ')} WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, ...entries.map(([, v]) => v)],
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
  await db.query(
    `INSERT INTO cases_timeline (case_id, actor_id, actor_name, actor_role, action, from_status, to_status, note, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      e.caseId,
      e.actorId,
      e.actorName,
      e.actorRole,
      e.action,
      e.fromStatus,
      e.toStatus,
      e.note,
      JSON.stringify(e.detail),
    ],
  );
}

export async function listTimeline(db: Queryable, caseId: number) {
  return db.query<R<TimelineEntry & { id: number; at: Date }>>(
    `SELECT id::int AS id, at, actor_id::int AS "actorId", actor_name AS "actorName", actor_role AS "actorRole", action,
       from_status AS "fromStatus", to_status AS "toStatus", note, detail
     FROM cases_timeline WHERE case_id = $1 ORDER BY id`,
    [caseId],
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

/** Cases whose grid lies inside the scope, or (for an assignee's inbox) assigned to the given units. */
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
  if (f.overdue) where.push('c.due_at < now() AND c.closed_at IS NULL');
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
    `SELECT ${CASE_COLUMNS} FROM cases_cases c ${clause} ORDER BY c.reported_at DESC, c.id DESC LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`,
    params,
  );
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases_cases c ${clause} LIMIT ${COUNT_CAP + 1}) capped`,
    filterParams,
  );
  return { items, total: count?.n ?? 0 };
}

/** Open cases of a category near a point, for "is it one of these?" while reporting. */
export async function nearbyOpenCases(db: Queryable, categoryCode: string, lng: number, lat: number, metres: number) {
  return db.query<{ id: number; number: string; description: string; status: string; distance: number }>(
    `SELECT c.id::int AS id, c.number, c.description, c.status,
       ST_Distance(c.location::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) AS distance
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
  w: { caseId: number; calledBy: number; reportInDueAt: Date; note: string; orgs: { org: string; role: string }[] },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO cases_whistles (case_id, called_by, report_in_due_at, note) VALUES ($1, $2, $3, $4) RETURNING id::int AS id`,
    [w.caseId, w.calledBy, w.reportInDueAt, w.note],
  );
  const id = row?.id as number;
  await db.query(
    `INSERT INTO cases_whistle_orgs (whistle_id, org_code, role)
     SELECT $1, org, role FROM unnest($2::text[], $3::text[]) AS t(org, role)`,
    [id, w.orgs.map((o) => o.org), w.orgs.map((o) => o.role)],
  );
  return id;
}

export async function markReportedIn(db: Queryable, caseId: number, org: string, by: number): Promise<void> {
  await db.query(
    `UPDATE cases_whistle_orgs wo SET reported_in_at = now(), reported_in_by = $3
     FROM cases_whistles w WHERE w.id = wo.whistle_id AND w.case_id = $1 AND wo.org_code = $2 AND wo.reported_in_at IS NULL`,
    [caseId, org, by],
  );
}

export async function markPartDone(db: Queryable, caseId: number, org: string, note: string): Promise<void> {
  await db.query(
    `UPDATE cases_whistle_orgs wo SET part_done_at = now(), part_note = $3
     FROM cases_whistles w WHERE w.id = wo.whistle_id AND w.case_id = $1 AND wo.org_code = $2 AND wo.part_done_at IS NULL`,
    [caseId, org, note],
  );
}

/** Opens the supervision of a case unless one is already open; returns its id either way. */
export async function openSupervision(db: Queryable, caseId: number, reason: 'overdue' | 'manual', by: number | null) {
  await db.query(
    `INSERT INTO cases_supervision (case_id, reason, opened_by) VALUES ($1, $2, $3)
     ON CONFLICT (case_id) WHERE closed_at IS NULL DO NOTHING`,
    [caseId, reason, by],
  );
  const [row] = await db.query<{ id: number }>(
    'SELECT id::int AS id FROM cases_supervision WHERE case_id = $1 AND closed_at IS NULL',
    [caseId],
  );
  return row?.id as number;
}

export async function addSupervisionNote(
  db: Queryable,
  supervisionId: number,
  author: { id: number | null; name: string },
  note: string,
) {
  await db.query(
    'INSERT INTO cases_supervision_notes (supervision_id, author_id, author_name, note) VALUES ($1, $2, $3, $4)',
    [supervisionId, author.id, author.name, note],
  );
}

export async function closeSupervision(db: Queryable, caseId: number): Promise<void> {
  await db.query('UPDATE cases_supervision SET closed_at = now() WHERE case_id = $1 AND closed_at IS NULL', [caseId]);
}

export async function listSupervisionNotes(db: Queryable, caseId: number) {
  return db.query<{ at: Date; authorName: string; note: string; reason: string }>(
    `SELECT n.at, n.author_name AS "authorName", n.note, s.reason FROM cases_supervision_notes n
     JOIN cases_supervision s ON s.id = n.supervision_id WHERE s.case_id = $1 ORDER BY n.id`,
    [caseId],
  );
}

/** Open, assigned and past their deadline: the candidates for escalation. */
export async function overdueCases(db: Queryable, now: Date): Promise<CaseRecord[]> {
  return db.query<R<CaseRecord>>(
    `SELECT ${CASE_COLUMNS} FROM cases_cases c
     WHERE c.due_at < $1 AND c.closed_at IS NULL AND c.status IN ('accepted', 'dispatched', 'in_progress', 'returned')
     ORDER BY c.due_at LIMIT 1000`,
    [now],
  );
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
  responded: number;
  due: number;
  closed: number;
  closedOnTime: number;
  reworked: number;
  extended: number;
  closedInPeriod: number;
  resolvedInPeriod: number;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
};

const FINISHED_SQL = `c.status IN ('closed', 'rated')`;

/** Every count behind the KPI formulas, in one pass over the cases of the scope. */
export async function kpiCounts(db: Queryable, f: KpiFilter): Promise<{ counts: KpiCounts; spans: [Date, Date][] }> {
  const where = `c.grid_path <@ $1::ltree AND ($4::text IS NULL OR c.category_code = $4::text)
    AND ($5::text IS NULL OR c.assignee_org = $5::text OR EXISTS (SELECT 1 FROM cases_whistles w
      JOIN cases_whistle_orgs wo ON wo.whistle_id = w.id WHERE w.case_id = c.id AND wo.org_code = $5::text))`;
  const params = [f.scope, f.from, f.to, f.categoryCode ?? null, f.orgCode ?? null];
  const inPeriod = (col: string) => `${col} >= $2 AND ${col} < $3`;
  const [row] = await db.query<Record<keyof KpiCounts, number>>(
    `SELECT
       count(*) FILTER (WHERE ${inPeriod('c.reported_at')})::int AS received,
       count(*) FILTER (WHERE ${inPeriod('c.reported_at')} AND c.accepted_at IS NOT NULL)::int AS accepted,
       count(*) FILTER (WHERE ${inPeriod('c.reported_at')} AND c.accepted_at IS NOT NULL AND c.dispatched_at IS NOT NULL)::int AS dispatched,
       count(*) FILTER (WHERE ${inPeriod('c.reported_at')} AND c.accepted_at <= c.respond_due_at)::int AS responded,
       count(*) FILTER (WHERE ${inPeriod('c.due_at')})::int AS due,
       count(*) FILTER (WHERE ${inPeriod('c.due_at')} AND ${FINISHED_SQL})::int AS closed,
       count(*) FILTER (WHERE ${inPeriod('c.due_at')} AND ${FINISHED_SQL} AND c.closed_at <= c.due_at)::int AS "closedOnTime",
       count(*) FILTER (WHERE ${inPeriod('c.due_at')} AND c.rework_count > 0)::int AS reworked,
       count(*) FILTER (WHERE ${inPeriod('c.due_at')} AND c.extended)::int AS extended,
       count(*) FILTER (WHERE ${inPeriod('c.closed_at')} AND ${FINISHED_SQL})::int AS "closedInPeriod",
       count(*) FILTER (WHERE ${inPeriod('c.closed_at')} AND ${FINISHED_SQL} AND c.handled_at IS NOT NULL)::int AS "resolvedInPeriod",
       count(*) FILTER (WHERE ${inPeriod('c.closed_at')} AND c.rating IS NOT NULL)::int AS rated,
       count(*) FILTER (WHERE ${inPeriod('c.closed_at')} AND c.rating = 'satisfied')::int AS satisfied,
       count(*) FILTER (WHERE ${inPeriod('c.closed_at')} AND c.rating = 'basically_satisfied')::int AS "basicallySatisfied"
     FROM cases_cases c WHERE ${where}`,
    params,
  );
  const spans = await db.query<{ a: Date; b: Date }>(
    `SELECT c.accepted_at AS a, c.closed_at AS b FROM cases_cases c
     WHERE ${where} AND ${inPeriod('c.closed_at')} AND ${FINISHED_SQL} AND c.accepted_at IS NOT NULL`,
    params,
  );
  return { counts: row as KpiCounts, spans: spans.map((s) => [new Date(s.a), new Date(s.b)]) };
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

const MEDIA_COLUMNS = `id::int AS id, kind, mime, bytes, file_key AS "fileKey", thumb_key AS "thumbKey", width, height,
  uploaded_by::int AS "uploadedBy", case_id::int AS "caseId"`;

export async function insertMedia(db: Queryable, m: Omit<MediaRecord, 'id' | 'caseId'>): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO cases_media (kind, mime, bytes, file_key, thumb_key, width, height, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::int AS id`,
    [m.kind, m.mime, m.bytes, m.fileKey, m.thumbKey, m.width, m.height, m.uploadedBy],
  );
  return row?.id as number;
}

export async function getMedia(db: Queryable, id: number): Promise<MediaRecord | undefined> {
  const [row] = await db.query<R<MediaRecord>>(`SELECT ${MEDIA_COLUMNS} FROM cases_media WHERE id = $1`, [id]);
  return row;
}

/**
 * Attaches the uploader's own unattached media to a case (and the timeline row of the action that brought them);
 * returns how many were attached, so the caller can refuse ids that are not theirs or already used.
 */
export async function attachMedia(db: Queryable, ids: number[], uploader: number, caseId: number): Promise<number> {
  const rows = await db.query(
    `UPDATE cases_media SET case_id = $3, timeline_id = (SELECT max(id) FROM cases_timeline WHERE case_id = $3)
     WHERE id = ANY($1::bigint[]) AND uploaded_by = $2 AND case_id IS NULL RETURNING id`,
    [ids, uploader, caseId],
  );
  return rows.length;
}

export async function listCaseMedia(db: Queryable, caseId: number) {
  return db.query<{ id: number; kind: string; mime: string; timelineId: number | null }>(
    `SELECT id::int AS id, kind, mime, timeline_id::int AS "timelineId" FROM cases_media WHERE case_id = $1 ORDER BY id`,
    [caseId],
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
}

/** Cases as another system sees them: by number, category, period and open/closed, with their latest note. */
export async function listForExchange(db: Queryable, f: ExchangeFilter) {
  return db.query<
    R<CaseRecord & { categoryNameZh: string; lastNote: string | null; updatedAt: Date; mediaIds: number[] }>
  >(
    `SELECT ${CASE_COLUMNS}, k.name_zh AS "categoryNameZh",
       (SELECT t.note FROM cases_timeline t WHERE t.case_id = c.id AND t.note <> '' ORDER BY t.id DESC LIMIT 1) AS "lastNote",
       (SELECT max(t.at) FROM cases_timeline t WHERE t.case_id = c.id) AS "updatedAt",
       (SELECT coalesce(array_agg(m.id::int ORDER BY m.id), '{}') FROM cases_media m WHERE m.case_id = c.id AND m.kind = 'photo') AS "mediaIds"
     FROM cases_cases c JOIN cases_categories k ON k.code = c.category_code
     WHERE c.grid_path <@ $1::ltree
       AND ($2::text[] IS NULL OR c.number = ANY($2::text[]))
       AND ($3::text[] IS NULL OR c.category_code = ANY($3::text[]))
       AND c.reported_at >= $4 AND c.reported_at < $5
       AND ($6::boolean IS NULL OR (c.closed_at IS NULL AND c.status NOT IN ('rejected', 'merged')) = $6::boolean)
       AND ($8::bigint[] IS NULL OR c.id = ANY($8::bigint[]))
     ORDER BY c.reported_at DESC LIMIT $7`,
    [f.scope, f.numbers ?? null, f.categoryCodes ?? null, f.from, f.to, f.open ?? null, f.limit, f.caseIds ?? null],
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

/** true when the follow is new. */
export async function addFollower(db: Queryable, caseId: number, userId: number): Promise<boolean> {
  const rows = await db.query(
    'INSERT INTO cases_followers (case_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING case_id',
    [caseId, userId],
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
