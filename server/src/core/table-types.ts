import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Queryable } from './db.js';
import type { MigrationSource } from './migrate.js';

/**
 * Writes the Kysely table types of a module from a migrated database's catalog: one interface per table of the
 * module (`<module>_*`), one `<Module>Tables` naming them. `npm run db:types` writes the files; a test regenerates
 * them from freshly migrated databases on both engines and fails when a committed file is out of date.
 *
 * A text column whose CHECK constraint lists its values (`kind IN ('a', 'b')`) becomes the union of those values.
 */

/** Where a module's generated table types live: `<module>/db/<module>.tables.ts`, beside its migrations folder. */
export function tableTypesFile(source: MigrationSource): string {
  return path.join(source.dir, '..', `${source.module}.tables.ts`);
}

/** The modules that have a table-types file (those that use typed SQL), plus any named. */
export function typedModules(sources: MigrationSource[], named: string[] = []): MigrationSource[] {
  const unknown = named.filter((n) => !sources.some((s) => s.module === n));
  if (unknown.length) throw new Error(`no module with migrations named ${unknown.join(', ')}`);
  return sources.filter((s) => named.includes(s.module) || existsSync(tableTypesFile(s)));
}

interface ColumnRow {
  table: string;
  column: string;
  type: string;
  typeKind: string;
  element: string | null;
  notNull: boolean;
  hasDefault: boolean;
  generated: boolean;
}

const SCALARS: Record<string, { select: string; helper?: string }> = {
  int2: { select: 'number' },
  int4: { select: 'number' },
  float4: { select: 'number' },
  float8: { select: 'number' },
  oid: { select: 'number' },
  int8: { select: 'Int8', helper: 'Int8' },
  numeric: { select: 'Numeric', helper: 'Numeric' },
  bool: { select: 'boolean' },
  text: { select: 'string' },
  varchar: { select: 'string' },
  bpchar: { select: 'string' },
  name: { select: 'string' },
  citext: { select: 'string' },
  uuid: { select: 'string' },
  ltree: { select: 'string' },
  inet: { select: 'string' },
  interval: { select: 'string' },
  time: { select: 'string' },
  tsvector: { select: 'string' },
  date: { select: 'Timestamp', helper: 'Timestamp' },
  timestamp: { select: 'Timestamp', helper: 'Timestamp' },
  timestamptz: { select: 'Timestamp', helper: 'Timestamp' },
  json: { select: 'Json', helper: 'Json' },
  jsonb: { select: 'Json', helper: 'Json' },
  geometry: { select: 'Geometry', helper: 'Geometry' },
  geography: { select: 'Geometry', helper: 'Geometry' },
  bytea: { select: 'Bytea', helper: 'Bytea' },
};

/** Array elements as the drivers give them (node-postgres: int8 elements as strings; PGlite: as numbers). */
const ARRAY_ELEMENTS: Record<string, { select: string; insert: string }> = {
  int2: { select: 'number', insert: 'number' },
  int4: { select: 'number', insert: 'number' },
  int8: { select: 'string | number', insert: 'number | string | bigint' },
  float8: { select: 'number', insert: 'number' },
  text: { select: 'string', insert: 'string' },
  varchar: { select: 'string', insert: 'string' },
  bool: { select: 'boolean', insert: 'boolean' },
};

