import {
  type ColumnType,
  type Compilable,
  type DatabaseConnection,
  type Driver,
  type Expression,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type RawBuilder,
  sql,
} from 'kysely';
import type { Queryable } from './db.js';

/**
 * Typed SQL: Kysely as a query compiler and nothing more. A repository builds its statements with the builder of
 * its own module's tables (`queryBuilder<CasesTables>()`, types generated from the migrations by
 * `npm run db:types`) and runs them with `all`/`first`/`run` on the Queryable it was handed — the Db or one of our
 * transactions — so every statement goes through core/db.ts on both engines. Kysely never opens a connection or a
 * transaction: `.execute()` and `.transaction()` throw. PostGIS, ltree and bulk unnest inserts stay raw SQL.
 */
export function queryBuilder<Tables>(): Kysely<Tables> {
  return new Kysely<Tables>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new CompileOnlyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

/** Every row the statement returns. */
export async function all<O>(db: Queryable, query: Compilable<O>): Promise<O[]> {
  const { sql: text, parameters } = query.compile();
  return (await db.query(text, parameters as unknown[])) as O[];
}

/** The first row, or undefined. */
export async function first<O>(db: Queryable, query: Compilable<O>): Promise<O | undefined> {
  return (await all(db, query))[0];
}

/** A statement run for its effect. */
export async function run(db: Queryable, query: Compilable): Promise<void> {
  const { sql: text, parameters } = query.compile();
  await db.query(text, parameters as unknown[]);
}

/**
 * A bigint (or a count) as a JS number, the way the raw statements write `id::int`: node-postgres returns int8 as a
 * string and PGlite as a number, so the table types give int8 as `string | number` until it is cast.
 */
export function int<T>(expr: Expression<T>): RawBuilder<number | (null extends T ? null : never)> {
  return sql`${expr}::int`;
}

/** `= ANY($1::bigint[])`: one parameter however many values, where an IN list would take one per value. */
export function anyOf<T>(values: readonly T[], pgType: 'bigint' | 'int' | 'text'): RawBuilder<T> {
  return sql<T>`ANY(${values}::${sql.raw(pgType)}[])`;
}

/** A timestamp as the ISO text JSON gives it (`2026-01-02T03:04:05.678+00:00`), the way the raw statements write it. */
export function iso<T>(expr: Expression<T>): RawBuilder<string | (null extends T ? null : never)> {
  return sql`to_json(${expr}) #>> '{}'`;
}

// The column types the generated table files use: what a value reads as on both engines, and what may be written.
/** int8 / bigserial: a string from node-postgres, a number from PGlite. */
export type Int8 = ColumnType<string | number, number | string | bigint, number | string | bigint>;
/** numeric: a string on both engines. */
export type Numeric = ColumnType<string, number | string, number | string>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** json/jsonb: parsed on the way out, written as JSON text (node-postgres would send a JS array as a SQL array). */
export type Json = ColumnType<JsonValue, string, string>;
/** What a json column reads as; `$narrowType` picks the member a column always holds (an object, an array). */
export type JsonValue = string | number | boolean | null | unknown[] | { [key: string]: unknown };
/** geometry: PostGIS values are read and written through raw SQL (ST_*), never as column values. */
export type Geometry = ColumnType<string, never, never>;
export type Bytea = ColumnType<Uint8Array, Uint8Array, Uint8Array>;
/** A column with a default: optional on insert. Unlike Kysely's own, it keeps the read type of a column type above. */
export type Generated<T> =
  T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<T, T | undefined, T>;
/** A generated column: read only. */
export type GeneratedAlways<T> =
  T extends ColumnType<infer S, unknown, unknown> ? ColumnType<S, never, never> : ColumnType<T, never, never>;

class CompileOnlyDriver implements Driver {
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    throw new Error('typed SQL runs through core/db.ts: use all/first/run from core/sql.ts, not .execute()');
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}
