import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../core/auth.js';
import { AppError, coreErrors } from '../../core/errors.js';
import type { HttpApp } from '../../core/http.js';
import { pickLocale } from '../../core/i18n.js';
import type { ModuleContext } from '../../core/module.js';
import { type CategoryRecord, listCategories, listForExchange, reportCase } from '../cases/index.js';
import type { GridLocator } from '../geo/index.js';
import { resolveActor } from '../identity/index.js';
import { toXml } from './xml.js';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the case loop, so existing Open311 clients
 * and 12345-style hotline systems exchange cases with Shanzhi. `service_request_id` is the case number.
 * Discovery and the service list are public; requests need an `api_key` (an identity API token), because a
 * request's text and place can carry personal data.
 */
const format = z.enum(['json', 'xml']);
const CLOSED = new Set(['rejected', 'closed', 'rated', 'merged']);
const LIST_DAYS = 90;
const LIST_MAX = 1000;

type Format = z.infer<typeof format>;

/** Errors name the fields the Open311 client sent, not our internal ones. */
const OPEN311_FIELDS: Record<string, string> = {
  categoryCode: 'service_code',
  location: 'lat/long',
  'location.lng': 'long',
  'location.lat': 'lat',
  'contact.phone': 'phone',
  description: 'description',
};

function send(reply: FastifyReply, fmt: Format, root: string, value: unknown) {
  if (fmt === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, value as never));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

function service(c: CategoryRecord, byCode: Map<string, CategoryRecord>) {
  return {
    service_code: c.code,
    service_name: c.nameZh,
    description: `${c.nameZh} / ${c.nameEn}`,
    metadata: false,
    type: 'realtime',
    keywords: c.nameEn,
    group: c.parentCode ? (byCode.get(c.parentCode)?.nameZh ?? '') : c.nameZh,
  };
}

