// The providers' webhooks: POST /webhooks/paypal, /webhooks/stripe and /webhooks/patreon. Each reads the raw body
// (the signature is over its exact bytes), verifies it before anything is stored, and answers:
//   200 {received, outcome, duplicate}  applied, ignored (a type we do not handle, noted), or seen before;
//   400 {error}                         a bad signature or an unreadable body: nothing stored;
//   503 {error}                         the provider is not set up here, or its certificate could not be fetched
//                                       (the provider retries later).
// Bodies are never logged: they hold donors' names and addresses.
import type { FastifyInstance, FastifyReply } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { FundingDeps } from './deps.js';
import { WebhookRefused } from './facts.js';
import { applyMoneyEvent } from './operations/applyMoneyEvent.js';
import { applyPatreonEvent } from './operations/applyPatreonEvent.js';
import { parsePaypalEvent, paypalHeaders, verifyPaypalWebhook } from './providers/paypal.js';
import { parseStripeEvent, verifyStripeWebhook } from './providers/stripe.js';
import { parsePatreonEvent, verifyPatreonWebhook } from './providers/patreon.js';
import { providers, readFundingSettings } from './settings.js';

const BODY_LIMIT = 512 * 1024;

function refuse(reply: FastifyReply, err: WebhookRefused) {
  return reply
    .code(err.status)
    .header('cache-control', 'no-store')
    .send({ error: { code: err.status === 503 ? 'BROADSIDE_E_UNAVAILABLE' : err.status === 429 ? 'BROADSIDE_E_RATE_LIMITED' : 'BROADSIDE_E_BAD_INPUT', message: err.message } });
}

function one(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}

export function registerWebhooks(app: FastifyInstance, deps: FundingDeps): void {
  const { ctx } = deps;
  const current = async () => providers(await readFundingSettings(ctx.db), deps.env);

  app.register(async (scope) => {
    // Counted per address in this process, before the body is read; refused deliveries are retried by providers.
    await scope.register(rateLimit, {
      global: true,
      max: deps.limits.webhooksPerMinute,
      timeWindow: '1 minute',
      errorResponseBuilder: (_req, c) => new WebhookRefused(`Too many deliveries from this address: at most ${c.max} a minute. Try again in ${c.after}.`, 429),
    });
    // Every content type arrives as bytes: the signature is checked over them before any parsing.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
    scope.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
      if (err instanceof WebhookRefused) {
        req.log.info({ reason: err.message }, 'webhook refused');
        return refuse(reply, err);
      }
      if (err.statusCode === 413) return refuse(reply, new WebhookRefused('The body is larger than any webhook we take.'));
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return refuse(reply, new WebhookRefused('The request could not be read.'));
      req.log.error({ err }, 'webhook failed');
      return reply.code(500).header('cache-control', 'no-store').send({ error: { code: 'BROADSIDE_E_INTERNAL', message: 'Internal error; the provider will retry.' } });
    });

    const rawOf = (body: unknown): Buffer => {
      if (!Buffer.isBuffer(body) || body.length === 0) throw new WebhookRefused('The body is empty.');
      return body;
    };

    scope.post('/webhooks/paypal', async (req, reply) => {
      const raw = rawOf(req.body);
      const cfg = (await current()).paypal;
      await verifyPaypalWebhook(cfg, paypalHeaders(req.headers), raw);
      const event = parsePaypalEvent(raw);
      const r = await applyMoneyEvent(ctx, event, await deps.mailSite());
      req.log.info({ provider: 'paypal', type: event.eventType, outcome: event.outcome, duplicate: r.duplicate }, 'webhook');
      return reply.header('cache-control', 'no-store').send({ received: true, outcome: event.outcome, duplicate: r.duplicate });
    });

    scope.post('/webhooks/stripe', async (req, reply) => {
      const raw = rawOf(req.body);
      const cfg = (await current()).stripe;
      const event = parseStripeEvent(verifyStripeWebhook(cfg, raw, one(req.headers['stripe-signature'])));
      const r = await applyMoneyEvent(ctx, event, await deps.mailSite());
      req.log.info({ provider: 'stripe', type: event.eventType, outcome: event.outcome, duplicate: r.duplicate }, 'webhook');
      return reply.header('cache-control', 'no-store').send({ received: true, outcome: event.outcome, duplicate: r.duplicate });
    });

    scope.post('/webhooks/patreon', async (req, reply) => {
      const raw = rawOf(req.body);
      const cfg = (await current()).patreon;
      verifyPatreonWebhook(cfg.webhookSecret, raw, one(req.headers['x-patreon-signature']));
      const type = (one(req.headers['x-patreon-event']) ?? '').trim();
      const fact = parsePatreonEvent(type, raw);
      const r = await applyPatreonEvent(ctx, type, raw, fact);
      req.log.info({ provider: 'patreon', type: type.slice(0, 60), outcome: r.outcome, duplicate: r.duplicate }, 'webhook');
      return reply.header('cache-control', 'no-store').send({ received: true, outcome: r.outcome, duplicate: r.duplicate });
    });
  });
}
