import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { coreErrors } from '../../../core/errors.js';
import type { HttpApp } from '../../../core/http.js';
import { iotErrors } from '../iot.errors.js';
import type { IotRuntime } from '../iot.routes.js';
import { webhookBody } from '../iot.schemas.js';

const WEBHOOK_SKEW_SECONDS = 300;

/** The NB-IoT platforms' webhook, in a plugin of its own so its raw-body JSON parser applies to it alone. */
export function ingestRoutes(app: HttpApp, rt: IotRuntime) {
  const { deps } = rt;
  const tags = ['iot'];

  // NB-IoT platforms push over HTTP: the signature is over the exact bytes received, so this plugin keeps them.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    (req as unknown as { rawBody: Buffer }).rawBody = body as Buffer;
    try {
      done(null, JSON.parse((body as Buffer).toString('utf8')));
    } catch {
      done(coreErrors.invalid({ field: 'body', params: { reason: 'JSON' } }), undefined);
    }
  });
  app.post(
    '/ingest',
    {
      // devices and platforms have no session: the signature is the authentication
      config: { access: { credential: 'hmac' } },
      schema: {
        tags,
        summary:
          'NB-IoT 平台推送（HMAC-SHA256 签名：x-shanzhi-timestamp + "." + 原文）/ webhook for NB-IoT platforms, signed',
        body: webhookBody,
        response: { 202: z.object({ status: z.enum(['accepted', 'dead_lettered']) }) },
      },
    },
    async (req, reply) => {
      const secret = deps.ctx.config.iot.webhookSecret;
      if (!secret) throw iotErrors.webhookNotConfigured();
      const ts = Number(req.headers['x-shanzhi-timestamp']);
      const given = String(req.headers['x-shanzhi-signature'] ?? '').replace(/^sha256=/, '');
      const raw = (req as unknown as { rawBody: Buffer }).rawBody;
      const expected = createHmac('sha256', secret).update(`${ts}.`).update(raw).digest();
      const givenBuf = Buffer.from(given, 'hex');
      const fresh = Number.isFinite(ts) && Math.abs(Date.now() / 1000 - ts) <= WEBHOOK_SKEW_SECONDS;
      if (!fresh || givenBuf.length !== expected.length || !timingSafeEqual(givenBuf, expected))
        throw iotErrors.badSignature({ field: 'x-shanzhi-signature' });
      const ingestor = rt.ingestor();
      const pending = ingestor.handleTyped(
        'http',
        req.body.deviceCode,
        req.body.type,
        JSON.stringify(req.body.payload),
      );
      const status = ingestor.lastDeadLettered ? 'dead_lettered' : 'accepted';
      await pending;
      return reply.status(202).send({ status });
    },
  );
}