export async function generateTableTypes(db: Queryable, source: MigrationSource): Promise<string> {
  const prefix = `${source.module}_`;
  const columns = await db.query<ColumnRow & Record<string, unknown>>(
    `SELECT c.relname AS "table", a.attname AS "column", coalesce(bt.typname, t.typname) AS type,
       coalesce(bt.typtype, t.typtype)::text AS "typeKind", et.typname AS element, a.attnotnull AS "notNull",
       (a.atthasdef OR a.attidentity <> '') AS "hasDefault", a.attgenerated <> '' AS generated
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     JOIN pg_type t ON t.oid = a.atttypid
     LEFT JOIN pg_type bt ON bt.oid = t.typbasetype AND t.typtype = 'd'
     LEFT JOIN pg_type et ON et.oid = coalesce(bt.typelem, t.typelem) AND coalesce(bt.typcategory, t.typcategory) = 'A'
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
       AND starts_with(c.relname, $1)
     ORDER BY c.relname, a.attnum`,
    [prefix],
  );
  const checks = await db.query<{ table: string; column: string; def: string }>(
    `SELECT c.relname AS "table", a.attname AS "column", pg_get_constraintdef(k.oid) AS def
     FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.conkey[1]
     WHERE n.nspname = current_schema() AND k.contype = 'c' AND cardinality(k.conkey) = 1
       AND starts_with(c.relname, $1)
     ORDER BY 1, 2, 3`,
    [prefix],
  );
  const enums = await db.query<{ type: string; labels: string[] }>(
    `SELECT t.typname AS type, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
     FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid GROUP BY t.typname`,
  );

  const allowed = new Map<string, string[]>();
  for (const c of checks) {
    const values = listedValues(c.def);
    if (!values) continue;
    const key = `${c.table}.${c.column}`;
    const before = allowed.get(key);
    allowed.set(key, before ? before.filter((v) => values.includes(v)) : values);
  }

  const helpers = new Set<string>();
  const kysely = new Set<string>();
  // Generated and GeneratedAlways come from core/sql.ts, which unwraps a column type such as Int8 inside them
  const tables = new Map<string, string[]>();
  for (const c of columns) {
    let ts: string;
    const labels = allowed.get(`${c.table}.${c.column}`) ?? enums.find((e) => e.type === c.type)?.labels;
    if (labels && ['text', 'varchar'].includes(c.type)) ts = labels.map(quote).join(' | ');
    else if (labels && c.typeKind === 'e') ts = labels.map(quote).join(' | ');
    else if (c.element) {
      const e = ARRAY_ELEMENTS[c.element];
      if (!e) throw new Error(`${c.table}.${c.column}: no TypeScript type for arrays of ${c.element}`);
      if (e.select === e.insert) ts = `${paren(e.select)}[]`;
      else {
        kysely.add('ColumnType');
        ts = `ColumnType<${paren(e.select)}[], ${paren(e.insert)}[], ${paren(e.insert)}[]>`;
      }
    } else {
      const s = SCALARS[c.type];
      if (!s)
        throw new Error(`${c.table}.${c.column}: no TypeScript type for ${c.type} (add it in core/table-types.ts)`);
      ts = s.select;
      if (s.helper) helpers.add(s.helper);
    }
    if (!c.notNull) ts = `${ts} | null`;
    if (c.generated) {
      helpers.add('GeneratedAlways');
      ts = `GeneratedAlways<${ts}>`;
    } else if (c.hasDefault) {
      helpers.add('Generated');
      ts = `Generated<${ts}>`;
    }
    const lines = tables.get(c.table) ?? [];
    lines.push(property(c.column, ts));
    tables.set(c.table, lines);
  }

  const name = pascal(source.module);
  const file = tableTypesFile(source);
  let sqlModule = path
    .relative(path.dirname(file), path.join(import.meta.dirname, 'sql.js'))
    .split(path.sep)
    .join('/');
  if (!sqlModule.startsWith('.')) sqlModule = `./${sqlModule}`;
  const out = [
    `// Generated by \`npm run db:types\` from the migrations; do not edit (a test fails when it is out of date).`,
  ];
  if (kysely.size) out.push(`import type { ${[...kysely].sort().join(', ')} } from 'kysely';`);
  if (helpers.size) out.push(`import type { ${[...helpers].sort().join(', ')} } from '${sqlModule}';`);
  out.push('', `/** The tables of the ${source.module} module, for \`queryBuilder<${name}Tables>()\`. */`);
  out.push(`export interface ${name}Tables {`);
  for (const table of tables.keys()) out.push(`  ${table}: ${pascal(table)}Table;`);
  out.push('}');
  for (const [table, lines] of tables) out.push('', `export interface ${pascal(table)}Table {`, ...lines, '}');
  return `${out.join('\n')}\n`;
}

/** `CHECK ((kind = ANY (ARRAY['a'::text, 'b'::text])))` → ['a', 'b']; anything else → undefined. */
export function listedValues(def: string): string[] | undefined {
  const m = /^CHECK \(\(\(?(\w+)\)?(?:::text)? = ANY \(\(?ARRAY\[(.*?)\]\)?(?:::text\[\])?\)\)\)$/.exec(def);
  if (!m?.[2]) return undefined;
  const items = m[2].split(/,\s*/);
  const values: string[] = [];
  for (const item of items) {
    const v = /^\(?'((?:[^']|'')*)'::(?:text|character varying)\)?(?:::text)?$/.exec(item);
    if (!v) return undefined;
    values.push((v[1] as string).replace(/''/g, "'"));
  }
  return values;
}

function property(column: string, ts: string): string {
  const line = `  ${column}: ${ts};`;
  if (line.length <= 120 || !ts.includes(' | ') || ts.includes('<')) return line;
  // the way the formatter breaks a long union
  return [`  ${column}:`, ...ts.split(' | ').map((t) => `    | ${t}`)].join('\n').concat(';');
}

function quote(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function paren(t: string): string {
  return t.includes(' ') ? `(${t})` : t;
}

function pascal(s: string): string {
  return s
    .split('_')
    .map((w) => (w[0]?.toUpperCase() ?? '') + w.slice(1))
    .join('');
}
