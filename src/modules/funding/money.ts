// Money as integer minor units of an ISO 4217 currency, never floats. The exponent table says how many digits
// follow the decimal point (JPY none, EUR two, KWD three); amounts cross between text and integers only here.
import { badInput } from '../../platform/http/errors.js';

const EXPONENTS: Record<string, number> = {
  // No minor unit.
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  // Three digits.
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};
const CODE = /^[A-Z]{3}$/;

/** Digits after the decimal point for an ISO 4217 code (two unless the table says otherwise). */
export function exponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && CODE.test(code);
}

/** "12.50" in EUR → 1250; "1000" in JPY → 1000. Null for anything that is not a plain decimal amount in that currency. */
export function parseAmount(text: string, currency: string): number | null {
  const t = text.trim();
  const m = /^(\d{1,15})(?:\.(\d+))?$/.exec(t);
  if (!m) return null;
  const e = exponent(currency);
  let frac = m[2] ?? '';
  // Trailing zeros past the exponent are harmless ("1000.00" JPY, as PayPal writes it); other digits are not.
  if (frac.length > e) {
    if (/[^0]/.test(frac.slice(e))) return null;
    frac = frac.slice(0, e);
  }
  const minor = BigInt(m[1]!) * 10n ** BigInt(e) + BigInt((frac + '0'.repeat(e)).slice(0, e) || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(minor);
}

/** 1250 EUR → "12.50"; 1000 JPY → "1000" (the form PayPal's API takes). */
export function toDecimal(minor: number, currency: string): string {
  const e = exponent(currency);
  const neg = minor < 0;
  const s = String(Math.abs(minor)).padStart(e + 1, '0');
  const out = e === 0 ? s : `${s.slice(0, -e)}.${s.slice(-e)}`;
  return neg ? `-${out}` : out;
}

/** For people: "€12.50", "¥1,000", "12.500 KWD". */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  const e = exponent(currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: e, maximumFractionDigits: e }).format(Number(toDecimal(minor, currency)));
  } catch {
    return `${toDecimal(minor, currency)} ${currency}`;
  }
}

/** The largest one donation our form takes: 100,000 in the currency's main unit. */
export function maxDonation(currency: string): number {
  return 100_000 * 10 ** exponent(currency);
}

/**
 * What a reader typed on our form, checked: a positive amount in the currency, no larger than maxDonation.
 * Each refusal says what to do instead.
 */
export function checkFormAmount(text: string, currency: string): number {
  const t = text.trim().replace(/^[-+]?\s*/, (s) => (s.includes('-') ? '-' : ''));
  if (!t) throw badInput('Enter an amount to give.', 'amount');
  if (t.startsWith('-')) throw badInput('The amount must be more than zero.', 'amount');
  const e = exponent(currency);
  const minor = parseAmount(t.replace(/,(?=\d{3}(\D|$))/g, ''), currency);
  if (minor === null) {
    throw badInput(e === 0 ? `Enter a whole number of ${currency}, such as 1000.` : `Enter the amount as a number with at most ${e} digits after the point, such as ${toDecimal(10 ** e * 10, currency)}.`, 'amount');
  }
  if (minor === 0) throw badInput('The amount must be more than zero.', 'amount');
  if (minor > maxDonation(currency)) throw badInput(`The most we take in one donation is ${formatMoney(maxDonation(currency), currency)}. For a larger gift, please write to us.`, 'amount');
  return minor;
}
