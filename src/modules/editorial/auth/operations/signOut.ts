import type { Ctx } from '../../../../platform/context/index.js';
import { endSession, endUserSessions } from '../sessions.js';

/** Ends one session (this browser). */
export async function signOut(ctx: Ctx, sessionId: string): Promise<void> {
  await endSession(ctx.db, sessionId);
}

/** Ends every session of the user, on every device. Returns how many ended. */
export async function signOutEverywhere(ctx: Ctx, userId: number): Promise<number> {
  return endUserSessions(ctx.db, userId);
}
