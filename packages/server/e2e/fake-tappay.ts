/**
 * A fake TapPay for tests: the requests and answers of its public documentation that our adapter uses
 * (Pay by Prime with and without 3-D Secure, the Record API, the Refund API, the backend notification),
 * served over real HTTP on 127.0.0.1. Its state lives in memory.
 *
 * Test primes decide what the "bank" does: one containing `decline` is refused by the bank, one
 * containing `3ds` needs a 3-D Secure step (answered with a `payment_url` to this server's own
 * approve/decline page), any other is approved. Faults: `failNextPay('timeout' | '5xx')`, and the
 * notification mode (`normal`, `drop`, `duplicate`, `late`).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startOfNextBusinessDay } from '../src/common/clock.js';

export type FakeNotifyMode = 'normal' | 'drop' | 'duplicate' | 'late';
export type FakePayFault = 'timeout' | '5xx';

export interface FakeTapPayOptions {
  partnerKey: string;
  merchantId: string;
  /** The fake's clock: transaction times, and the nightly capture (the next business day). */
  now?: () => Date;
  notify?: FakeNotifyMode;
  /** How long a `late` notification waits. */
  lateNotifyMs?: number;
  /** How long a `timeout` fault holds its answer: longer than the client waits. */
  hangMs?: number;
}

/** A request as the fake received it. */
export interface FakeRequest {
  method: string;
  path: string;
  apiKey: string | null;
  body: Record<string, unknown> | null;
}

export interface FakeNotification {
  url: string;
  body: Record<string, unknown>;
  /** The receiver's HTTP status, or `failed` when it could not be reached. */
  answer: number | 'failed';
  at: Date;
}

/** TapPay's `record_status`. */
const RECORD = { ERROR: -1, AUTH: 0, OK: 1, PARTIALREFUNDED: 2, REFUNDED: 3, PENDING: 4 } as const;

/** Answer statuses. 0 and the numbered ones below 1000 are TapPay's documented codes; the others are this fake's own. */
const ANSWER = {
  success: [0, 'Success'],
  endOfList: [2, 'End of list'],
  wrongJson: [5, 'Wrong JSON format'],
  merchantNotFound: [61, 'Merchant not found or removed'],
  invalidApiKey: [80, 'Invalid x-api-key or app key'],
  partnerNotFound: [81, 'Partner not found'],
  missingCardholder: [501, 'Missing arguments : cardholder'],
  missingMerchantId: [502, 'Missing arguments : merchant_id'],
  missingPrime: [503, 'Missing arguments : prime'],
  missingDetails: [505, 'Missing arguments : details'],
  invalidAmount: [510, 'Invalid arguments : amount'],
  cardError: [10003, 'Card Error'],
  duplicateTransaction: [10006, 'Duplicate bank_transaction_id'],
  tradeNotFound: [10010, 'Trade not found'],
  notRefundable: [10011, 'Trade can not be refunded'],
  refundExceeds: [10012, 'Refund amount exceeds the remaining amount'],
} as const;

interface Refund {
  refund_id: string;
  bank_refund_id: string | null;
  amount: number;
  is_captured: boolean;
}

interface Trade {
  rec_trade_id: string;
  bank_transaction_id: string;
  order_number: string;
  details: string;
  amount: number;
  refunded_amount: number;
  status: number;
  time: number;
  three_domain_secure: boolean;
  authorisation_cancelled: boolean;
  card_last_four: string;
  auth_code: string | null;
  bank_result_code: string | null;
  bank_result_msg: string | null;
  frontend_redirect_url: string | null;
  backend_notify_url: string | null;
  refunds: Refund[];
}

