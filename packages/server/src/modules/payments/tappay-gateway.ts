import { createHash } from 'node:crypto';
import { businessDay, SystemClock, type Clock } from '../../common/clock.js';
import type {
  CardSummary,
  ChargeRecord,
  ChargeRecordStatus,
  ChargeRequest,
  ChargeResult,
  NotificationHint,
  PaymentGateway,
  RefundResult,
  VoidResult,
} from './gateway.js';

/** TapPay's paths under its host (`https://sandbox.tappaysdk.com`, `https://prod.tappaysdk.com`). */
export const TAPPAY_PATHS = {
  payByPrime: '/tpc/payment/pay-by-prime',
  record: '/tpc/transaction/query',
  refund: '/tpc/transaction/refund',
} as const;

/** TapPay advises waiting 30 s: at peak hours the banks answer slowly. */
const DEFAULT_TIMEOUT_MS = 30_000;
/** The Record API's largest page. */
const MAX_RECORDS_PER_PAGE = 200;
/** A reconciliation range is asked in windows of this length (TapPay bounds a query's time range). */
const RECORDS_WINDOW_MS = 30 * 24 * 3600_000;

/** TapPay's `record_status`. */
const RECORD_STATUS = { ERROR: -1, AUTH: 0, OK: 1, PARTIALREFUNDED: 2, REFUNDED: 3, PENDING: 4, CANCEL: 5 } as const;
/** Answer statuses: 0 success; 2 the Record API's "end of list"; 421/422 TapPay or the bank timed out (the outcome is unknown). */
const STATUS_OK = 0;
const STATUS_END_OF_LIST = 2;
const STATUS_TIMEOUTS = new Set([421, 422]);
/** Refusals about the card or its prime: the charge did not happen and will not. Bank refusals are 10000 and up. */
const STATUS_CARD_REFUSALS = new Set([41, 43, 91, 121, 122]);
/** `card_info.type`. */
const CARD_BRANDS: Record<number, string> = { 1: 'VISA', 2: 'MASTERCARD', 3: 'JCB', 4: 'UNIONPAY', 5: 'AMEX' };

export interface TapPayGatewayOptions {
  partnerKey: string;
  merchantId: string;
  /** TapPay's host, without a trailing slash (`AppConfig.payment.apiUrl`). */
  apiUrl: string;
  /** How long one request may take (30 s by default). */
  timeoutMs?: number;
  /** The rules' clock: void only on the charge's business day, refund only after it. */
  clock?: Clock;
  /** Records asked per page of the Record API (200 by default). */
  recordsPerPage?: number;
}

/** TapPay could not be asked, or answered something unreadable. The message never holds the partner key. */
export class TapPayUnavailableError extends Error {
  override name = 'TapPayUnavailableError';
}

interface CardInfo {
  last_four?: unknown;
  type?: unknown;
}

/** The fields of TapPay's answers that we read. */
interface TapPayAnswer {
  status: number;
  msg?: unknown;
  rec_trade_id?: unknown;
  payment_url?: unknown;
  card_info?: CardInfo;
  bank_result_code?: unknown;
  bank_result_msg?: unknown;
  refund_id?: unknown;
  total_page_count?: unknown;
  trade_records?: unknown;
}

interface TradeRecord {
  rec_trade_id?: unknown;
  order_number?: unknown;
  amount?: unknown;
  refunded_amount?: unknown;
  record_status?: unknown;
  is_captured?: unknown;
  three_domain_secure?: unknown;
  card_info?: CardInfo;
  bank_result_code?: unknown;
  bank_result_msg?: unknown;
  time?: unknown;
  transaction_time_millis?: unknown;
}

type Call = { ok: true; answer: TapPayAnswer } | { ok: false; message: string };

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : 0);

/**
 * Our idempotency key as TapPay's `bank_transaction_id`: the same key always gives the same id, 20
 * letters and digits (the strictest acquirers' limit), so a retried charge is the same transaction and
 * the Record API finds it by that id.
 */
export function bankTransactionId(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 20).toUpperCase();
}

function cardSummary(info: CardInfo | undefined): CardSummary | null {
  if (!info || typeof info !== 'object') return null;
  const lastFour = text(info.last_four);
  const brand = CARD_BRANDS[int(info.type)] ?? null;
  return brand || lastFour ? { brand, lastFour } : null;
}

/** The bank's answer as the admin reads it: TapPay's status and message, and the bank's own code and message. */
function bankResult(a: { status?: unknown; msg?: unknown; bank_result_code?: unknown; bank_result_msg?: unknown }): string | null {
  const bank = [text(a.bank_result_code), text(a.bank_result_msg)].filter(Boolean).join(' ');
  const tappay = a.status === undefined ? '' : [text(a.status), text(a.msg)].filter(Boolean).join(' ');
  if (tappay && bank) return `${tappay} (bank ${bank})`;
  return tappay || (bank ? `bank ${bank}` : null);
}

