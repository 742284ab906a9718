import { sql } from 'kysely';
import type { Queryable } from '../../../core/db.js';
import { first, int, queryBuilder, run } from '../../../core/sql.js';
import type { DistrictSettings } from '../cases.schemas.js';
import type { Verifier } from '../domain/case-status.js';
import type { CasesTables } from './cases.tables.js';

const q = queryBuilder<CasesTables>();

/** Whether a district takes reports from people without an account; a district that never said does. */
export async function anonymousAllowed(db: Queryable, districtCode: string): Promise<boolean> {
  const row = await first(
    db,
    q.selectFrom('cases_district_settings').select('anonymous_reports').where('district_code', '=', districtCode),
  );
  return row?.anonymous_reports ?? true;
}

/** What a district said, or the defaults for one that never did: anonymous reports taken, either verifier. */
export async function districtSettings(db: Queryable, districtCode: string): Promise<DistrictSettings> {
  const row = await first(
    db,
    q
      .selectFrom('cases_district_settings')
      .select(['anonymous_reports', 'verifier'])
      .where('district_code', '=', districtCode),
  );
  return {
    anonymousReports: row?.anonymous_reports ?? true,
    verifier: (row?.verifier as Verifier | undefined) ?? 'grid_or_community',
  };
}

export async function setDistrictSettingsOf(
  db: Queryable,
  districtCode: string,
  s: DistrictSettings,
  by: number,
): Promise<void> {
  const values = { anonymous_reports: s.anonymousReports, verifier: s.verifier, updated_by: by };
  await run(
    db,
    q
      .insertInto('cases_district_settings')
      .values({ district_code: districtCode, ...values })
      .onConflict((oc) => oc.column('district_code').doUpdateSet({ ...values, updated_at: sql`now()` })),
  );
}

/** Anonymous reports in the last hour from this address, and in the last day from this number. */
export async function recentAnonymous(db: Queryable, ip: string, phoneHash: string) {
  const row = await first(
    db,
    q.selectNoFrom((eb) => [
      int(
        eb
          .selectFrom('cases_anonymous_senders')
          .select((s) => s.fn.countAll().as('n'))
          .where('ip', '=', ip)
          .where('at', '>', sql<Date>`now() - interval '1 hour'`),
      ).as('perIp'),
      int(
        eb
          .selectFrom('cases_anonymous_senders')
          .select((s) => s.fn.countAll().as('n'))
          .where('phone_hash', '=', phoneHash)
          .where('at', '>', sql<Date>`now() - interval '1 day'`),
      ).as('perPhone'),
    ]),
  );
  return { perIp: row?.perIp ?? 0, perPhone: row?.perPhone ?? 0 };
}

export async function noteAnonymous(db: Queryable, ip: string, phoneHash: string): Promise<void> {
  await run(db, q.insertInto('cases_anonymous_senders').values({ ip, phone_hash: phoneHash }));
}