const id = (prefix: string, at: Date) => `${prefix}${at.toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(4).toString('hex').toUpperCase()}`;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export class FakeTapPay {
  readonly received: FakeRequest[] = [];
  readonly notificationsSent: FakeNotification[] = [];
  notify: FakeNotifyMode;
  lateNotifyMs: number;
  /** While true, every API call answers 503: TapPay in an outage. */
  down = false;
  url = '';
  private readonly trades = new Map<string, Trade>();
  private readonly payFaults: FakePayFault[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly posts = new Set<Promise<void>>();
  private readonly server: http.Server;
  private readonly now: () => Date;

  private constructor(private readonly options: FakeTapPayOptions) {
    this.now = options.now ?? (() => new Date());
    this.notify = options.notify ?? 'normal';
    this.lateNotifyMs = options.lateNotifyMs ?? 500;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  }

  /** Listens on a free port of 127.0.0.1; `url` is then the base to give the adapter (`TAPPAY_API_URL`). */
  static async start(options: FakeTapPayOptions): Promise<FakeTapPay> {
    const fake = new FakeTapPay(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next Pay by Prime is charged but answered too late (`timeout`), or not charged and answered 502 (`5xx`). */
  failNextPay(fault: FakePayFault): void {
    this.payFaults.push(fault);
  }

  /** A trade as TapPay's Record API shows it, or undefined. */
  record(recTradeId: string): Record<string, unknown> | undefined {
    const t = this.trades.get(recTradeId);
    return t && this.asRecord(t);
  }

  get tradeCount(): number {
    return this.trades.size;
  }

  /**
   * The shopper's answer on the 3-D Secure page: the pending charge is authorised or refused, the
   * notification goes out (as `notify` says), and the URL the shopper is sent back to is returned.
   * Null when no such step waits.
   */
  complete3ds(recTradeId: string, answer: 'approve' | 'decline'): string | null {
    const t = this.trades.get(recTradeId);
    if (!t || t.status !== RECORD.PENDING) return null;
    if (answer === 'approve') Object.assign(t, { status: RECORD.AUTH, auth_code: '123456', bank_result_code: '00', bank_result_msg: 'Approved' });
    else Object.assign(t, { status: RECORD.ERROR, bank_result_code: '3DS_FAILED', bank_result_msg: '3-D Secure authentication failed' });
    this.sendNotification(t);
    const back = new URL(t.frontend_redirect_url!);
    back.searchParams.set('rec_trade_id', t.rec_trade_id);
    back.searchParams.set('order_number', t.order_number);
    back.searchParams.set('bank_transaction_id', t.bank_transaction_id);
    back.searchParams.set('status', String(answer === 'approve' ? 0 : ANSWER.cardError[0]));
    return back.href;
  }

  /** Waits until every notification already due (late ones included) has been posted. */
  async notificationsSettled(): Promise<void> {
    while (this.posts.size > 0) await Promise.allSettled([...this.posts]);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const raw = await readBody(req);
    const threeDs = /^\/fake\/3ds\/([A-Za-z0-9]+)$/.exec(path);
    if (threeDs) return this.threeDsPage(req, res, threeDs[1]!, raw);

    let body: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(raw);
      body = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      body = null;
    }
    const apiKey = typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : null;
    this.received.push({ method: req.method ?? '', path, apiKey, body });

    const routes: Record<string, (b: Record<string, unknown>) => Promise<object | null> | object | null> = {
      '/tpc/payment/pay-by-prime': (b) => this.payByPrime(b),
      '/tpc/transaction/query': (b) => this.query(b),
      '/tpc/transaction/refund': (b) => this.refund(b),
    };
    if (this.down) return void res.writeHead(503, { 'content-type': 'text/html' }).end('<html><body>503 Service Unavailable</body></html>');
    const route = req.method === 'POST' ? routes[path] : undefined;
    if (!route) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    let answer: object | null;
    if (!body) answer = status(ANSWER.wrongJson);
    else if (apiKey !== this.options.partnerKey) answer = status(ANSWER.invalidApiKey);
    else if (body.partner_key !== this.options.partnerKey) answer = status(ANSWER.partnerNotFound);
    else answer = await route(body);
    if (answer === null) return void res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  private async payByPrime(b: Record<string, unknown>): Promise<object | null> {
    const fault = this.payFaults.shift();
    if (fault === '5xx') return null;
    const answer = this.charge(b);
    if (fault === 'timeout') await this.sleep(this.options.hangMs ?? 10_000);
    return answer;
  }

  private charge(b: Record<string, unknown>): object {
    const prime = str(b.prime);
    const cardholder = b.cardholder as Record<string, unknown> | undefined;
    if (!str(b.merchant_id)) return status(ANSWER.missingMerchantId);
    if (b.merchant_id !== this.options.merchantId) return status(ANSWER.merchantNotFound);
    if (!prime) return status(ANSWER.missingPrime);
    if (!isInt(b.amount) || b.amount < 1 || (b.currency !== undefined && b.currency !== 'TWD')) return status(ANSWER.invalidAmount);
    if (!str(b.details)) return status(ANSWER.missingDetails);
    if (!cardholder || !str(cardholder.phone_number) || !str(cardholder.name) || !str(cardholder.email)) return status(ANSWER.missingCardholder);
    const resultUrl = b.result_url as { frontend_redirect_url?: unknown; backend_notify_url?: unknown } | undefined;
    const threeDs = b.three_domain_secure === true;
    if (threeDs && (!str(resultUrl?.frontend_redirect_url) || !str(resultUrl?.backend_notify_url))) return status(ANSWER.wrongJson);
    const bankTransactionId = str(b.bank_transaction_id);
    if (bankTransactionId && [...this.trades.values()].some((t) => t.bank_transaction_id === bankTransactionId)) return status(ANSWER.duplicateTransaction);

    const at = this.now();
    // A card that needs 3-D Secure is refused by its bank when the merchant did not ask for it.
    const needs3ds = prime.includes('3ds') && threeDs;
    const declined = prime.includes('decline') || (prime.includes('3ds') && !threeDs);
    const t: Trade = {
      rec_trade_id: id('D', at),
      bank_transaction_id: bankTransactionId ?? id('TP', at),
      order_number: str(b.order_number) ?? '',
      details: String(b.details),
      amount: b.amount,
      refunded_amount: 0,
      status: needs3ds ? RECORD.PENDING : declined ? RECORD.ERROR : RECORD.AUTH,
      time: at.getTime(),
      three_domain_secure: threeDs,
      authorisation_cancelled: false,
      card_last_four: needs3ds ? '3220' : declined ? '0002' : '4242',
      auth_code: needs3ds || declined ? null : '123456',
      bank_result_code: needs3ds ? null : declined ? '05' : '00',
      bank_result_msg: needs3ds ? null : declined ? 'Do not honor' : 'Approved',
      frontend_redirect_url: threeDs ? String(resultUrl!.frontend_redirect_url) : null,
      backend_notify_url: threeDs ? String(resultUrl!.backend_notify_url) : null,
      refunds: [],
    };
    this.trades.set(t.rec_trade_id, t);
    const common = {
      rec_trade_id: t.rec_trade_id,
      bank_transaction_id: t.bank_transaction_id,
      order_number: t.order_number,
      amount: t.amount,
      currency: 'TWD',
      acquirer: 'TW_FAKE',
      transaction_time_millis: t.time,
      bank_result_code: t.bank_result_code,
      bank_result_msg: t.bank_result_msg,
    };
    if (needs3ds) return { ...status(ANSWER.success), ...common, payment_url: `${this.url}/fake/3ds/${t.rec_trade_id}` };
    if (declined) return { ...status(ANSWER.cardError), ...common };
    return { ...status(ANSWER.success), ...common, auth_code: t.auth_code, card_info: cardInfo(t) };
  }

  private query(b: Record<string, unknown>): object {
    const filters = (b.filters ?? {}) as Record<string, unknown>;
    const time = filters.time as { start_time?: unknown; end_time?: unknown } | undefined;
    const orderBy = b.order_by as { attribute?: unknown; is_descending?: unknown } | undefined;
    const perPage = Math.min(Math.max(isInt(b.records_per_page) ? b.records_per_page : 50, 1), 200);
    const page = isInt(b.page) && b.page >= 0 ? b.page : 0;
    const rows = [...this.trades.values()]
      .filter((t) => (filters.rec_trade_id === undefined || t.rec_trade_id === filters.rec_trade_id)
        && (filters.bank_transaction_id === undefined || t.bank_transaction_id === filters.bank_transaction_id)
        && (filters.order_number === undefined || t.order_number === filters.order_number)
        && (!isInt(time?.start_time) || t.time >= time.start_time)
        && (!isInt(time?.end_time) || t.time <= time.end_time))
      .sort((x, y) => (orderBy?.is_descending === false ? x.time - y.time : y.time - x.time));
    const slice = rows.slice(page * perPage, (page + 1) * perPage);
    return {
      ...status(slice.length === 0 ? ANSWER.endOfList : ANSWER.success),
      records_per_page: perPage,
      page,
      total_page_count: Math.ceil(rows.length / perPage),
      number_of_transactions: rows.length,
      trade_records: slice.map((t) => this.asRecord(t)),
    };
  }

  private refund(b: Record<string, unknown>): object {
    const t = this.trades.get(String(b.rec_trade_id));
    if (!t) return status(ANSWER.tradeNotFound);
    const bankRefundId = str(b.bank_refund_id);
    // A refund asked again under the same bank_refund_id answers the first one.
    const earlier = bankRefundId ? t.refunds.find((r) => r.bank_refund_id === bankRefundId) : undefined;
    if (earlier) return this.refundAnswer(earlier);
    if (t.status === RECORD.ERROR || t.status === RECORD.PENDING || t.status === RECORD.REFUNDED) return status(ANSWER.notRefundable);
    const amount = b.amount === undefined ? t.amount - t.refunded_amount : b.amount;
    if (!isInt(amount) || amount < 1) return status(ANSWER.invalidAmount);
    if (t.refunded_amount + amount > t.amount) return status(ANSWER.refundExceeds);
    const captured = this.captured(t);
    const refund: Refund = { refund_id: id('R', this.now()), bank_refund_id: bankRefundId, amount, is_captured: captured };
    t.refunds.push(refund);
    t.refunded_amount += amount;
    t.status = t.refunded_amount === t.amount ? RECORD.REFUNDED : RECORD.PARTIALREFUNDED;
    // Before the nightly capture, a full refund cancels the authorisation: nothing will be captured.
    if (!captured && t.refunded_amount === t.amount) t.authorisation_cancelled = true;
    return this.refundAnswer(refund);
  }

  private refundAnswer(r: Refund): object {
    return { ...status(ANSWER.success), refund_id: r.refund_id, refund_amount: r.amount, is_captured: r.is_captured, currency: 'TWD' };
  }

  /** Authorised charges are captured in the batch after their business day (delay_capture_in_days 0). */
  private captured(t: Trade): boolean {
    const authorised = t.status === RECORD.AUTH || t.status === RECORD.OK || t.status === RECORD.PARTIALREFUNDED || t.status === RECORD.REFUNDED;
    return authorised && !t.authorisation_cancelled && this.now() >= startOfNextBusinessDay(new Date(t.time));
  }

  private asRecord(t: Trade): Record<string, unknown> {
    const captured = this.captured(t);
    const settled = t.status !== RECORD.PENDING;
    return {
      rec_trade_id: t.rec_trade_id,
      bank_transaction_id: t.bank_transaction_id,
      order_number: t.order_number,
      merchant_id: this.options.merchantId,
      details: t.details,
      amount: t.amount,
      refunded_amount: t.refunded_amount,
      currency: 'TWD',
      record_status: t.status === RECORD.AUTH && captured ? RECORD.OK : t.status,
      is_captured: captured,
      time: t.time,
      three_domain_secure: t.three_domain_secure,
      auth_code: t.auth_code,
      bank_result_code: t.bank_result_code,
      bank_result_msg: t.bank_result_msg,
      ...(settled ? { card_info: cardInfo(t) } : {}),
    };
  }

  /** The 3-D Secure page: GET shows Approve / Decline, POST (form `answer=approve|decline`) answers and redirects back. */
  private threeDsPage(req: http.IncomingMessage, res: http.ServerResponse, recTradeId: string, raw: string): void {
    const t = this.trades.get(recTradeId);
    if (req.method === 'POST') {
      const answer = new URLSearchParams(raw).get('answer');
      const back = answer === 'approve' || answer === 'decline' ? this.complete3ds(recTradeId, answer) : null;
      if (!back) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no such 3-D Secure step');
      return void res.writeHead(303, { location: back }).end();
    }
    if (!t || t.status !== RECORD.PENDING) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no such 3-D Secure step');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><title>Fake 3-D Secure</title><p>NT$ ${t.amount} (${t.order_number})</p>` +
        `<form method="post"><button name="answer" value="approve">Approve</button><button name="answer" value="decline">Decline</button></form>`,
    );
  }

  /** The backend notification, with TapPay's field names, as `notify` says (once, never, twice, or later). */
  private sendNotification(t: Trade): void {
    if (this.notify === 'drop' || !t.backend_notify_url) return;
    const ok = t.status !== RECORD.ERROR;
    const body = {
      rec_trade_id: t.rec_trade_id,
      bank_transaction_id: t.bank_transaction_id,
      order_number: t.order_number,
      amount: t.amount,
      currency: 'TWD',
      status: ok ? ANSWER.success[0] : ANSWER.cardError[0],
      msg: ok ? ANSWER.success[1] : ANSWER.cardError[1],
      auth_code: t.auth_code,
      acquirer: 'TW_FAKE',
      transaction_time_millis: t.time,
      card_info: cardInfo(t),
      bank_result_code: t.bank_result_code,
      bank_result_msg: t.bank_result_msg,
    };
    const url = t.backend_notify_url;
    const times = this.notify === 'duplicate' ? 2 : 1;
    const post = async () => {
      for (let i = 0; i < times; i++) {
        const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5_000) })
          .then((r) => r.status)
          .catch(() => 'failed' as const);
        this.notificationsSent.push({ url, body, answer, at: new Date() });
      }
    };
    const done = (this.notify === 'late' ? this.sleep(this.lateNotifyMs).then(post) : post()).finally(() => this.posts.delete(done));
    this.posts.add(done);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function status([code, msg]: readonly [number, string]): { status: number; msg: string } {
  return { status: code, msg };
}

function cardInfo(t: Trade): Record<string, unknown> {
  return { bin_code: '424242', last_four: t.card_last_four, issuer: 'FAKE BANK', funding: 0, type: 1, level: 'CLASSIC', country: 'TAIWAN', country_code: 'TW' };
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