function recordStatus(r: TradeRecord): ChargeRecordStatus {
  const amount = int(r.amount);
  const refunded = int(r.refunded_amount);
  switch (int(r.record_status)) {
    case RECORD_STATUS.PENDING:
      return 'PENDING';
    case RECORD_STATUS.ERROR:
      return 'DECLINED';
    case RECORD_STATUS.CANCEL:
      return 'VOIDED';
    case RECORD_STATUS.REFUNDED:
      // Refunded before the capture: TapPay cancelled the authorisation, no money moved.
      return r.is_captured === false ? 'VOIDED' : 'REFUNDED';
    default: // AUTH, OK, PARTIALREFUNDED: what is left of the charge says which
      if (refunded <= 0) return 'APPROVED';
      return refunded < amount ? 'PARTIALLY_REFUNDED' : 'REFUNDED';
  }
}

function toChargeRecord(r: TradeRecord): ChargeRecord {
  const status = recordStatus(r);
  const settled = status !== 'PENDING';
  return {
    chargeId: text(r.rec_trade_id) ?? '',
    orderNumber: text(r.order_number),
    amount: int(r.amount),
    refundedAmount: int(r.refunded_amount),
    status,
    threeDomainSecure: r.three_domain_secure === true,
    card: settled ? cardSummary(r.card_info) : null,
    bankResult: settled ? bankResult({ bank_result_code: r.bank_result_code, bank_result_msg: r.bank_result_msg }) : null,
    createdAt: new Date(int(r.time ?? r.transaction_time_millis)),
  };
}

/** A charge as its record tells it, for a repeated key. A pending 3-D Secure step's page is not in the record. */
function recordAsResult(r: TradeRecord): ChargeResult {
  const record = toChargeRecord(r);
  if (record.status === 'PENDING') return { outcome: 'ACTION_REQUIRED', chargeId: record.chargeId, redirectUrl: '' };
  if (record.status === 'DECLINED') {
    return { outcome: 'DECLINED', chargeId: record.chargeId, declineCode: text(r.bank_result_code) ?? 'declined', bankResult: record.bankResult ?? undefined };
  }
  return { outcome: 'APPROVED', chargeId: record.chargeId, card: record.card ?? undefined, bankResult: record.bankResult ?? undefined };
}

function transportFailure(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; cause?: { code?: unknown } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = typeof e?.cause?.code === 'string' ? e.cause.code : null;
  return code ? `network error (${code})` : 'network error';
}

/**
 * B6, P1, P3: TapPay Direct Pay over its HTTP API. A charge is Pay by Prime with 3-D Secure asked for
 * every time (TapPay answers a `payment_url` when the bank wants the shopper); the Record API is the
 * truth we settle and reconcile by; void and refund are the Refund API (before the nightly capture,
 * TapPay cancels the authorisation instead).
 *
 * The partner key goes only into requests: it is kept in a private field (no log or JSON of the
 * gateway shows it) and removed from every message this class returns or throws.
 */
export class TapPayGateway implements PaymentGateway {
  readonly name = 'tappay' as const;
  readonly #partnerKey: string;
  private readonly merchantId: string;
  private readonly apiUrl: string;
  private readonly timeoutMs: number;
  private readonly clock: Clock;
  private readonly recordsPerPage: number;

  constructor(options: TapPayGatewayOptions) {
    this.#partnerKey = options.partnerKey;
    this.merchantId = options.merchantId;
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.clock = options.clock ?? new SystemClock();
    this.recordsPerPage = Math.min(Math.max(1, options.recordsPerPage ?? MAX_RECORDS_PER_PAGE), MAX_RECORDS_PER_PAGE);
  }

