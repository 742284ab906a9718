import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../core/auth.js';
import { AppError, coreErrors } from '../../core/errors.js';
import type { HttpApp } from '../../core/http.js';
import { pickLocale } from '../../core/i18n.js';
import type { ModuleContext } from '../../core/module.js';
import { type CategoryRecord, listCategories, listForExchange, reportCase } from '../cases/index.js';
import { areaNames, type GridLocator } from '../geo/index.js';
import { resolveActor } from '../identity/index.js';
import { open311Errors } from './open311.errors.js';
import { toXml } from './xml.js';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the case loop, so existing Open311 clients
 * and 12345-style hotline systems exchange cases with Shanzhi. `service_request_id` is the case number.
 * Discovery, the service list and the requests are public; a request's text and place can carry personal data, so
 * without an `api_key` (an identity API token) a request shows only what a follower sees: its service and status,
 * its community for an address and its point to about 100 m, its description and notes only once staff marked the
 * case public. With a key the staff of an area read its requests whole, and a resident their own.
 */
const format = z.enum(['json', 'xml']);
const CLOSED = new Set(['rejected', 'closed', 'rated', 'merged']);
const LIST_DAYS = 90;
/** Three decimals of a degree: about 100 m, a neighbourhood rather than a doorstep. */
const PUBLIC_PRECISION = 1000;
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
      // the case loop calls it a category; an Open311 client asked for a service that is not there
      const e = err.code === 'cases.unknown_category' ? open311Errors.unknownService(err.options) : err;
      status = e.status;
      const field = e.options.field ? (OPEN311_FIELDS[e.options.field] ?? e.options.field) : undefined;
      description = new AppError(e.code, e.status, e.text, { ...e.options, field }).localized(locale);
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

  const keyOf = (req: FastifyRequest, apiKey: string | undefined) => {
    const header = req.headers.authorization;
    return apiKey ?? (header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined);
  };

  /** The account an `api_key` belongs to; a missing or unknown key is a 403, as GeoReport v2 says. */
  async function client(req: FastifyRequest, apiKey: string | undefined, ability: string): Promise<Actor> {
    const token = keyOf(req, apiKey);
    const actor = token ? await resolveActor(ctx.db, ctx.config.sessionSecret, token) : undefined;
    if (!actor) throw open311Errors.badApiKey({ field: 'api_key' });
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
        params: z.object({ code: z.string().max(40), format }),
      },
    },
    async (req, reply) => {
      const category = (await listCategories(ctx.db)).find((c) => c.code === req.params.code && c.active);
      if (!category) throw open311Errors.unknownService({ field: 'service_code', params: { code: req.params.code } });
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
          service_code: z.string().min(1).max(40),
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
   * Requests as the caller may see them: with a key, the staff of an area its requests whole and a resident their
   * own; everything else in its public form. A period is at most 90 days, ending at `end_date` (or now).
   */
  async function listRequests(req: FastifyRequest, q: z.infer<typeof listQuery>, numbers?: string[]) {
    const keyed = keyOf(req, q.api_key) !== undefined;
    const actor = keyed ? await client(req, q.api_key, 'open311.report') : undefined;
    const exchange = actor !== undefined && ctx.access.rolesFor('open311.exchange').includes(actor.role);
    const to = q.end_date ?? new Date(Date.now() + 60_000);
    const earliest = new Date(to.getTime() - LIST_DAYS * 86_400_000);
    const from = q.start_date && q.start_date > earliest ? q.start_date : earliest;
    const rows = await listForExchange(ctx.db, {
      scope: exchange ? actor.scopePath : '',
      numbers: numbers ?? q.service_request_id?.split(',').map((s) => s.trim()),
      categoryCodes: q.service_code?.split(',').map((s) => s.trim()),
      from: numbers ? new Date(0) : from,
      to: numbers ? new Date(Date.now() + 60_000) : to,
      open: q.status ? q.status === 'open' : undefined,
      limit: LIST_MAX,
    });
    const host = `${req.protocol}://${req.host}`;
    const isWhole = (c: (typeof rows)[number]) => exchange || (actor !== undefined && c.reporterId === actor.id);
    // the community names only the public form needs
    const communities = await areaNames(ctx.db, [
      ...new Set(rows.filter((c) => !isWhole(c)).map((c) => c.gridCode.slice(0, 12))),
    ]);
    return rows.map((c) => {
      const whole = isWhole(c);
      const shown = whole || c.public;
      const round = (x: number) => (whole ? x : Math.round(x * PUBLIC_PRECISION) / PUBLIC_PRECISION);
      return {
        service_request_id: c.number,
        status: CLOSED.has(c.status) ? 'closed' : 'open',
        status_notes: shown ? (c.lastNote ?? '') : '',
        service_name: c.categoryNameZh,
        service_code: c.categoryCode,
        description: shown ? c.description : '',
        agency_responsible: whole ? (c.assigneeOrg ?? c.level ?? '') : '',
        service_notice: '',
        requested_datetime: new Date(c.reportedAt).toISOString(),
        updated_datetime: new Date(c.updatedAt).toISOString(),
        expected_datetime: c.dueAt ? new Date(c.dueAt).toISOString() : null,
        address: whole ? c.address : (communities.get(c.gridCode.slice(0, 12)) ?? ''),
        address_id: '',
        zipcode: '',
        lat: round(c.lat),
        long: round(c.lng),
        media_url: whole && c.mediaIds[0] ? `${host}/api/cases/media/${c.mediaIds[0]}` : '',
      };
    });
  }

  app.get(
    '/requests.:format',
    {
      config: { access: { credential: 'api_key' } },
      schema: {
        tags,
        summary: 'Open311 list service requests (public form without an api_key; an area’s or one’s own with it)',
        params: z.object({ format }),
        querystring: listQuery,
      },
    },
    async (req, reply) => send(reply, req.params.format, 'service_requests', await listRequests(req, req.query)),
  );

  app.get(
    '/requests/:id.:format',
    {
      config: { access: { credential: 'api_key' } },
      schema: {
        tags,
        summary: 'Open311 one service request (public form without an api_key; whole for its area’s staff or reporter)',
        params: z.object({ id: z.string().max(40), format }),
        querystring: listQuery,
      },
    },
    async (req, reply) => {
      const found = await listRequests(req, req.query, [req.params.id]);
      if (!found.length) throw open311Errors.unknownRequest({ field: 'service_request_id' });
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
        params: z.object({ token: z.string().max(40), format }),
        querystring: listQuery,
      },
    },
    async (req, reply) => {
      const found = await listRequests(req, req.query, [req.params.token]);
      if (!found.length) throw open311Errors.unknownRequest({ field: 'token' });
      return send(reply, req.params.format, 'service_requests', [
        { service_request_id: found[0]?.service_request_id, token: req.params.token },
      ]);
    },
  );
}
