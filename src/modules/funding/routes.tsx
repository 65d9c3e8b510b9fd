// The public side of funding:
//   GET  /support/                    the appeal and the donation form (no script needed)
//   POST /support/donate              starts a donation: 303 to PayPal or Stripe; a refusal shows the form again
//   GET  /support/paypal/return       PayPal sends the reader back here: we capture the order and record it
//   GET  /support/paypal/cancel       the reader cancelled at PayPal
//   GET  /support/thanks/             the thank-you page (with ?c=<checkout>, what was received)
// The form is defended by a double-submit token (a cookie and the same value in the form) and an Origin check.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.js';
import type { Head } from '../../web/layout.js';
import { articlePath } from '../content/dates.js';
import type { FundingDeps } from './deps.js';
import { appealData } from './appeal.js';
import { applyMoneyEvent } from './operations/applyMoneyEvent.js';
import { startDonation } from './operations/startDonation.js';
import { captureOrder } from './providers/paypal.js';
import { retrieveSession, sessionPayment } from './providers/stripe.js';
import { providers, paypalReady, readFundingSettings, stripeReady, type Providers } from './settings.js';
import { SupportPageView, ThanksPageView, type FormSetup, type FormValues, type ThanksData } from './views/support.js';
import { WebhookRefused } from './facts.js';
import { foreignOrigin, readCookie, str } from '../../platform/http/form.js';

export const CSRF_COOKIE = 'broadside_donate';
const TOKEN = /^[A-Za-z0-9_-]{22}$/;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

/**
 * Where the donation form's answer may redirect: browsers hold a form's redirects to the CSP's form-action, so the
 * page with the form also names the providers' payment pages (and a configured API host other than the live one,
 * such as a sandbox or a test fake).
 */
export function formTargets(p: Providers): string[] {
  const out = new Set<string>(["'self'"]);
  if (p.paypal.mode === 'api') {
    const api = new URL(p.paypal.apiUrl);
    if (api.hostname.includes('sandbox.paypal.com')) out.add('https://www.sandbox.paypal.com');
    else if (api.hostname.endsWith('paypal.com')) out.add('https://www.paypal.com');
    else out.add(api.origin);
  }
  if (p.stripe.enabled) {
    out.add('https://checkout.stripe.com');
    const api = new URL(p.stripe.apiUrl);
    if (!api.hostname.endsWith('stripe.com')) out.add(api.origin);
  }
  return [...out];
}

function allowFormTargets(reply: FastifyReply, p: Providers): void {
  const csp = reply.getHeader('content-security-policy');
  if (typeof csp === 'string') reply.header('content-security-policy', csp.replace(/form-action [^;]*/, `form-action ${formTargets(p).join(' ')}`));
}

