import type { Context } from '../../common/context.js';
import { emSql, statement, type Sql } from '../../common/db/sql.js';
import { audit } from '../audit/audit.js';
import { AUDIT_ACTIONS } from '../audit/audit-trail.js';
import { LedgerKind } from '../ledger/ledger-entry.entity.js';
import { appendLedger } from '../ledger/ledger.service.js';
import { detachedRedemption, detachedTicketCode } from '../tickets/detached.js';
import { recordWebhookEvent } from '../webhooks/webhook-events.js';
import {
  REVERSE_LIMITS,
  TicketCodeRedemptionReverseErrors,
  TicketCodeRedemptionReversePayload,
  type ReverseErrorCode,
  type TicketCodeRedemptionReverseInput,
} from './redemption-reversal.types.js';

type Row = Record<string, unknown>;

/** B8: a parallel call with the same key of the same caller waits here, then finds this one's reversal. */
const LOCK_KEY = statement('redemption-reverse-lock-key', 'select pg_advisory_xact_lock(hashtext($1))');

/** B8: what this caller already did under the key (a reversal to replay, or anything else: the key is taken). */
const EARLIER = statement(
  'redemption-reverse-earlier',
  `select row_to_json(r) as redemption, row_to_json(t) as code
     from redemption r join ticket_code t on t.id = r.ticket_code_id
    where coalesce(r.staff_id, r.api_key_id) = $1::uuid and r.idempotency_key = $2`,
);

/**
 * The code's row locked first (a redemption, a refund or another reversal of the same code waits, or is
 * waited for), so what is read next is what the reversal changes.
 */
const LOCK_CODE = statement(
  'redemption-reverse-lock-code',
  `select t.id from redemption r join ticket_code t on t.id = r.ticket_code_id where r.id = $1::uuid for update of t`,
);

const READ = statement(
  'redemption-reverse-read',
  `select row_to_json(r) as redemption, row_to_json(t) as code,
          coalesce((select -sum(x.quantity) from redemption x where x.reversal_of_id = r.id), 0)::int as reversed
     from redemption r join ticket_code t on t.id = r.ticket_code_id
    where r.id = $1::uuid`,
);

/** The guarded statement: never below zero, never on a void code (the CHECK on ticket_code backs it). */
const GIVE_BACK = statement(
  'redemption-reverse-give-back',
  `update ticket_code
      set redeemed_quantity = redeemed_quantity - $2,
          status = case when status = 'FULLY_REDEEMED' and redeemed_quantity - $2 + refunded_quantity < quantity then 'ACTIVE' else status end
    where id = $1::uuid and status in ('ACTIVE', 'FULLY_REDEEMED') and redeemed_quantity >= $2
   returning *`,
);

const INSERT_REVERSAL = statement(
  'redemption-reverse-insert',
  `insert into redemption (id, ticket_code_id, quantity, channel, device, staff_id, api_key_id, redeemed_by, created_at, idempotency_key, reversal_of_id, reason)
   values (gen_random_uuid(), $1::uuid, $2, 'MANUAL', null, $3::uuid, $4::uuid, $5, $6, $7, $8::uuid, $9)
   on conflict ((coalesce(staff_id, api_key_id)), idempotency_key) do nothing
   returning *`,
);

class Refused extends Error {
  constructor(
    readonly code: ReverseErrorCode,
    readonly field?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(code);
  }
}

/** The face value paid out for the first `units` redeemed units of a code (cumulative rounding, as the redeem statement and refunds count). */
const paidOutFor = (code: { face_value: number; quantity: number }, units: number) => Math.floor((code.face_value * units) / code.quantity);

/**
 * B3: an admin corrects a mistaken redemption. Nothing is updated in place or deleted: the reversal is a
 * redemption row of its own (negative quantity, `reversal_of_id`, the reason), the code's redeemed quantity
 * goes down by a guarded statement, and the ledger gets a correcting REDEMPTION entry (negative quantity and
 * amount) dated now: it lands in the current settlement period, a closed statement is never rewritten (L1),
 * and sold = redeemed + refunded + outstanding still holds per code. All in the mutation's transaction, with
 * its audit event (B5) and its webhook event (B1); a refusal rolls everything back.
 */
export class RedemptionReversalService {
  async reverse(ctx: Context, input: TicketCodeRedemptionReverseInput): Promise<TicketCodeRedemptionReversePayload> {
    const payload = new TicketCodeRedemptionReversePayload();
    try {
      return await this.doReverse(ctx, input, payload);
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      payload.reversal = null;
      payload.ticketCode = null;
      payload.errors.push(TicketCodeRedemptionReverseErrors.error(ctx, e.code, e.field, e.params));
      return payload;
    }
  }

