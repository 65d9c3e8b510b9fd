// Time-based one-time codes (RFC 6238 via otpauth): 6 digits, 30-second steps, one step of clock drift allowed.
import { lazy } from '../../../platform/lazy.js';

const otp = lazy<typeof import('otpauth')>('otpauth');

const PERIOD = 30;
const DIGITS = 6;

export function newTotpSecret(): string {
  return new (otp().Secret)({ size: 20 }).base32;
}

export function totpUrl(secret: string, issuer: string, label: string): string {
  return new (otp().TOTP)({ issuer, label, secret: otp().Secret.fromBase32(secret), algorithm: 'SHA1', digits: DIGITS, period: PERIOD }).toString();
}

/** The time step a valid code belongs to, or null when the code is wrong. */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = otp().TOTP.validate({ token, secret: otp().Secret.fromBase32(secret), algorithm: 'SHA1', digits: DIGITS, period: PERIOD, timestamp: now, window: 1 });
  if (delta === null) return null;
  return otp().TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}