export function registerSupportRoutes(app: FastifyInstance, deps: FundingDeps): void {
  const { ctx, site } = deps;

  async function page(reply: FastifyReply, status: number, head: Head, body: preact.ComponentChildren) {
    const r = await site.render(new Date().toISOString(), head, body);
    return noStore(reply).code(status).type('text/html; charset=utf-8').send(r.html);
  }

  function csrfFor(req: FastifyRequest, reply: FastifyReply): string {
    const have = readCookie(req.headers.cookie, CSRF_COOKIE);
    if (have && /^[A-Za-z0-9_-]{32}$/.test(have)) return have;
    const token = randomBytes(24).toString('base64url');
    reply.header('set-cookie', `${CSRF_COOKIE}=${token}; Path=/support; HttpOnly; SameSite=Lax${deps.secureCookies ? '; Secure' : ''}`);
    return token;
  }

  async function formSetup(req: FastifyRequest, reply: FastifyReply, articleId: number | null, values?: FormValues, error?: AppError): Promise<FormSetup | null> {
    const s = await readFundingSettings(ctx.db);
    const p = providers(s, deps.env);
    const paypal = paypalReady(p.paypal);
    const stripe = stripeReady(p.stripe);
    if (!paypal && !stripe) return null;
    allowFormTargets(reply, p);
    return {
      csrf: csrfFor(req, reply),
      articleId,
      currencies: s.currencies,
      presets: s.presets,
      paypal,
      stripe,
      monthly: stripe && p.stripe.monthly,
      values: values ?? { amount: String(s.presets[1] ?? s.presets[0] ?? ''), other: '', currency: s.campaign.currency, frequency: 'one_off', mention: false, publicName: '' },
      ...(error ? { message: error.message, ...(error.field ? { field: error.field } : {}) } : {}),
    };
  }

  async function supportPage(req: FastifyRequest, reply: FastifyReply, status: number, articleId: number | null, opts: { values?: FormValues; error?: AppError; notice?: string } = {}) {
    const { data } = await appealData(ctx, deps.env, { articleId });
    const form = await formSetup(req, reply, articleId, opts.values, opts.error);
    return page(reply, status, { title: 'Support us', path: '/support/', ...(status !== 200 ? { noindex: true } : {}) }, <SupportPageView appeal={{ ...data, donateHref: null }} form={form} {...(opts.notice ? { notice: opts.notice } : {})} />);
  }

  const articleParam = (v: string) => (/^[1-9]\d{0,15}$/.test(v) ? Number(v) : null);

  app.get('/support/', async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const notice = str(q, 'cancelled') === '1' ? 'The payment was cancelled, and nothing was charged. You can try again below.' : undefined;
    return supportPage(req, reply, 200, articleParam(str(q, 'article')), notice ? { notice } : {});
  });


  app.register(async (scope) => {
    scope.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
      const status = err instanceof AppError ? err.status : err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status >= 500 && !(err instanceof AppError)) req.log.error({ err }, 'donation failed');
      const message = err instanceof AppError ? err.message : status >= 500 ? 'Something went wrong on our side and nothing was charged. Try again in a few minutes.' : 'The form could not be read. Go back and send it again.';
      return supportPage(req, reply, status, null, { error: new AppError(status === 503 ? 'BROADSIDE_E_UNAVAILABLE' : 'BROADSIDE_E_BAD_INPUT', message, 'form') });
    });

    scope.post('/support/donate', { bodyLimit: 64 * 1024 }, async (req, reply) => {
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const values: FormValues = {
        amount: str(body, 'amount'),
        other: str(body, 'other').slice(0, 40),
        currency: str(body, 'currency').slice(0, 3),
        frequency: str(body, 'frequency') === 'monthly' ? 'monthly' : 'one_off',
        mention: str(body, 'mention') === '1',
        publicName: str(body, 'public_name').slice(0, 200),
      };
      const articleId = articleParam(str(body, 'article'));
      const ms = await deps.mailSite();
      try {
        const cookie = readCookie(req.headers.cookie, CSRF_COOKIE) ?? '';
        if (foreignOrigin(req, ms.baseUrl) || !sameToken(cookie, str(body, 'csrf'))) {
          throw new AppError('BROADSIDE_E_CSRF', 'This form expired or came from another website, so nothing was started. Check the amount below and send it again.', 'form');
        }
        const started = await startDonation(ctx, deps.env, ms, deps.limits, { ...values, frequency: str(body, 'frequency'), provider: str(body, 'provider'), articleId: str(body, 'article'), ip: req.ip });
        return noStore(reply).redirect(started.redirectUrl, 303);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const retry = (err as AppError & { retryAfterSeconds?: number }).retryAfterSeconds;
        if (retry) reply.header('retry-after', String(retry));
        return supportPage(req, reply, err.status, articleId, { values, error: err });
      }
    });
  });

  async function thanksUrlFor(token: string) {
    return `/support/thanks/?c=${token}`;
  }

  // PayPal returns the reader with ?token=<order id>&PayerID=…; the order must be one we started.
  app.get('/support/paypal/return', async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
    const orderId = str((req.query ?? {}) as Record<string, unknown>, 'token');
    const head: Head = { title: 'Your donation', path: '/support/', noindex: true };
    const checkout = /^[A-Za-z0-9-]{1,64}$/.test(orderId) ? await ctx.db.selectFrom('funding_checkouts').select(['token']).where('provider', '=', 'paypal').where('provider_ref', '=', orderId).executeTakeFirst() : undefined;
    if (!checkout) return page(reply, 404, head, <ThanksPageView t={{ confirmed: null, pending: false, monthly: false, back: null }} appeal={null} />);
    const cfg = providers(await readFundingSettings(ctx.db), deps.env).paypal;
    try {
      const captured = await captureOrder(cfg, orderId);
      if (captured.facts.length) await applyMoneyEvent(ctx, { provider: 'paypal', eventId: null, eventType: 'order.capture', facts: captured.facts, outcome: 'applied' }, await deps.mailSite());
    } catch (err) {
      if (!(err instanceof AppError) && !(err instanceof WebhookRefused)) throw err;
      const { data } = await appealData(ctx, deps.env, {});
      return page(reply, err instanceof AppError ? err.status : 502, { title: 'Support us', path: '/support/', noindex: true }, <SupportPageView appeal={{ ...data, donateHref: null }} form={await formSetup(req, reply, null)} notice={err.message} />);
    }
    return noStore(reply).redirect(await thanksUrlFor(checkout.token), 303);
  });

  app.get('/support/paypal/cancel', async (_req, reply) => noStore(reply).redirect('/support/?cancelled=1#donate', 303));

  app.get('/support/thanks/', async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const token = str(q, 'c');
    const head: Head = { title: 'Thank you', path: '/support/thanks/', noindex: true };
    const t: ThanksData = { confirmed: null, pending: false, monthly: false, back: null };
    const checkout = TOKEN.test(token) ? await ctx.db.selectFrom('funding_checkouts').selectAll().where('token', '=', token).executeTakeFirst() : undefined;
    if (checkout) {
      t.monthly = checkout.kind === 'recurring';
      // Stripe sends the reader here at once; its webhook may still be on the way, so ask Stripe (the provider's
      // word, not the browser's) and record what it says. The webhook then finds the payment already there.
      const sessionId = str(q, 'session_id');
      if (checkout.provider === 'stripe' && checkout.provider_ref && sessionId === checkout.provider_ref && checkout.kind === 'one_off') {
        const paid = await ctx.db.selectFrom('funding_ledger').select('id').where('checkout', '=', token).where('entry', '=', 'payment').executeTakeFirst();
        if (!paid) {
          try {
            const cfg = providers(await readFundingSettings(ctx.db), deps.env).stripe;
            const fact = sessionPayment(await retrieveSession(cfg, sessionId), new Date().toISOString());
            if (fact) await applyMoneyEvent(ctx, { provider: 'stripe', eventId: null, eventType: 'checkout.session.retrieve', facts: [fact], outcome: 'applied' }, await deps.mailSite());
          } catch (err) {
            if (!(err instanceof AppError) && !(err instanceof WebhookRefused)) throw err;
            req.log.warn({ reason: err.message }, 'stripe session could not be confirmed on the thank-you page');
          }
        }
      }
      const row = await ctx.db.selectFrom('funding_ledger').select(['amount_minor', 'currency', 'kind']).where('checkout', '=', token).where('entry', '=', 'payment').orderBy('id').executeTakeFirst();
      if (row) t.confirmed = { amountMinor: Number(row.amount_minor), currency: row.currency, kind: row.kind };
      else t.pending = true;
      if (checkout.article_id !== null) {
        const a = await ctx.db.selectFrom('articles').select(['slug', 'month_key', 'headline']).where('id', '=', checkout.article_id).executeTakeFirst();
        if (a?.month_key) t.back = { path: articlePath(a.month_key, a.slug), headline: a.headline };
      }
    }
    const { data } = await appealData(ctx, deps.env, {});
    return page(reply, 200, head, <ThanksPageView t={t} appeal={data} />);
  });
}
