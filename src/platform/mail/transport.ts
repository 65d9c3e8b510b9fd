// Where mail goes: the SMTP server of config.smtpUrl, or .eml files under <dataDir>/mail when none is set.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type nodemailerTypes from 'nodemailer';
import type { Config } from '../../config.js';
import type { MailMessage } from './message.js';

export type MailMode = 'smtp' | 'files';

export function mailMode(config: Pick<Config, 'smtpUrl'>): MailMode {
  return config.smtpUrl ? 'smtp' : 'files';
}

export interface MailTransport {
  /** `key` names the file in files mode (the job id): never the address. */
  send(message: MailMessage, key: string): Promise<void>;
}

// A slow or dead server fails the run within these bounds; the job retries later.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 20_000, dnsTimeout: 10_000 };

function fields(config: Pick<Config, 'mailFrom'>, m: MailMessage) {
  return {
    from: config.mailFrom,
    to: m.to,
    subject: m.subject,
    text: m.text,
    ...(m.html !== undefined ? { html: m.html } : {}),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

// nodemailer is loaded on the first message, not at boot: most processes send mail rarely.
let mailer: Promise<typeof nodemailerTypes> | null = null;
const loadMailer = () => (mailer ??= import('nodemailer').then((m) => m.default));

export function createMailTransport(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>): MailTransport {
  if (config.smtpUrl) {
    let smtp: ReturnType<typeof nodemailerTypes.createTransport> | null = null;
    return {
      async send(m) {
        smtp ??= (await loadMailer()).createTransport({ url: config.smtpUrl!, ...TIMEOUTS });
        await smtp.sendMail(fields(config, m));
      },
    };
  }
  let builder: ReturnType<typeof nodemailerTypes.createTransport> | null = null;
  const dir = join(config.dataDir, 'mail');
  return {
    async send(m, key) {
      builder ??= (await loadMailer()).createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      const info = await builder.sendMail(fields(config, m));
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${key}.eml`;
      // Written aside and renamed, so a reader never sees half a message. Mail may hold reset links: owner only.
      const tmp = join(dir, `.${name}.tmp`);
      await writeFile(tmp, info.message as Buffer, { mode: 0o600 });
      await rename(tmp, join(dir, name));
    },
  };
}
