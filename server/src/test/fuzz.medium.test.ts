import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support.js';

/**
 * Every write route, read from the OpenAPI document so a new route is fuzzed as it is written, gets what a hostile
 * or broken client sends, from a district administrator with a valid session (past every access check): NUL
 * characters in each string of a body shaped like the route's own schema, in the query and in the path; a
 * `__proto__` key; malformed JSON; every field of the wrong type; an empty body; and for uploads, random bytes
 * named like a spreadsheet. Whatever it is, the answer is the client's fault (4xx), never a 5xx.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ grids: 'none' });
});
afterAll(async () => t?.stop());

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
}

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/** A value shaped like the schema, with `text` in every string (enums and constants kept, so unions are entered). */
function shaped(schema: JsonSchema | undefined, text: string, depth = 0): unknown {
  if (!schema || depth > 6) return text;
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice?.length) return shaped(choice[0], text, depth + 1);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => shaped(s, text, depth + 1)));
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const type = [schema.type].flat()[0];
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, s]) => [k, shaped(s, text, depth + 1)]),
      );
    case 'array':
      if (schema.prefixItems) return schema.prefixItems.map((s) => shaped(s, text, depth + 1));
      return [shaped(Array.isArray(schema.items) ? schema.items[0] : schema.items, text, depth + 1)];
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return true;
    default:
      return text;
  }
}

/** Every property of the object the other type: strings become numbers, everything else a string. */
function mistyped(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 42;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? 12345 : 'not-it']));
}

/** A path with its parameters filled by records that do not exist, or by `fill` itself. */
function pathOf(url: string, fill?: string): string {
  return url.replace(/:(\w+)|\{(\w+)\}/g, (_m, a: string | undefined, b: string | undefined) => {
    if (fill) return fill;
    const name = a ?? b ?? '';
    if (name === 'format') return 'json';
    if (name === 'year') return '2099';
    if (/code/i.test(name)) return '370983';
    return '999999';
  });
}

function multipart(filename: string, bytes: Buffer) {
  const boundary = '----shanzhi-fuzz';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe('every write route, fuzzed', () => {
  it('answers whatever it is sent with a 4xx, never a 5xx', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const writes = Object.entries(doc.paths).flatMap(([url, ops]) =>
      Object.entries(ops)
        .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
        // signing out would end the session the rest of the fuzz runs on
        .filter(([method, _op]) => !(method === 'delete' && url.endsWith('/sessions/current')))
        .map(([method, op]) => ({ method: method.toUpperCase(), url, op })),
    );
    expect(writes.length).toBeGreaterThan(40);

    const failures: string[] = [];
    const garbage = randomBytes(4096);
    for (const { method, url, op } of writes) {
      const content = op.requestBody?.content ?? {};
      const schema = content['application/json']?.schema;
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => `${p.name}=%00`);
      const cases: { name: string; url?: string; headers?: Record<string, string>; payload?: string | Buffer }[] = [
        { name: 'NUL in every string', payload: JSON.stringify(shaped(schema, 'x\u0000y')) },
        { name: '__proto__', payload: '{"__proto__":{"x":1}}' },
        { name: 'constructor.prototype', payload: '{"constructor":{"prototype":{"x":1}}}' },
        { name: 'malformed JSON', payload: '{"broken' },
        { name: 'wrong types', payload: JSON.stringify(mistyped(shaped(schema, 'x'))) },
        { name: 'empty JSON body', payload: '' },
        { name: 'no body at all', headers: {} },
        { name: 'NUL in the path', url: pathOf(url, '%00') },
        ...(query.length ? [{ name: 'NUL in the query', url: `${pathOf(url)}?${query.join('&')}` }] : []),
        ...(content['multipart/form-data']
          ? ['x.csv', 'x.xlsx'].map((filename) => ({
              name: `random bytes as ${filename}`,
              ...multipart(filename, garbage),
            }))
          : []),
      ];
      for (const c of cases) {
        const res = await t.app.inject({
          method: method as 'POST',
          url: c.url ?? pathOf(url),
          headers: { cookie: t.adminCookie, ...(c.headers ?? { 'content-type': 'application/json' }) },
          ...(c.payload === undefined ? {} : { payload: c.payload }),
        });
        if (res.statusCode >= 500)
          failures.push(`${method} ${url} ${c.name} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