  private async doReverse(ctx: Context, input: TicketCodeRedemptionReverseInput, payload: TicketCodeRedemptionReversePayload): Promise<TicketCodeRedemptionReversePayload> {
    const principal = ctx.principal!;
    const principalId = principal.userId ?? principal.apiKeyId ?? null;
    const reason = input.reason.trim();
    const quantity = input.quantity;
    const redemptionId = input.redemptionId.toLowerCase();
    const key = input.idempotencyKey.trim();
    if (!reason) throw new Refused('REASON_REQUIRED', 'reason');
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > REVERSE_LIMITS.maxQuantity) throw new Refused('INVALID_QUANTITY', 'quantity', { max: REVERSE_LIMITS.maxQuantity });
    if (!key) throw new Refused('IDEMPOTENCY_KEY_REQUIRED', 'idempotencyKey');
    // REDEMPTIONS_ADJUST is an admin's permission (no API-key scope grants it): the caller is a staff account.
    if (!principalId) throw new Error('a reversal needs a signed-in principal');

    const sql = emSql(ctx.em);
    await sql(LOCK_KEY, [`redemption-reverse:${principalId}:${key}`]);
    const replayed = await this.replay(sql, principalId, key, { redemptionId, quantity, reason });
    if (replayed) return Object.assign(payload, replayed);

    await sql(LOCK_CODE, [redemptionId]);
    const [found] = await sql<{ redemption: Row; code: Row; reversed: number }>(READ, [redemptionId]);
    if (!found) throw new Refused('REDEMPTION_NOT_FOUND', 'redemptionId');
    const original = found.redemption;
    const before = found.code as { id: string; order_id: string; code: string; quantity: number; redeemed_quantity: number; refunded_quantity: number; status: string; face_value: number };
    if (original.reversal_of_id) throw new Refused('REVERSAL_NOT_REVERSIBLE', 'redemptionId');
    if (before.status === 'SPLIT' || before.status === 'REFUNDED') throw new Refused('CODE_VOID', 'redemptionId');
    const reversible = Math.min((original.quantity as number) - found.reversed, before.redeemed_quantity);
    if (quantity > reversible) throw new Refused('QUANTITY_EXCEEDS_REDEEMED', 'quantity', { reversible: Math.max(reversible, 0) });

    const [after] = await sql<Row>(GIVE_BACK, [before.id, quantity]);
    // The row is locked and was checked just above: only a broken invariant gets here.
    if (!after) throw new Error(`reversal of ${quantity} refused by the guard on code ${before.id}`);
    const now = ctx.clock.now();
    const [reversal] = await sql<Row>(INSERT_REVERSAL, [before.id, -quantity, principal.userId ?? null, principal.apiKeyId ?? null, principal.displayName, now, key, redemptionId, reason]);
    // A twin under the same key committed between the replay check and here: impossible under the key's lock,
    // but the unique index says so if it ever happens, and this transaction then changes nothing.
    if (!reversal) throw new Refused('IDEMPOTENCY_KEY_REUSED', 'idempotencyKey');

    const amount = paidOutFor(before, before.redeemed_quantity) - paidOutFor(before, before.redeemed_quantity - quantity);
    await appendLedger(sql, [
      { kind: LedgerKind.REDEMPTION, orderId: before.order_id, ticketCodeId: before.id, quantity: -quantity, amount: -amount, occurredAt: now, ref: `reverse:${reversal.id as string}` },
    ]);
    await audit(ctx, {
      action: AUDIT_ACTIONS.redemptionReverse,
      object: { type: 'redemption', id: redemptionId },
      before: { code: before.code, redemptionQuantity: original.quantity, reversedQuantity: found.reversed, codeRedeemedQuantity: before.redeemed_quantity, codeStatus: before.status },
      after: {
        code: before.code,
        redemptionQuantity: original.quantity,
        reversedQuantity: found.reversed + quantity,
        codeRedeemedQuantity: after.redeemed_quantity,
        codeStatus: after.status,
        reversalId: reversal.id,
        reason,
        faceValueReversed: amount,
      },
    });
    await recordWebhookEvent(sql, 'ticket_code.redemption_reversed', reversal.id as string, now);
    // B2: the live gate counts change too; told once the transaction committed (the response is sent after it).
    ctx.res?.once?.('close', () => ctx.services.gate?.redeemed());

    payload.reversal = detachedRedemption(reversal);
    payload.ticketCode = detachedTicketCode(after);
    return payload;
  }

  /** B8: the first result for the same redemption, quantity and reason; IDEMPOTENCY_KEY_REUSED for anything else under the key. */
  private async replay(sql: Sql, principalId: string, key: string, asked: { redemptionId: string; quantity: number; reason: string }) {
    const [earlier] = await sql<{ redemption: Row; code: Row }>(EARLIER, [principalId, key]);
    if (!earlier) return null;
    const r = earlier.redemption;
    const same = r.reversal_of_id === asked.redemptionId && r.quantity === -asked.quantity && r.reason === asked.reason;
    if (!same) throw new Refused('IDEMPOTENCY_KEY_REUSED', 'idempotencyKey');
    return { reversal: detachedRedemption(r), ticketCode: detachedTicketCode(earlier.code) };
  }
}
