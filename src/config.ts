// Environment → typed, validated config. Every bad value is reported at once, one readable line each.
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Payment provider keys from the environment; each one set here wins over the admin settings. */
export interface FundingEnv {
  paypalClientId: string | null;
  paypalSecret: string | null;
  paypalWebhookId: string | null;
  /** The PayPal REST API base (live https://api-m.paypal.com, sandbox https://api-m.sandbox.paypal.com). */
  paypalApiUrl: string | null;
  /** PEM roots that PayPal's webhook certificates must chain to, instead of the system's trusted roots. */
  paypalRootsPem: string | null;
  stripeSecretKey: string | null;
  stripeWebhookSecret: string | null;
  /** The Stripe API base (https://api.stripe.com); tests point it at a local fake. */
  stripeApiUrl: string | null;
  patreonWebhookSecret: string | null;
}

export interface Config {
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  title: string;
  description: string;
  pageSize: number;
  /** Render pages once and keep the bytes; off only to measure uncached renders. */
  pageCache: boolean;
  logLevel: string;
  /** Memory the page cache may hold, in MiB. */
  cacheMegabytes: number;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For. */
  trustProxy: boolean;
  /** smtp(s)://user:pass@host:port; null writes mail to files under <dataDir>/mail. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Cookies get the Secure flag when the public URL is https. */
  secureCookies: boolean;
  /** Largest media upload accepted, in MiB. */
  maxUploadMb: number;
  /**
   * Worker threads that run searches on SQLite (0: in the request's own thread). Each has its own read-only
   * connection, so searches use the spare cores and never hold up serving pages.
   */
  searchThreads: number;
  /** MiB of the SQLite file search threads read through a memory map (0: none). */
  searchMmapMb: number;
  funding: FundingEnv;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];

  const port = intVar(env, 'PORT', 3000, 0, 65535, problems);
  const host = env.HOST?.trim() || '127.0.0.1';

  let baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (env.BROADSIDE_URL !== undefined && env.BROADSIDE_URL !== '') {
    try {
      const u = new URL(env.BROADSIDE_URL);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
      if (u.search || u.hash) throw new Error('query');
      baseUrl = u.href.replace(/\/+$/, '');
    } catch {
      problems.push(`BROADSIDE_URL must be an absolute http(s) URL without query, such as https://news.example.org (got "${env.BROADSIDE_URL}")`);
    }
  }

  const dataDir = resolve(env.BROADSIDE_DATA_DIR?.trim() || './data');

  let databaseUrl: string | null = null;
  if (env.DATABASE_URL !== undefined && env.DATABASE_URL !== '') {
    if (/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
      try {
        new URL(env.DATABASE_URL);
        databaseUrl = env.DATABASE_URL;
      } catch {
        problems.push('DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database)');
      }
    } else {
      problems.push('DATABASE_URL must start with postgres:// or postgresql:// (leave it unset to use SQLite in the data dir)');
    }
  }

  const title = env.BROADSIDE_TITLE?.trim() || '';
  if (title.length > 200) problems.push('BROADSIDE_TITLE must be at most 200 characters');
  const description = env.BROADSIDE_DESCRIPTION?.trim() || '';

  const pageSize = intVar(env, 'BROADSIDE_PAGE_SIZE', 10, 1, 100, problems);
  const pageCache = boolVar(env, 'BROADSIDE_PAGE_CACHE', true, problems);

  const cacheMegabytes = intVar(env, 'BROADSIDE_CACHE_MB', 32, 1, 4096, problems);
  const trustProxy = boolVar(env, 'BROADSIDE_TRUST_PROXY', false, problems);
  const maxUploadMb = intVar(env, 'BROADSIDE_MAX_UPLOAD_MB', 20, 1, 1024, problems);
  const searchThreads = intVar(env, 'BROADSIDE_SEARCH_THREADS', Math.min(2, availableParallelism()), 0, 16, problems);
  // SQLite's largest map by default (SQLITE_MAX_MMAP_SIZE, just under 2 GiB).
  const searchMmapMb = intVar(env, 'BROADSIDE_SEARCH_MMAP_MB', 2047, 0, 2047, problems);

  let smtpUrl: string | null = null;
  if (env.BROADSIDE_SMTP_URL) {
    try {
      const u = new URL(env.BROADSIDE_SMTP_URL);
      if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error('protocol');
      smtpUrl = u.href;
    } catch {
      problems.push('BROADSIDE_SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465');
    }
  }
  const mailFrom = env.BROADSIDE_MAIL_FROM?.trim() || `Broadside <no-reply@${hostOf(baseUrl)}>`;
  if (!/@/.test(mailFrom)) problems.push(`BROADSIDE_MAIL_FROM must hold an email address (got "${mailFrom}")`);

  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);

  const funding = fundingEnv(env, problems);

  if (problems.length) throw new ConfigError(problems);
  return { port, host, baseUrl, dataDir, databaseUrl, title, description, pageSize, pageCache, logLevel, cacheMegabytes, trustProxy, smtpUrl, mailFrom, secureCookies: baseUrl.startsWith('https:'), maxUploadMb, searchThreads, searchMmapMb, funding, ...overrides };
}

function fundingEnv(env: NodeJS.ProcessEnv, problems: string[]): FundingEnv {
  const text = (name: string) => env[name]?.trim() || null;
  const url = (name: string) => {
    const raw = text(name);
    if (raw === null) return null;
    try {
      const u = new URL(raw);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('protocol');
      return u.href.replace(/\/+$/, '');
    } catch {
      problems.push(`${name} must be an absolute https:// URL (got "${raw}")`);
      return null;
    }
  };
  let paypalRootsPem: string | null = null;
  const rootsFile = text('BROADSIDE_PAYPAL_ROOTS_FILE');
  if (rootsFile) {
    try {
      paypalRootsPem = readFileSync(rootsFile, 'utf8');
      if (!paypalRootsPem.includes('-----BEGIN CERTIFICATE-----')) problems.push(`BROADSIDE_PAYPAL_ROOTS_FILE must be a PEM file of certificates (${rootsFile} holds none)`);
    } catch {
      problems.push(`BROADSIDE_PAYPAL_ROOTS_FILE could not be read (${rootsFile})`);
    }
  }
  return {
    paypalClientId: text('BROADSIDE_PAYPAL_CLIENT_ID'),
    paypalSecret: text('BROADSIDE_PAYPAL_SECRET'),
    paypalWebhookId: text('BROADSIDE_PAYPAL_WEBHOOK_ID'),
    paypalApiUrl: url('BROADSIDE_PAYPAL_API_URL'),
    paypalRootsPem,
    stripeSecretKey: text('BROADSIDE_STRIPE_SECRET_KEY'),
    stripeWebhookSecret: text('BROADSIDE_STRIPE_WEBHOOK_SECRET'),
    stripeApiUrl: url('BROADSIDE_STRIPE_API_URL'),
    patreonWebhookSecret: text('BROADSIDE_PATREON_WEBHOOK_SECRET'),
  };
}

function hostOf(url: string): string {
  const h = URL.canParse(url) ? new URL(url).hostname : '';
  return h.includes('.') ? h : 'localhost.localdomain';
}

function intVar(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return def;
  if (!/^\d+$/.test(raw.trim())) {
    problems.push(`${name} must be a whole number between ${min} and ${max} (got "${raw}")`);
    return def;
  }
  const n = Number(raw);
  if (n < min || n > max) problems.push(`${name} must be between ${min} and ${max} (got ${n})`);
  return n;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, def: boolean, problems: string[]): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return def;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push(`${name} must be true or false (got "${env[name]}")`);
  return def;
}