export function open311Routes(app: HttpApp, ctx: ModuleContext, locator: GridLocator) {
  const tags = ['open311'];
  const fmtOf = (req: FastifyRequest) => ((req.params as { format?: string }).format === 'xml' ? 'xml' : 'json');

  // Open311 clients expect its own error format: a list of {code, description}
  app.setErrorHandler((err: Error, req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    let status = 500;
    let description = coreErrors.internal().localized(locale);
    if (err instanceof AppError) {
      status = err.status;
      const field = err.options.field ? (OPEN311_FIELDS[err.options.field] ?? err.options.field) : undefined;
      description = new AppError(err.code, err.status, err.text, { ...err.options, field }).localized(locale);
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      const field = err.validation[0]?.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'request';
      description = coreErrors
        .invalid({ field, params: { reason: err.validation[0]?.message ?? '' } })
        .localized(locale);
    } else if ((err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500) {
      // what Fastify refused before validation: malformed or empty JSON, a __proto__ key, a media type not taken
      status = (err as FastifyError).statusCode!;
      description = coreErrors.invalid({ field: 'request', params: { reason: err.message } }).localized(locale);
    } else {
      req.log.error({ err }, 'open311 error');
    }
    return send(reply.status(status), fmtOf(req), 'errors', [{ code: status, description }]);
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  async function client(req: FastifyRequest, apiKey: string | undefined, ability: string): Promise<Actor> {
    const header = req.headers.authorization;
    const token = apiKey ?? (header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined);
    const actor = token ? await resolveActor(ctx.db, ctx.config.sessionSecret, token) : undefined;
    if (!actor) throw coreErrors.unauthenticated({ field: 'api_key' });
    req.actor = actor;
    return ctx.access.authorize(req, ability);
  }

  app.get(
    '/discovery.:format',
    { config: { access: 'public' }, schema: { tags, summary: 'Open311 discovery', params: z.object({ format }) } },
    async (req, reply) => {
      const url = `${req.protocol}://${req.host}/open311/v2`;
      return send(reply, req.params.format, 'discovery', {
        changeset: '2026-11-27T00:00:00Z',
        contact: 'Shanzhi 善治',
        key_service: `${req.protocol}://${req.host}/docs`,
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url,
            changeset: '2026-11-27T00:00:00Z',
            type: 'production',
            formats: ['application/json', 'text/xml'],
          },
        ],
      });
    },
  );

  app.get(
    '/services.:format',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Open311 service list (our categories)', params: z.object({ format }) },
    },
    async (req, reply) => {
      const categories = (await listCategories(ctx.db)).filter((c) => c.active);
      const byCode = new Map(categories.map((c) => [c.code, c]));
      return send(
        reply,
        req.params.format,
        'services',
        categories.map((c) => service(c, byCode)),
      );
    },
  );

  app.get(
    '/services/:code.:format',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Open311 service definition',
        params: z.object({ code: z.string().regex(/^[A-Z0-9]{2,12}$/), format }),
      },
    },
    async (req, reply) => {
      const category = (await listCategories(ctx.db)).find((c) => c.code === req.params.code && c.active);
      if (!category) throw coreErrors.notFound({ field: 'service_code' });
      return send(reply, req.params.format, 'service_definition', { service_code: category.code, attributes: [] });
    },
  );

  app.post(
    '/requests.:format',
    {
      config: { access: { credential: 'api_key', ability: 'open311.report' } },
      schema: {
        tags,
        summary: 'Open311 create a service request (api_key required)',
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        params: z.object({ format }),
        body: z.object({
          api_key: z.string().min(1).optional(),
          service_code: z.string().regex(/^[A-Z0-9]{2,12}$/),
          lat: z.coerce.number().min(-90).max(90),
          long: z.coerce.number().min(-180).max(180),
          address_string: z.string().max(200).optional(),
          description: z.string().trim().max(2000).optional(),
          first_name: z.string().max(50).optional(),
          last_name: z.string().max(50).optional(),
          phone: z.string().max(20).optional(),
          email: z.string().max(200).optional(),
          device_id: z.string().max(128).optional(),
          account_id: z.string().max(128).optional(),
          media_url: z.string().max(1000).optional(),
        }),
      },
    },
    async (req, reply) => {
      const b = req.body;
      const actor = await client(req, b.api_key, 'open311.report');
      const name = [b.last_name, b.first_name].filter(Boolean).join('') || undefined;
      const key = req.headers['idempotency-key'];
      const { caseId } = await reportCase(
        ctx,
        locator,
        actor,
        {
          categoryCode: b.service_code,
          description: b.description && b.description.length >= 2 ? b.description : `Open311 ${b.service_code}`,
          address: b.address_string,
          location: { lng: b.long, lat: b.lat, crs: 'wgs84' },
          contact: { name, phone: b.phone || undefined },
        },
        typeof key === 'string' && /^[A-Za-z0-9_-]{8,128}$/.test(key) ? key : undefined,
      );
      const [created] = await listForExchange(ctx.db, {
        scope: '',
        caseIds: [caseId],
        from: new Date(0),
        to: new Date(Date.now() + 60_000),
        limit: 1,
      });
      return send(reply.status(201), req.params.format, 'service_requests', [
        { service_request_id: created?.number ?? String(caseId), service_notice: '', account_id: b.account_id ?? null },
      ]);
    },
  );

  const listQuery = z.object({
    api_key: z.string().min(1).optional(),
    service_request_id: z.string().max(2000).optional(),
    service_code: z.string().max(500).optional(),
    start_date: z.coerce.date().optional(),
    end_date: z.coerce.date().optional(),
    status: z.enum(['open', 'closed']).optional(),
  });

  /**
   * The exchange lists an area's requests to the staff of that area; one request by its id is also read back by the
   * resident who filed it (and by nobody else without the exchange).
   */
  async function listRequests(req: FastifyRequest, q: z.infer<typeof listQuery>, numbers?: string[]) {
    const actor = await client(req, q.api_key, numbers ? 'open311.report' : 'open311.exchange');
    const exchange = ctx.access.rolesFor('open311.exchange').includes(actor.role);
    const to = q.end_date ?? new Date(Date.now() + 60_000);
    const from = q.start_date ?? new Date(to.getTime() - LIST_DAYS * 86_400_000);
    const rows = await listForExchange(ctx.db, {
      ...(exchange ? { scope: actor.scopePath } : { scope: '', reporterId: actor.id }),
      numbers: numbers ?? q.service_request_id?.split(',').map((s) => s.trim()),
      categoryCodes: q.service_code?.split(',').map((s) => s.trim()),
      from: numbers ? new Date(0) : from,
      to,
      open: q.status ? q.status === 'open' : undefined,
      limit: LIST_MAX,
    });
    const host = `${req.protocol}://${req.host}`;
    return rows.map((c) => ({
      service_request_id: c.number,
      status: CLOSED.has(c.status) ? 'closed' : 'open',
      status_notes: c.lastNote ?? '',
      service_name: c.categoryNameZh,
      service_code: c.categoryCode,
      description: c.description,
      agency_responsible: c.assigneeOrg ?? c.level ?? '',
      service_notice: '',
      requested_datetime: new Date(c.reportedAt).toISOString(),
      updated_datetime: new Date(c.updatedAt).toISOString(),
      expected_datetime: c.dueAt ? new Date(c.dueAt).toISOString() : null,
      address: c.address,
      address_id: '',
      zipcode: '',
      lat: c.lat,
      long: c.lng,
      media_url: c.mediaIds[0] ? `${host}/api/cases/media/${c.mediaIds[0]}` : '',
    }));
  }

  app.get(
    '/requests.:format',
    {
      config: { access: { credential: 'api_key', ability: 'open311.exchange' } },
      schema: {
        tags,
        summary: 'Open311 list service requests (api_key required)',
        params: z.object({ format }),
        querystring: listQuery,
      },
    },
    async (req, reply) => send(reply, req.params.format, 'service_requests', await listRequests(req, req.query)),
  );

  app.get(
    '/requests/:id.:format',
    {
      config: { access: { credential: 'api_key', ability: 'open311.report' } },
      schema: {
        tags,
        summary: 'Open311 one service request (api_key required; a resident reads back their own)',
        params: z.object({ id: z.string().regex(/^SZ\d{14}$/), format }),
        querystring: listQuery,
      },
    },
    async (req, reply) => {
      const found = await listRequests(req, req.query, [req.params.id]);
      if (!found.length) throw coreErrors.notFound({ field: 'service_request_id' });
      return send(reply, req.params.format, 'service_requests', found);
    },
  );

  app.get(
    '/tokens/:token.:format',
    {
      config: { access: { credential: 'api_key', ability: 'open311.report' } },
      schema: {
        tags,
        summary: 'Open311 token → request id (requests are created at once, so the token is the id)',
        params: z.object({ token: z.string().regex(/^SZ\d{14}$/), format }),
        querystring: listQuery,
      },
    },
    async (req, reply) => {
      const found = await listRequests(req, req.query, [req.params.token]);
      if (!found.length) throw coreErrors.notFound({ field: 'token' });
      return send(reply, req.params.format, 'service_requests', [
        { service_request_id: found[0]?.service_request_id, token: req.params.token },
      ]);
    },
  );
}
