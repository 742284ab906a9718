import type { FastifyInstance, FastifyRequest } from 'fastify';
import { coreErrors } from './errors.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What the console and the phone pages load: our own scripts only; antd and antd-mobile write their styles inline;
 * MapLibre starts its workers from blob: URLs and draws tiles through blob: images; photo and voice previews are
 * blob: URLs. `origins` are servers a module's pages fetch from (a tile server). Nobody may frame the pages.
 */
export function contentSecurityPolicy(origins: readonly string[] = []): string {
  const others = origins.length ? ` ${origins.join(' ')}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${others}`,
    "media-src 'self' blob:",
    "font-src 'self' data:",
    `connect-src 'self'${others}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The origin part of a URL template such as a tile server's `https://t0.example.cn/{z}/{x}/{y}.png`, which `new URL`
 * may refuse for its placeholders.
 */
export function originOf(url: string): string | undefined {
  return /^https?:\/\/[^/?#]+/i.exec(url)?.[0];
}

/** The headers every answer carries, the console's pages and the API alike. */
export function securityHeaders(app: FastifyInstance, origins: readonly string[]) {
  const csp = contentSecurityPolicy(origins);
  app.addHook('onSend', async (req, reply) => {
    reply.header('content-security-policy', csp);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    // search pages put names and numbers in their URLs; other sites need not see them
    reply.header('referrer-policy', 'same-origin');
    // only over TLS (directly, or a trusted proxy's X-Forwarded-Proto), or a plain-HTTP test would lock itself out
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=15552000');
  });
}

/**
 * A browser sends the session cookie with any request to this server, a form on another site's (or another port's)
 * page included: SameSite=Lax stops cross-site POSTs but not same-site ones. So a write carrying cookies must come
 * from our own pages. Bearer tokens (API tokens, Open311 keys) are not ambient and a page cannot send them for
 * another, so those requests are left alone, as are clients that send neither header (scripts, tests).
 */
export function sameOriginWrites(app: FastifyInstance, publicUrl: string) {
  const configured = originOf(publicUrl);
  app.addHook('onRequest', async (req) => {
    if (!WRITES.has(req.method) || !req.headers.cookie || req.headers.authorization?.startsWith('Bearer ')) return;
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') throw coreErrors.crossSite({ field: 'Sec-Fetch-Site' });
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== configured && origin !== ownOrigin(req))
      throw coreErrors.crossSite({ field: 'Origin' });
  });
}

/** This server as the browser addressed it; behind a trusted proxy, as the proxy says it was addressed. */
function ownOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/**
 * A route takes JSON unless its schema says otherwise (`consumes`, e.g. multipart on an upload): a text/plain or
 * multipart form, which any page may post without asking, never reaches a route that expects JSON.
 */
export function declaredMediaTypes(app: FastifyInstance) {
  // before parsing but after every onRequest hook, so the route's access check answers an outsider first
  app.addHook('preParsing', async (req, _reply, payload) => {
    if (!WRITES.has(req.method) || req.is404) return payload;
    const length = req.headers['content-length'];
    const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (!hasBody) return payload;
    const media = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const accepted = (req.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? ['application/json'];
    if (!accepted.includes(media))
      throw coreErrors.unsupportedMediaType({ field: 'content-type', params: { expected: accepted.join(', ') } });
    return payload;
  });
}

const NUL_REASON = { 'zh-CN': '含有空字符（U+0000）', en: 'contains a NUL character (U+0000)' };

/**
 * No string a client sends may hold U+0000: PostgreSQL cannot store it in text, so it would fail deep inside a
 * write. Refused before validation, naming the field the way validation errors do.
 */
export function refuseNul(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const parts: [string, unknown][] = [
      ['params', req.params],
      ['querystring', req.query],
      ['body', req.body],
    ];
    for (const [where, value] of parts) {
      const at = nulAt(value);
      if (at !== undefined) throw coreErrors.invalid({ field: at || where, params: { reason: NUL_REASON } });
    }
  });
}

/** The dotted path of a string or key holding U+0000 ('' for the value itself), walked without recursion. */
export function nulAt(value: unknown): string | undefined {
  const stack: [string, unknown][] = [['', value]];
  while (stack.length) {
    const [path, v] = stack.pop() as [string, unknown];
    if (typeof v === 'string') {
      if (v.includes('\0')) return path;
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, child] of Object.entries(v)) {
        const here = path ? `${path}.${k}` : k;
        if (k.includes('\0')) return here.replaceAll('\0', '\\u0000');
        stack.push([here, child]);
      }
    }
  }
  return undefined;
}
