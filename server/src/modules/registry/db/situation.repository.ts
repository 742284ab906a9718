import type { Queryable } from '../../../core/db.js';

/** 情: live counts per area — people by tag, floating share, households, buildings, venues, facilities — in the order
 * the area paths are given, each cut to the scope. */
export async function areaCounts(db: Queryable, scope: string, areas: string[]) {
  return db.query<{
    buildings: number;
    households: number;
    people: number;
    floating: number;
    byTag: Record<string, number>;
    venues: number;
    facilities: number;
  }>(
    `SELECT
       (SELECT count(*)::int FROM registry_buildings b WHERE b.grid_path <@ $1::ltree AND b.grid_path <@ a.path) AS buildings,
       (SELECT count(*)::int FROM registry_households h JOIN registry_buildings b ON b.id = h.building_id
        WHERE b.grid_path <@ $1::ltree AND b.grid_path <@ a.path) AS households,
       p.people, p.floating,
       coalesce((SELECT json_object_agg(tag, n) FROM (
          SELECT t.tag, count(*)::int AS n FROM registry_person_tags t JOIN registry_people q ON q.id = t.person_id
          WHERE q.grid_path <@ $1::ltree AND q.grid_path <@ a.path AND q.erased_at IS NULL AND q.moved_out_at IS NULL
          GROUP BY t.tag) x), '{}'::json) AS "byTag",
       (SELECT count(*)::int FROM registry_venues v WHERE v.grid_path <@ $1::ltree AND v.grid_path <@ a.path) AS venues,
       (SELECT count(*)::int FROM registry_facilities f WHERE f.grid_path <@ $1::ltree AND f.grid_path <@ a.path) AS facilities
     FROM (SELECT path::ltree AS path, i FROM unnest($2::text[]) WITH ORDINALITY AS u(path, i)) a,
     LATERAL (SELECT count(*)::int AS people, count(*) FILTER (WHERE NOT r.registered)::int AS floating
              FROM registry_people r WHERE r.grid_path <@ $1::ltree AND r.grid_path <@ a.path AND r.erased_at IS NULL
                AND r.moved_out_at IS NULL) p
     ORDER BY a.i`,
    [scope, areas],
  );
}
