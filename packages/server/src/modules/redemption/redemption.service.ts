import type pg from 'pg';
import type { Context } from '../../common/context.js';
import { pageWindow } from '../../common/graphql/connection.js';
import { INVALID_INPUT } from '../../common/graphql/user-error.js';
import { translate } from '../../common/i18n.js';
import { normaliseCode } from '../tickets/code-generator.js';
import { detachedRedemption, detachedTicketCode } from '../tickets/detached.js';
import { RedemptionChannel } from '../tickets/redemption.entity.js';
import { TicketCode, TicketCodeStatus } from '../tickets/ticket-code.entity.js';
import { redeemedEventCtes } from '../webhooks/webhook-events.js';
import { codeLookupLimitCtes, lockedCounters, underCodeLookupLimits, type CodeLookupLimiter } from './code-lookup-limiter.js';
import {
  REDEEM_LIMITS,
  TicketCodeRedeemErrors,
  TicketCodeRedeemPayload,
  TicketCodeSearchField,
  type RedeemErrorCode,
  type TicketCodeRedeemInput,
  type TicketCodeSearchInput,
} from './redemption.types.js';

/** R4/R6 in one statement: the code's row, unless the caller is over the unknown-code limit (an unknown code is counted). */
const LOOKUP_SQL = `
with found as (
  select * from ticket_code where code = $1
), ${codeLookupLimitCtes({ account: '$2', address: '$3', accountLimit: '$4', addressLimit: '$5', window: '$6' })}
select (select row_to_json(found) from found) as code, blocked.wait_ms, blocked.keys from blocked`;

/**
 * R1/R2/R5/R6 in one statement, so one round trip and no explicit transaction: lock the code row if it
 * passes the guards (active, within validity, never past the quantity, split codes one at a time; the
 * CHECK constraint backs them), record the redemption unless the caller's idempotency key is taken (a
 * retry, or a twin still in flight: ON CONFLICT waits for it), update the code only when the record was
 * written, and append the L2 ledger entry. The face value of the redeemed units is computed cumulatively
 * (in bigint), so partial redemptions add up to the code's face value.
 * R5/B8: keys are the principal's (unique per staff account or API key): another's key is just a new key.
 * R6: trying to redeem is a look-up, so nothing is redeemed once the caller has reached the unknown-code
 * limit (`counters`, see code-lookup-limiter.ts: a caller with no recent unknown code has none to lock).
 * B7: an offline redemption being synced is this same statement with $14, the device's time (validity is
 * judged then; `created_at` and the ledger keep the sync time), and $15, its snapshot's product: the code
 * must be that product's and hold exactly the one unit redeemed (a multi-unit code needs the network).
 * Both are null online, and the guards they add are then constant.
 * B1: the ticket_code.redeemed webhook event (a small outbox row; the dispatcher builds its payload and the
 * deliveries) is written by this statement too, only when an enabled endpoint subscribes to it
 * (redeemedEventCtes in modules/webhooks).
 * Anything else (a used key, an unknown code to count, a refusal to explain) is REDEEM_REFUSAL_SQL's.
 */
const REDEEM_LIMIT = { account: '$10', address: '$11', accountLimit: '$12', addressLimit: '$13' };
const REDEEM_SQL = `
with ${lockedCounters(REDEEM_LIMIT)}, locked as (
  select id from ticket_code
   where code = $1 and status = 'ACTIVE' and redeemed_quantity + refunded_quantity + $2 <= quantity
     and (valid_from is null or valid_from <= coalesce($14::timestamptz, $3::timestamptz)) and (valid_until is null or valid_until > coalesce($14::timestamptz, $3::timestamptz))
     and (parent_id is null or $2 = 1) and ${underCodeLookupLimits(REDEEM_LIMIT)}
     and ($15::uuid is null or (redeemed_quantity + refunded_quantity + $2 = quantity
          and exists (select 1 from order_line ol join variant v on v.id = ol.variant_id where ol.id = ticket_code.order_line_id and v.product_id = $15)))
     for update
), red as (
  insert into redemption (id, ticket_code_id, quantity, channel, device, staff_id, api_key_id, redeemed_by, created_at, idempotency_key, redeemed_at)
  select gen_random_uuid(), locked.id, $2, $4, $5, $6, $7, $8, $3, $9, $14 from locked
  on conflict ((coalesce(staff_id, api_key_id)), idempotency_key) do nothing
  returning id, ticket_code_id, quantity, channel, device, staff_id, api_key_id, redeemed_by, created_at, idempotency_key, redeemed_at
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
), ${redeemedEventCtes({ upd: 'upd', red: 'red', now: '$3' })}
select (select row_to_json(red) from red) as redemption, (select row_to_json(upd) from upd) as code`;

