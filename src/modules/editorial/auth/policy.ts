// Tunable limits of the sign-in machinery, with their defaults. Tests may pass their own.
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './sessions.js';

const MINUTE = 60_000;

export interface AuthPolicy extends SessionPolicy {
  /** Failed sign-ins per account within loginWindowMs before it is refused for a while. */
  loginAccountMax: number;
  /** Failed sign-ins per client address within loginWindowMs. */
  loginIpMax: number;
  loginWindowMs: number;
  /** Failed sign-ins per account within loginLockWindowMs that lock it until a password reset (or the window passes). */
  loginLockMax: number;
  loginLockWindowMs: number;
  /** Reset emails per account within resetWindowMs (more are silently not sent). */
  resetAccountMax: number;
  /** Reset requests per client address within resetWindowMs. */
  resetIpMax: number;
  resetWindowMs: number;
  resetTokenMs: number;
  inviteTokenMs: number;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  ...DEFAULT_SESSION_POLICY,
  loginAccountMax: 5,
  loginIpMax: 20,
  loginWindowMs: 15 * MINUTE,
  loginLockMax: 20,
  loginLockWindowMs: 24 * 60 * MINUTE,
  resetAccountMax: 3,
  resetIpMax: 10,
  resetWindowMs: 60 * MINUTE,
  resetTokenMs: 60 * MINUTE,
  inviteTokenMs: 7 * 24 * 60 * MINUTE,
};
