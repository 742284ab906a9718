import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, coreErrors } from './errors.js';
import { declaredMediaTypes, refuseNul, sameOriginWrites, securityHeaders } from './http-hardening.js';
import { format, type Locale, pickLocale } from './i18n.js';

/**
 * Keys whose values are secrets whatever the module: pino replaces them before anything is written. Each module adds
 * its own (personal data, device secrets) in its descriptor's `redact`.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.oneTimePassword',
  '*.token',
  '*.access_token',
  '*.refresh_token',
  '*.secret',
  '*.api_key',
];

/**
 * A key named by a `*.key` path is redacted however deep it sits (down to `a.b.c.key`): a request body logged whole,
 * or a library's error carrying the record it choked on, puts the key below the top level.
 */
function atEveryDepth(paths: readonly string[]): string[] {
  return paths.flatMap((p) => (p.startsWith('*.') ? [p, `*.${p}`, `*.*.${p}`] : [p]));
}

/**
 * Query parameters that carry personal data when people are searched by them, or a credential: Open311 clients send
 * their `api_key` in the query string as the GeoReport v2 specification has them do, WeChat's authorisation brings a
 * one-time `code` back to the phone page (it is worth an openid until used), and OAuth-style clients put tokens there.
 */
const SENSITIVE_QUERY =
  /([?&](?:idNumber|phone|contactPhone|token|access_token|refresh_token|api_key|code|password|secret)=)[^&#]*/gi;

/** The URL as a log line may hold it: every sensitive query parameter's value replaced. */
export function redactUrl(url: string): string {
  return url.replace(SENSITIVE_QUERY, '$1[redacted]');
}

export function loggerOptions(
  level: string,
  file?: string,
  redact: readonly string[] = [],
): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: atEveryDepth([...new Set([...REDACT_PATHS, ...redact])]), censor: '[redacted]' },
    // the request line is logged with its query string: a search by ID number must not put the number in the log
    serializers: {
      req: (req: { method: string; url: string; hostname?: string; ip?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.hostname,
        remoteAddress: req.ip,
      }),
    },
    ...(file ? { file } : {}),
  };
}

/** What the zod issue codes mean to a person, in both languages. */
const REASONS: Record<string, { 'zh-CN': string; en: string }> = {
  invalid_type: { 'zh-CN': '类型不正确，应为 {expected}', en: 'wrong type, expected {expected}' },
  too_small: { 'zh-CN': '过短或过小（最小 {minimum}）', en: 'too short or too small (minimum {minimum})' },
  too_big: { 'zh-CN': '过长或过大（最大 {maximum}）', en: 'too long or too large (maximum {maximum})' },
  invalid_format: { 'zh-CN': '格式不正确', en: 'wrong format' },
  invalid_value: { 'zh-CN': '取值不在允许范围内', en: 'not one of the allowed values' },
  unrecognized_keys: { 'zh-CN': '含有未知字段 {keys}', en: 'unknown field(s) {keys}' },
  invalid_union: { 'zh-CN': '不符合任何允许的形式', en: 'matches none of the allowed forms' },
  not_multiple_of: { 'zh-CN': '不是 {divisor} 的倍数', en: 'not a multiple of {divisor}' },
};

export function validationReason(keyword: string, params: Record<string, unknown>, message: string, locale: Locale) {
  const reason = REASONS[keyword];
  if (!reason) return locale === 'en' ? message : `不符合要求（${message}）`;
  const p = { ...params, keys: Array.isArray(params.keys) ? params.keys.join(', ') : params.keys };
  return format(reason[locale], p);
}

/** The Idempotency-Key a client makes for one write, so a retry after a lost answer creates nothing twice. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, '8–128 letters, digits, - or _');

export interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: unknown };
}

export async function createHttp(opts: {
  logLevel: string;
  logFile?: string;
  sessionSecret: Buffer;
  bodyLimit?: number;
  /** The modules' own log keys to redact. */
  redact?: readonly string[];
  trustProxy?: boolean | string;
  /** Where the console is reached, besides the Host it was asked by: writes with cookies must come from there. */
  publicUrl: string;
  /** Servers the pages fetch from besides this one (a tile server), for the Content-Security-Policy. */
  contentOrigins?: readonly string[];
}) {
  const app = Fastify({
    logger: loggerOptions(opts.logLevel, opts.logFile, opts.redact),
    bodyLimit: opts.bodyLimit ?? 20 * 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: { customOptions: { coerceTypes: true } },
    trustProxy: opts.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  securityHeaders(app, opts.contentOrigins ?? []);
  sameOriginWrites(app, opts.publicUrl);
  declaredMediaTypes(app);
  refuseNul(app);

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    let appErr: AppError;
    if (err instanceof AppError) {
      appErr = err;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = err.validationContext ?? 'body';
      const inner = first?.instancePath.replace(/^\//, '').replace(/\//g, '.') ?? '';
      const field = inner || (where === 'body' ? 'body' : where);
      appErr = coreErrors.invalid({
        field,
        params: {
          reason: validationReason(
            first?.keyword ?? 'custom',
            (first?.params as Record<string, unknown>) ?? {},
            first?.message ?? '',
            locale,
          ),
        },
        details: err.validation.map((v) => ({
          field: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
          code: v.keyword,
        })),
      });
    } else if ((err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      appErr = coreErrors.tooLarge();
    } else if ((err as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      appErr = coreErrors.invalid({ field: 'content-type', params: { reason: String(req.headers['content-type']) } });
    } else if ((err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500) {
      appErr = coreErrors.invalid({ field: 'body', params: { reason: err.message } });
    } else {
      req.log.error({ err }, 'unhandled error');
      appErr = coreErrors.internal();
    }
    const body: ErrorBody = {
      error: {
        code: appErr.code,
        message: appErr.localized(locale),
        ...(appErr.options.field ? { field: appErr.options.field } : {}),
        ...(appErr.options.details !== undefined ? { details: appErr.options.details } : {}),
      },
    };
    reply.status(appErr.status).send(body);
  });

  await app.register(cookie, { secret: opts.sessionSecret.toString('base64') });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '善治 Shanzhi API',
        version: '0.1.0',
        description: '基层治理平台接口 / grassroots-governance platform API',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'sz_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  return app;
}

export type HttpApp = Awaited<ReturnType<typeof createHttp>>;
export type { FastifyInstance };