  async charge(input: ChargeRequest): Promise<ChargeResult> {
    if (!Number.isInteger(input.amount) || input.amount <= 0) return { outcome: 'DECLINED', chargeId: '', declineCode: 'invalid_amount' };
    const call = await this.call(TAPPAY_PATHS.payByPrime, {
      prime: input.cardToken,
      merchant_id: this.merchantId,
      amount: input.amount,
      currency: 'TWD',
      order_number: input.orderNumber,
      bank_transaction_id: bankTransactionId(input.idempotencyKey),
      details: [...input.description].slice(0, 100).join('') || input.orderNumber,
      cardholder: { name: input.cardholder.name, phone_number: input.cardholder.phoneNumber, email: input.cardholder.email },
      three_domain_secure: true,
      result_url: { frontend_redirect_url: input.threeDomainSecure.returnUrl, backend_notify_url: input.threeDomainSecure.notifyUrl },
    });
    if (!call.ok) return { outcome: 'ERROR', message: call.message };
    const a = call.answer;
    const chargeId = text(a.rec_trade_id) ?? '';
    if (a.status === STATUS_OK) {
      const paymentUrl = text(a.payment_url);
      if (paymentUrl) return { outcome: 'ACTION_REQUIRED', chargeId, redirectUrl: paymentUrl };
      return { outcome: 'APPROVED', chargeId, card: cardSummary(a.card_info) ?? undefined, bankResult: bankResult({ bank_result_code: a.bank_result_code, bank_result_msg: a.bank_result_msg }) ?? undefined };
    }
    if (STATUS_TIMEOUTS.has(a.status)) return { outcome: 'ERROR', message: this.safe(`TapPay pay-by-prime: ${bankResult(a)} (the outcome is unknown: ask again)`) };
    // A refusal. When the key was charged before, TapPay refuses the repeated bank_transaction_id: the
    // first charge is the answer. Otherwise this is the record of the refusal just made, or nothing.
    const first = await this.findCharge(input.idempotencyKey);
    if (first && first.outcome !== 'ERROR') return first;
    if (a.status >= 10_000 || STATUS_CARD_REFUSALS.has(a.status)) {
      return { outcome: 'DECLINED', chargeId, declineCode: text(a.bank_result_code) ?? String(a.status), bankResult: this.safe(bankResult(a) ?? '') };
    }
    return { outcome: 'ERROR', message: this.safe(`TapPay pay-by-prime refused: ${bankResult(a)}`) };
  }

  async findCharge(idempotencyKey: string): Promise<ChargeResult | null> {
    try {
      const [first] = await this.query({ bank_transaction_id: bankTransactionId(idempotencyKey) }, 0);
      return first ? recordAsResult(first) : null;
    } catch (err) {
      return { outcome: 'ERROR', message: err instanceof TapPayUnavailableError ? err.message : 'TapPay record: failed' };
    }
  }

  async record(chargeId: string): Promise<ChargeRecord | null> {
    const rows = await this.query({ rec_trade_id: chargeId }, 0);
    const row = rows.find((r) => text(r.rec_trade_id) === chargeId);
    return row ? toChargeRecord(row) : null;
  }