/**
 * Nothing was redeemed: why, in one statement (a second round trip only off the success path).
 * R5/B8: the caller's redemption under this key (`earlier`: a retry, or a twin that committed while this one
 * waited): the service replays it for the same code, quantity and channel, else refuses the key as reused.
 * R6: else an unknown code is counted here, before it is answered, or the caller is over the limit.
 * R4: else the code's row, to say exactly why.
 */
const REDEEM_REFUSAL_SQL = `
with earlier as (
  select row_to_json(r) as redemption, row_to_json(t) as code
    from redemption r join ticket_code t on t.id = r.ticket_code_id
   where r.idempotency_key = $2 and coalesce(r.staff_id, r.api_key_id) = $3::uuid
), found as (
  select * from ticket_code where code = $1
), ${codeLookupLimitCtes({ account: '$4', address: '$5', accountLimit: '$6', addressLimit: '$7', window: '$8', exempt: 'exists (select 1 from earlier)' })}
select (select redemption from earlier) as earlier_redemption, (select code from earlier) as earlier_code, (select row_to_json(found) from found) as found,
       blocked.wait_ms, blocked.keys
  from blocked`;

export type Row = Record<string, unknown>;

interface Blocked {
  wait_ms: number | null;
  keys: string[] | null;
}

interface LookupRow extends Blocked {
  code: Row | null;
}

interface RedeemRow {
  redemption: Row | null;
  code: Row | null;
}

interface RefusalRow extends Blocked {
  earlier_redemption: Row | null;
  earlier_code: Row | null;
  found: Row | null;
}

const OFFLINE_CHANNEL_REFUSED = {
  'zh-TW': '「channel」不可為 OFFLINE：離線核銷由裝置同步時記錄',
  en: 'channel cannot be OFFLINE: offline redemptions are recorded when a device syncs',
} as const;

type Refuse = (code: RedeemErrorCode, field?: string, params?: Record<string, string | number>) => TicketCodeRedeemPayload;

/** One redemption to apply with the guarded statement: online (ticketCodeRedeem) or synced from a device (B7). */
export interface RedemptionAttempt {
  /** Normalised. */
  code: string;
  quantity: number;
  channel: RedemptionChannel;
  device: string | null;
  idempotencyKey: string | null;
  /** B7: the device's time of an offline redemption, and the product of its snapshot. */
  offline?: { redeemedAt: Date; productId: string };
}

/**
 * What the guarded statement did: redeemed; found this caller's earlier redemption under the key (a retry, to
 * replay or refuse as reused); refused the caller for a while (R6); found no such code (counted); or found the
 * code and redeemed nothing (the row, to say why).
 */
export type AppliedRedemption =
  | { kind: 'redeemed'; redemption: Row; code: Row }
  | { kind: 'earlier'; redemption: Row; code: Row }
  | { kind: 'blocked'; retryAfterSeconds: number }
  | { kind: 'unknown' }
  | { kind: 'refused'; code: Row };

/** Told of every committed redemption (B2: the live gate counts). */
export interface RedemptionListener {
  redeemed(): void;
}

export class RedemptionService {
  private listener: RedemptionListener | undefined;

  constructor(
    private readonly limiter: CodeLookupLimiter,
    private readonly pool: pg.Pool,
  ) {}

