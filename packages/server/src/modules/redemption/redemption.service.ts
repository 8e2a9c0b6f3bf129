import type { EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';
import type { Context } from '../../common/context.js';
import { normaliseCode } from '../tickets/code-generator.js';
import { detachedRedemption, detachedTicketCode } from '../tickets/detached.js';
import { Redemption, RedemptionChannel } from '../tickets/redemption.entity.js';
import { TicketCode, TicketCodeStatus } from '../tickets/ticket-code.entity.js';
import type { CodeLookupLimiter } from './code-lookup-limiter.js';
import { TicketCodeRedeemErrors, TicketCodeRedeemPayload, TicketCodeSearchField, type RedeemErrorCode, type TicketCodeRedeemInput, type TicketCodeSearchInput } from './redemption.types.js';

/**
 * R1/R2/R5 in one statement, so one round trip and no explicit transaction: lock the code row if it
 * passes the guards (active, within validity, never past the quantity, split codes one at a time; the
 * CHECK constraint backs them), record the redemption unless its idempotency key is already taken (a
 * retry, or a twin still in flight: ON CONFLICT waits for it), update the code only when the record was
 * written, and append the L2 ledger entry. The face value of the redeemed units is computed cumulatively
 * (in bigint), so partial redemptions add up to the code's face value.
 */
const REDEEM_SQL = `
with locked as (
  select id from ticket_code
   where code = $1 and status = 'ACTIVE' and redeemed_quantity + refunded_quantity + $2 <= quantity
     and (valid_from is null or valid_from <= $3) and (valid_until is null or valid_until > $3)
     and (parent_id is null or $2 = 1)
     for update
), red as (
  insert into redemption (id, ticket_code_id, quantity, channel, device, staff_id, api_key_id, redeemed_by, created_at, idempotency_key)
  select gen_random_uuid(), locked.id, $2, $4, $5, $6, $7, $8, $3, $9 from locked
  on conflict (idempotency_key) do nothing
  returning id, ticket_code_id, quantity, channel, device, staff_id, api_key_id, redeemed_by, created_at, idempotency_key
), upd as (
  update ticket_code t
     set redeemed_quantity = t.redeemed_quantity + $2,
         status = case when t.redeemed_quantity + $2 + t.refunded_quantity >= t.quantity then 'FULLY_REDEEMED' else t.status end
    from red where t.id = red.ticket_code_id and t.redeemed_quantity + t.refunded_quantity + $2 <= t.quantity
  returning t.*
), led as (
  insert into ledger_entry (kind, order_id, ticket_code_id, quantity, amount, occurred_at, ref)
  select 'REDEMPTION', upd.order_id, upd.id, $2,
         upd.face_value::bigint * upd.redeemed_quantity / upd.quantity - upd.face_value::bigint * (upd.redeemed_quantity - $2) / upd.quantity,
         $3, 'redeem:' || red.id
    from upd join red on red.ticket_code_id = upd.id
)
select (select count(*) from locked)::int as locked, (select row_to_json(red) from red) as redemption, (select row_to_json(upd) from upd) as code`;

interface RedeemRow {
  locked: number;
  redemption: Record<string, unknown> | null;
  code: Record<string, unknown> | null;
}

export class RedemptionService {
  constructor(
    private readonly limiter: CodeLookupLimiter,
    private readonly pool: pg.Pool,
  ) {}

  /** R6: a look-up for the redeem page. Returns null for an unknown code (and counts the miss). */
  async lookup(ctx: Context, rawCode: string): Promise<{ ticketCode: TicketCode | null; retryAfterSeconds: number }> {
    const blocked = await this.limiter.blockedFor(ctx);
    if (blocked) return { ticketCode: null, retryAfterSeconds: blocked };
    const ticketCode = await ctx.em.findOne(TicketCode, { code: normaliseCode(rawCode) });
    if (ticketCode) return { ticketCode, retryAfterSeconds: 0 };
    return { ticketCode: null, retryAfterSeconds: await this.limiter.recordMiss(ctx) };
  }

  async redeem(ctx: Context, input: TicketCodeRedeemInput): Promise<TicketCodeRedeemPayload> {
    const payload = new TicketCodeRedeemPayload();
    const refuse = (code: RedeemErrorCode, field?: string, params?: Record<string, string | number>) => {
      payload.errors.push(TicketCodeRedeemErrors.error(ctx, code, field, params));
      return payload;
    };
    const quantity = input.quantity ?? 1;
    const code = normaliseCode(input.code);
    const key = input.idempotencyKey?.trim() || null;
    if (!Number.isInteger(quantity) || quantity < 1) return refuse('INVALID_QUANTITY', 'quantity');
    const blocked = await this.limiter.blockedFor(ctx);
    if (blocked) {
      payload.retryAfterSeconds = blocked;
      return refuse('TOO_MANY_ATTEMPTS', 'code', { seconds: blocked });
    }

    const p = ctx.principal!;
    const { rows } = await this.pool.query<RedeemRow>({
      name: 'ticket-code-redeem',
      text: REDEEM_SQL,
      values: [code, quantity, ctx.clock.now(), input.channel ?? RedemptionChannel.MANUAL, input.device ?? null, p.userId ?? null, p.apiKeyId ?? null, p.displayName, key],
    });
    const row = rows[0]!;
    if (row.redemption && row.code) {
      payload.ticketCode = detachedTicketCode(row.code);
      payload.redemption = detachedRedemption(row.redemption);
      return payload;
    }
    // R5: the key was used before (or by a twin that just committed): answer with that first result.
    if (row.locked && key) {
      const first = await this.replay(ctx.em, key);
      if (first) return first;
    }
    return this.explainRefusal(ctx, code, quantity, refuse, payload);
  }

  private async replay(em: EntityManager, key: string): Promise<TicketCodeRedeemPayload | null> {
    const redemption = await em.findOne(Redemption, { idempotencyKey: key }, { populate: ['ticketCode'] });
    if (!redemption) return null;
    const payload = new TicketCodeRedeemPayload();
    payload.redemption = redemption;
    payload.ticketCode = redemption.ticketCode.getEntity();
    return payload;
  }

  /** Nothing was redeemed: say exactly why (R4). */
  private async explainRefusal(
    ctx: Context,
    code: string,
    quantity: number,
    refuse: (code: RedeemErrorCode, field?: string, params?: Record<string, string | number>) => TicketCodeRedeemPayload,
    payload: TicketCodeRedeemPayload,
  ): Promise<TicketCodeRedeemPayload> {
    const ticketCode = await ctx.em.fork().findOne(TicketCode, { code });
    if (!ticketCode) {
      const wait = await this.limiter.recordMiss(ctx);
      if (wait) payload.retryAfterSeconds = wait;
      return refuse('CODE_NOT_FOUND', 'code');
    }
    payload.ticketCode = ticketCode;
    const now = ctx.clock.now();
    if (ticketCode.isVoid) return refuse('CODE_VOID', 'code');
    if (ticketCode.status === TicketCodeStatus.FULLY_REDEEMED || ticketCode.remainingQuantity === 0) return refuse('FULLY_REDEEMED', 'code');
    if (ticketCode.isSplitChild && quantity !== 1) return refuse('SPLIT_CODE_QUANTITY_FIXED', 'quantity');
    if ((ticketCode.validFrom && ticketCode.validFrom > now) || (ticketCode.validUntil && ticketCode.validUntil <= now)) return refuse('OUTSIDE_VALIDITY', 'code');
    return refuse('QUANTITY_EXCEEDS_REMAINING', 'quantity', { remaining: ticketCode.remainingQuantity });
  }

  /**
   * R3: the redemption list (票券核銷列表), newest first. Partial name and phone matches use trigram
   * indexes; a search's total is counted up to SEARCH_COUNT_CAP so a broad one (a ticket name matching
   * 100,000 codes) stays fast, and the page reads one row more than it shows to say whether another follows.
   * The list without a search counts every code (an index-only scan).
   * Plain SQL on the pool, parameterised but unnamed, so PostgreSQL plans each search for its own
   * pattern (a rare phone number and a common name want different plans). The page and the count run
   * side by side on two connections; the page's rows become detached entities (it is only read).
   */
  async search(search: TicketCodeSearchInput | null | undefined, limit: number, offset: number): Promise<{ items: TicketCode[]; totalCount: number; hasNextPage: boolean }> {
    const [where, values] = searchCondition(search);
    const [page, count] = await Promise.all([
      this.pool.query(`select * from ticket_code ${where} order by created_at desc, id desc limit ${limit + 1} offset ${offset}`, values),
      this.pool.query<{ n: number }>(where ? `select count(*)::int as n from (select 1 from ticket_code ${where} limit ${SEARCH_COUNT_CAP}) s` : 'select count(*)::int as n from ticket_code', values),
    ]);
    return { items: page.rows.slice(0, limit).map(detachedTicketCode), totalCount: count.rows[0]!.n, hasNextPage: page.rows.length > limit };
  }
}

/** Counting every match costs a heap visit each; past this the list says "200 or more" (and still pages on). */
export const SEARCH_COUNT_CAP = 200;

function searchCondition(search: TicketCodeSearchInput | null | undefined): [where: string, values: string[]] {
  const q = search?.query.trim() ?? '';
  if (!search || !q) return ['', []];
  const contains = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // ILIKE only where case can differ: for Chinese names it finds the same rows, and LIKE checks them faster.
  const like = q.toLowerCase() === q.toUpperCase() ? 'like' : 'ilike';
  switch (search.field) {
    case TicketCodeSearchField.TICKET_NAME:
      return [`where product_title ${like} $1 or variant_name ${like} $1`, [contains]];
    case TicketCodeSearchField.CODE:
      return ['where code like $1', [`${normaliseCode(q)}%`]];
    case TicketCodeSearchField.RECIPIENT_NAME:
      return [`where holder_name ${like} $1`, [contains]];
    case TicketCodeSearchField.RECIPIENT_PHONE:
      return ['where holder_phone like $1', [`%${q.replace(/\D/g, '')}%`]];
    case TicketCodeSearchField.ORDER_NUMBER:
      return ['where order_number like $1', [`${q.toUpperCase()}%`]];
  }
}