  async records({ from, to }: { from: Date; to: Date }): Promise<ChargeRecord[]> {
    const found = new Map<string, ChargeRecord>();
    for (let start = from.getTime(); start < to.getTime(); start += RECORDS_WINDOW_MS) {
      const end = Math.min(start + RECORDS_WINDOW_MS, to.getTime());
      for (let page = 0, pages = 1; page < pages; page++) {
        const answer = await this.ask(TAPPAY_PATHS.record, {
          records_per_page: this.recordsPerPage,
          page,
          filters: { time: { start_time: start, end_time: end - 1 } },
          order_by: { attribute: 'time', is_descending: false },
        });
        const rows = Array.isArray(answer.trade_records) ? (answer.trade_records as TradeRecord[]) : [];
        for (const row of rows) {
          const record = toChargeRecord(row);
          if (record.chargeId && record.createdAt.getTime() >= start && record.createdAt.getTime() < end) found.set(record.chargeId, record);
        }
        if (answer.status === STATUS_END_OF_LIST || rows.length === 0) break;
        // Without a page count, a full page means there may be another.
        const total = int(answer.total_page_count);
        pages = Math.min(total > 0 ? total : rows.length >= this.recordsPerPage ? page + 2 : page + 1, 10_000);
      }
    }
    return [...found.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  /** TapPay's backend notification (a JSON POST to `backend_notify_url`): which charge to look at. */
  parseNotification(body: unknown): NotificationHint | null {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
    const b = body as { rec_trade_id?: unknown; order_number?: unknown };
    if (typeof b.rec_trade_id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(b.rec_trade_id)) return null;
    return { chargeId: b.rec_trade_id, orderNumber: typeof b.order_number === 'string' && b.order_number ? b.order_number : null };
  }

  async void({ chargeId }: { chargeId: string }): Promise<VoidResult> {
    const found = await this.recordOrFailure(chargeId);
    if ('failure' in found) return { ok: false, reason: 'GATEWAY_ERROR', message: found.failure };
    const record = found.record;
    if (!record) return { ok: false, reason: 'NOT_FOUND' };
    if (record.status === 'VOIDED') return { ok: true };
    if (record.status === 'PENDING' || record.status === 'DECLINED') return { ok: false, reason: 'NOT_CHARGED' };
    if (record.refundedAmount > 0) return { ok: false, reason: 'ALREADY_REFUNDED' };
    if (businessDay(record.createdAt) !== businessDay(this.clock.now())) return { ok: false, reason: 'NOT_SAME_DAY' };
    // No amount: the whole charge. Before the capture TapPay cancels the authorisation.
    const call = await this.call(TAPPAY_PATHS.refund, { rec_trade_id: chargeId });
    if (!call.ok) return { ok: false, reason: 'GATEWAY_ERROR', message: call.message };
    if (call.answer.status === STATUS_OK) return { ok: true };
    return { ok: false, reason: 'GATEWAY_ERROR', message: this.safe(`TapPay refund refused: ${bankResult(call.answer)}`) };
  }

  async refund({ chargeId, amount, idempotencyKey }: { chargeId: string; amount: number; idempotencyKey: string }): Promise<RefundResult> {
    const found = await this.recordOrFailure(chargeId);
    if ('failure' in found) return { ok: false, reason: 'GATEWAY_ERROR', message: found.failure };
    const record = found.record;
    if (!record || record.status === 'PENDING' || record.status === 'DECLINED') return { ok: false, reason: 'NOT_FOUND' };
    if (record.status === 'VOIDED') return { ok: false, reason: 'VOIDED' };
    if (businessDay(record.createdAt) === businessDay(this.clock.now())) return { ok: false, reason: 'SAME_DAY_USE_VOID' };
    if (!Number.isInteger(amount) || amount <= 0) return { ok: false, reason: 'EXCEEDS_CHARGE' };
    // What is left is TapPay's to judge: a retry of a refund that went through (same bank_refund_id)
    // must reach it rather than be refused here for the amount it already returned.
    const call = await this.call(TAPPAY_PATHS.refund, { rec_trade_id: chargeId, amount, bank_refund_id: bankTransactionId(idempotencyKey) });
    if (!call.ok) return { ok: false, reason: 'GATEWAY_ERROR', message: call.message };
    const a = call.answer;
    const refundId = text(a.refund_id);
    if (a.status === STATUS_OK && refundId) return { ok: true, refundId };
    const message = this.safe(`TapPay refund refused: ${bankResult(a)}`);
    const after = await this.recordOrFailure(chargeId);
    if ('record' in after && after.record && after.record.refundedAmount + amount > after.record.amount) return { ok: false, reason: 'EXCEEDS_CHARGE', message };
    return { ok: false, reason: 'GATEWAY_ERROR', message };
  }

  private async recordOrFailure(chargeId: string): Promise<{ record: ChargeRecord | null } | { failure: string }> {
    try {
      return { record: await this.record(chargeId) };
    } catch (err) {
      return { failure: err instanceof TapPayUnavailableError ? err.message : 'TapPay record: failed' };
    }
  }

  /** One page of the Record API for `filters`; throws when TapPay can't be asked. */
  private async query(filters: Record<string, unknown>, page: number): Promise<TradeRecord[]> {
    const answer = await this.ask(TAPPAY_PATHS.record, { records_per_page: this.recordsPerPage, page, filters });
    return Array.isArray(answer.trade_records) ? (answer.trade_records as TradeRecord[]) : [];
  }

  /** A call whose answer must be a success (or the end of a list); anything else throws. */
  private async ask(path: string, payload: Record<string, unknown>): Promise<TapPayAnswer> {
    const call = await this.call(path, payload);
    if (!call.ok) throw new TapPayUnavailableError(call.message);
    if (call.answer.status !== STATUS_OK && call.answer.status !== STATUS_END_OF_LIST) {
      throw new TapPayUnavailableError(this.safe(`TapPay ${path.split('/').pop()} refused: ${bankResult(call.answer)}`));
    }
    return call.answer;
  }

  /**
   * One POST to TapPay with the partner key in the `x-api-key` header and the body. Never throws: a
   * timeout, a network error, an HTTP error or an unreadable answer is a failure with a safe message.
   */
  private async call(path: string, payload: Record<string, unknown>): Promise<Call> {
    const what = `TapPay ${path.split('/').pop()}`;
    let status: number;
    let body: string;
    try {
      const res = await fetch(`${this.apiUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': this.#partnerKey },
        body: JSON.stringify({ ...payload, partner_key: this.#partnerKey }),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = res.status;
      body = await res.text();
    } catch (err) {
      return { ok: false, message: this.safe(`${what}: ${transportFailure(err, this.timeoutMs)}`) };
    }
    if (status < 200 || status > 299) return { ok: false, message: this.safe(`${what}: HTTP ${status}`) };
    let answer: unknown;
    try {
      answer = JSON.parse(body);
    } catch {
      return { ok: false, message: `${what}: unreadable answer` };
    }
    if (!answer || typeof answer !== 'object' || typeof (answer as { status?: unknown }).status !== 'number') {
      return { ok: false, message: `${what}: unreadable answer` };
    }
    return { ok: true, answer: answer as TapPayAnswer };
  }

  /** A message as we return or throw it: never the partner key, never more than a line. */
  private safe(message: string): string {
    const hidden = this.#partnerKey ? message.split(this.#partnerKey).join('[hidden]') : message;
    return hidden.replace(/\s+/g, ' ').slice(0, 300);
  }
}