  /** B2: `listener.redeemed()` runs after each committed redemption (online or offline). */
  onRedeemed(listener: RedemptionListener): void {
    this.listener = listener;
  }

  /** R4/R6: a look-up for the redeem page. Null for an unknown code (counted); refused past the limit. */
  async lookup(ctx: Context, rawCode: string): Promise<{ ticketCode: TicketCode | null; retryAfterSeconds: number }> {
    const blocked = this.limiter.blockedFor(ctx);
    if (blocked) return { ticketCode: null, retryAfterSeconds: blocked };
    const { rows } = await this.pool.query<LookupRow>({ name: 'ticket-code-lookup', text: LOOKUP_SQL, values: [normaliseCode(rawCode), ...this.limiter.params(ctx)] });
    const row = rows[0]!;
    if (row.wait_ms !== null) return { ticketCode: null, retryAfterSeconds: this.limiter.refused({ wait_ms: row.wait_ms, keys: row.keys ?? [] }) };
    return { ticketCode: row.code ? detachedTicketCode(row.code) : null, retryAfterSeconds: 0 };
  }

  async redeem(ctx: Context, input: TicketCodeRedeemInput): Promise<TicketCodeRedeemPayload> {
    const payload = new TicketCodeRedeemPayload();
    const refuse: Refuse = (code, field, params) => {
      payload.errors.push(TicketCodeRedeemErrors.error(ctx, code, field, params));
      return payload;
    };
    const quantity = input.quantity ?? 1;
    const code = normaliseCode(input.code);
    const channel = input.channel ?? RedemptionChannel.MANUAL;
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > REDEEM_LIMITS.maxQuantity) return refuse('INVALID_QUANTITY', 'quantity', { max: REDEEM_LIMITS.maxQuantity });
    // B7: OFFLINE is what a sync records (ticketCodeOfflineSync), never something a clerk picks online.
    if (channel === RedemptionChannel.OFFLINE) {
      payload.errors.push(Object.assign(new TicketCodeRedeemErrors.ErrorType(), { code: INVALID_INPUT, field: 'channel', message: translate(ctx.locale, OFFLINE_CHANNEL_REFUSED) }));
      return payload;
    }

