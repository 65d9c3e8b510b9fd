// Keeps the patron list from Patreon's pledge webhooks. Patreon sends no delivery id, so a delivery is known by the
// SHA-256 of its type and body: the same delivery again changes nothing. A member's row is replaced by what the
// latest delivery says (Patreon sends the whole member each time); delete keeps the row as a former patron.
import { createHash } from 'node:crypto';
import type { Ctx } from '../../../platform/context/index.js';
import type { PatronFact } from '../providers/patreon.js';
import { FUNDING_TAG } from './applyMoneyEvent.js';

export async function applyPatreonEvent(ctx: Ctx, eventType: string, raw: Buffer, fact: PatronFact | null, now = new Date()): Promise<{ duplicate: boolean; outcome: 'applied' | 'ignored' }> {
  const stamp = now.toISOString();
  const eventId = createHash('sha256').update(eventType).update('\n').update(raw).digest('hex');
  const outcome: 'applied' | 'ignored' = fact ? 'applied' : 'ignored';
  const r = await ctx.db.transaction().execute(async (trx) => {
    const fresh = await trx
      .insertInto('funding_webhook_events')
      .values({ provider: 'patreon', event_id: eventId, event_type: eventType.slice(0, 100) || '(none)', outcome, note: fact ? '' : `Patreon event type ${eventType.slice(0, 80) || '(none)'} is not one we handle.`, received_at: stamp })
      .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!fresh) return { duplicate: true, outcome };
    if (!fact) return { duplicate: false, outcome };
    const values = { patron_status: fact.patronStatus, full_name: fact.fullName, email: fact.email, amount_cents: fact.amountCents, currency: fact.currency, deleted: fact.deleted ? 1 : 0, updated_at: stamp };
    await trx
      .insertInto('funding_patrons')
      .values({ member_id: fact.memberId, ...values })
      .onConflict((oc) => oc.column('member_id').doUpdateSet(values))
      .execute();
    return { duplicate: false, outcome };
  });
  if (!r.duplicate && fact) ctx.invalidate([FUNDING_TAG]);
  return r;
}
