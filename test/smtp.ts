// A real SMTP server (smtp-server) on 127.0.0.1, port 0, for tests that read the mail the app sends: each message
// is kept with its envelope, its decoded headers and its decoded text part.
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope sender and recipients, as the SMTP conversation gave them. */
  from: string;
  to: string[];
  /** Header names in lower case; encoded words (=?UTF-8?Q?…?=) decoded. */
  headers: Record<string, string>;
  subject: string;
  /** The text/plain part, transfer encoding undone. */
  text: string;
  raw: string;
}

export interface TestSmtp {
  /** smtp://127.0.0.1:<port> for config.smtpUrl. */
  url: string;
  received: ReceivedMail[];
  /** Resolves with the first message (already received or still to come) that matches, or fails after timeoutMs. */
  waitFor(match: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ...parseMessage(raw),
          raw,
        });
        for (const w of [...waiters]) w();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = received.find(match);
          if (!m) return false;
          clearTimeout(timer);
          waiters.delete(onMail);
          resolve(m);
          return true;
        };
        const onMail = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(onMail);
          reject(new Error(`no matching mail within ${timeoutMs} ms (received: ${received.map((r) => r.subject).join(' | ') || 'none'})`));
        }, timeoutMs);
        waiters.add(onMail);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in `text` to `path` (such as /admin/invite), and its token. */
export function linkIn(text: string, path: string): { url: string; token: string } {
  const m = new RegExp(`(https?://[^\\s]+${path.replace(/[/.]/g, '\\$&')}\\?token=([A-Za-z0-9_-]+))`).exec(text);
  if (!m) throw new Error(`no ${path} link in the mail:\n${text}`);
  return { url: m[1]!, token: m[2]! };
}

function parseMessage(raw: string): { headers: Record<string, string>; subject: string; text: string } {
  const { headers, body } = splitPart(raw);
  return { headers, subject: headers.subject ?? '', text: textOf(headers, body) };
}

function splitPart(raw: string): { headers: Record<string, string>; body: string } {
  const norm = raw.replace(/\r\n/g, '\n');
  const cut = norm.indexOf('\n\n');
  const head = cut === -1 ? norm : norm.slice(0, cut);
  const body = cut === -1 ? '' : norm.slice(cut + 2);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  return { headers, body };
}

function textOf(headers: Record<string, string>, body: string): string {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = splitPart(chunk.replace(/^\n/, ''));
      const text = textOf(part.headers, part.body);
      if (text) return text;
    }
    return '';
  }
  if (!/^text\/plain/i.test(type)) return '';
  const enc = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i]!;
    if (c === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(s: string): string {
  // Whitespace between two encoded words is not part of the text (RFC 2047).
  return s.replace(/(\?=)\s+(?==\?)/g, '$1').replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_m, _charset: string, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}