    const applied = await this.apply(ctx, { code, quantity, channel, device: input.device ?? null, idempotencyKey: input.idempotencyKey?.trim() || null });
    switch (applied.kind) {
      case 'redeemed':
        payload.ticketCode = detachedTicketCode(applied.code);
        payload.redemption = detachedRedemption(applied.redemption);
        return payload;
      case 'earlier':
        // R5/B8: this caller used the key before: the first result for the same input, else a refusal.
        return this.replay(applied.redemption, applied.code, { code, quantity, channel }, refuse);
      case 'blocked':
        payload.retryAfterSeconds = applied.retryAfterSeconds;
        return refuse('TOO_MANY_ATTEMPTS', 'code', { seconds: applied.retryAfterSeconds });
      case 'unknown':
        return refuse('CODE_NOT_FOUND', 'code');
      case 'refused':
        return this.explainRefusal(ctx, detachedTicketCode(applied.code), quantity, refuse, payload);
    }
  }

  /**
   * The guarded statement (REDEEM_SQL), one round trip when it redeems; when it did not, REDEEM_REFUSAL_SQL says
   * what it found. Shared by online redemption and offline sync (B7), so both keep every guard of R1/R5/R6.
   */
  async apply(ctx: Context, a: RedemptionAttempt): Promise<AppliedRedemption> {
    const blocked = this.limiter.blockedFor(ctx);
    if (blocked) return { kind: 'blocked', retryAfterSeconds: blocked };
    const p = ctx.principal!;
    const limit = this.limiter.params(ctx);
    const { rows } = await this.pool.query<RedeemRow>({
      name: 'ticket-code-redeem',
      text: REDEEM_SQL,
      values: [
        a.code,
        a.quantity,
        ctx.clock.now(),
        a.channel,
        a.device,
        p.userId ?? null,
        p.apiKeyId ?? null,
        p.displayName,
        a.idempotencyKey,
        ...limit.slice(0, 4),
        a.offline?.redeemedAt ?? null,
        a.offline?.productId ?? null,
      ],
    });
    const row = rows[0]!;
    if (row.redemption && row.code) {
      this.listener?.redeemed();
      return { kind: 'redeemed', redemption: row.redemption, code: row.code };
    }
    const refusal = (
      await this.pool.query<RefusalRow>({
        name: 'ticket-code-redeem-refusal',
        text: REDEEM_REFUSAL_SQL,
        values: [a.code, a.idempotencyKey, p.userId ?? p.apiKeyId ?? null, ...limit],
      })
    ).rows[0]!;
    if (refusal.earlier_redemption && refusal.earlier_code) return { kind: 'earlier', redemption: refusal.earlier_redemption, code: refusal.earlier_code };
    if (refusal.wait_ms !== null) return { kind: 'blocked', retryAfterSeconds: this.limiter.refused({ wait_ms: refusal.wait_ms, keys: refusal.keys ?? [] }) };
    if (!refusal.found) return { kind: 'unknown' };
    return { kind: 'refused', code: refusal.found };
  }

  /** R5: the first result when the input is the same; B8: IDEMPOTENCY_KEY_REUSED (nothing redeemed, nothing of the first shown) when not. */
  private replay(redemptionRow: Row, codeRow: Row, asked: { code: string; quantity: number; channel: RedemptionChannel }, refuse: Refuse): TicketCodeRedeemPayload {
    const redemption = detachedRedemption(redemptionRow);
    const ticketCode = detachedTicketCode(codeRow);
    if (ticketCode.code !== asked.code || redemption.quantity !== asked.quantity || redemption.channel !== asked.channel) return refuse('IDEMPOTENCY_KEY_REUSED', 'idempotencyKey');
    const payload = new TicketCodeRedeemPayload();
    payload.redemption = redemption;
    payload.ticketCode = ticketCode;
    return payload;
  }

  /** Nothing was redeemed: say exactly why (R4). */
  private explainRefusal(ctx: Context, ticketCode: TicketCode, quantity: number, refuse: Refuse, payload: TicketCodeRedeemPayload): TicketCodeRedeemPayload {
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
   * R6: the list shows codes, so for clerks and API keys it is no faster a way to collect them than looking
   * them up: small pages and a rate per account, counted before anything is read (admins keep both).
   * Plain SQL on the pool, parameterised but unnamed, so PostgreSQL plans each search for its own
   * pattern (a rare phone number and a common name want different plans). The page and the count run
   * side by side on two connections; the page's rows become detached entities (it is only read).
   */
  async search(
    ctx: Context,
    search: TicketCodeSearchInput | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<{ items: TicketCode[]; totalCount: number; hasNextPage: boolean; offset: number; retryAfterSeconds: number }> {
    const retryAfterSeconds = await this.limiter.takeListing(ctx);
    if (retryAfterSeconds) return { items: [], totalCount: 0, hasNextPage: false, offset: 0, retryAfterSeconds };
    const window = pageWindow(first, after);
    const limit = this.limiter.pageSize(ctx, window.limit);
    const { offset } = window;
    const [where, values] = searchCondition(search);
    const [page, count] = await Promise.all([
      this.pool.query(`select * from ticket_code ${where} order by created_at desc, id desc limit ${limit + 1} offset ${offset}`, values),
      this.pool.query<{ n: number }>(where ? `select count(*)::int as n from (select 1 from ticket_code ${where} limit ${SEARCH_COUNT_CAP}) s` : 'select count(*)::int as n from ticket_code', values),
    ]);
    return { items: page.rows.slice(0, limit).map(detachedTicketCode), totalCount: count.rows[0]!.n, hasNextPage: page.rows.length > limit, offset, retryAfterSeconds: 0 };
  }
}

/** Counting every match costs a heap visit each; past this the list says "200 or more" (and still pages on). */
export const SEARCH_COUNT_CAP = 200;

export function searchCondition(search: TicketCodeSearchInput | null | undefined): [where: string, values: string[]] {
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
