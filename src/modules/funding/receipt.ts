// The receipt a donor gets after each confirmed payment (through the mail queue, written in the ledger's
// transaction). Plain text: nothing in it comes from a reader except the donor's own name.
import type { MailMessage } from '../../platform/mail/index.js';
import { formatMoney } from './money.js';
import type { LedgerRow } from './tables.js';

export interface MailSite {
  baseUrl: string;
  title: string;
}

const PROVIDER_NAME: Record<string, string> = { paypal: 'PayPal', stripe: 'Stripe' };

export function receiptMail(site: MailSite, row: Pick<LedgerRow, 'donor_email' | 'donor_name' | 'amount_minor' | 'currency' | 'kind' | 'provider' | 'provider_id' | 'occurred_at'>): MailMessage {
  const amount = formatMoney(Number(row.amount_minor), row.currency);
  const date = new Date(row.occurred_at).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const greeting = row.donor_name ? `Dear ${row.donor_name.replace(/[\r\n]+/g, ' ')},` : 'Dear reader,';
  const what = row.kind === 'recurring' ? `your monthly donation of ${amount}` : `your donation of ${amount}`;
  const text = [
    greeting,
    '',
    `Thank you for ${what} to ${site.title}, received on ${date}.`,
    'Readers like you keep our journalism independent.',
    '',
    `Amount: ${amount}`,
    `Paid through: ${PROVIDER_NAME[row.provider] ?? row.provider}`,
    `Reference: ${row.provider_id}`,
    '',
    'Keep this email as your receipt.',
    '',
    `${site.title}`,
    `${site.baseUrl}/support/`,
  ].join('\n');
  return { to: row.donor_email, subject: `Thank you for supporting ${site.title}`, text };
}
