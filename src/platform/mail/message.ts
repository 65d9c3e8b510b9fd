// An outgoing mail and its checks. Messages never name the address: errors may reach logs and responses.
import { badInput } from '../http/errors.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Built by our own templates (escaped); optional alternative to the text. */
  html?: string;
}

const ADDRESS = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+$/;
const MAX_BODY = 1024 * 1024;

/** The message with trimmed fields, or an AppError naming the bad field. */
export function checkMail(input: MailMessage): MailMessage {
  const to = typeof input?.to === 'string' ? input.to.trim() : '';
  if (!ADDRESS.test(to) || to.length > 254) throw badInput('A mail needs exactly one valid recipient address.', 'to');
  const subject = typeof input.subject === 'string' ? input.subject.trim() : '';
  if (!subject || subject.length > 250 || /[\r\n]/.test(subject)) throw badInput('A mail subject is 1 to 250 characters on one line.', 'subject');
  if (typeof input.text !== 'string' || !input.text.trim() || input.text.length > MAX_BODY) throw badInput('A mail needs a plain-text body of at most 1 MiB.', 'text');
  if (input.html !== undefined && (typeof input.html !== 'string' || input.html.length > MAX_BODY)) throw badInput('A mail HTML body must be text of at most 1 MiB.', 'html');
  return { to, subject, text: input.text, ...(input.html !== undefined ? { html: input.html } : {}) };
}
