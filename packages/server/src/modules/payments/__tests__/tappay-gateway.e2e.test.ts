/**
 * B6: the TapPay adapter driven over real HTTP against a fake TapPay (e2e/fake-tappay.ts). No database.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeTapPay } from '../../../../e2e/fake-tappay.js';
import { TestClock } from '../../../common/clock.js';
import { loadConfig, publicPaymentConfig } from '../../../config.js';
import type { ChargeRequest } from '../gateway.js';
import { bankTransactionId, TapPayGateway, TapPayUnavailableError } from '../tappay-gateway.js';

const PARTNER_KEY = 'partner_FAKEfake0123456789secretSECRET0123456789abcdefABCDEF0123';
const MERCHANT_ID = 'eticket_FAKE_CTBC';
const DAY = 24 * 3600_000;

let fake: FakeTapPay;
let gateway: TapPayGateway;
const clock = new TestClock();
/** What our notify endpoint would receive: a plain server standing in for POST /payments/tappay/notify. */
const notifications: { body: unknown; at: number }[] = [];
let notifyServer: http.Server;
let notifyUrl = '';
let seq = 0;

beforeAll(async () => {
  fake = await FakeTapPay.start({ partnerKey: PARTNER_KEY, merchantId: MERCHANT_ID, now: () => clock.now() });
  gateway = new TapPayGateway({ partnerKey: PARTNER_KEY, merchantId: MERCHANT_ID, apiUrl: fake.url, clock, timeoutMs: 2_000 });
  notifyServer = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      notifications.push({ body: JSON.parse(raw), at: Date.now() });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":0}');
    });
  });
  await new Promise<void>((resolve) => notifyServer.listen(0, '127.0.0.1', resolve));
  notifyUrl = `http://127.0.0.1:${(notifyServer.address() as AddressInfo).port}/payments/tappay/notify`;
});

afterAll(async () => {
  await fake?.close();
  notifyServer?.closeAllConnections();
  await new Promise((resolve) => notifyServer?.close(resolve));
});

afterEach(() => {
  clock.set(new Date());
  fake.notify = 'normal';
});

function chargeRequest(prime: string, overrides: Partial<ChargeRequest> = {}): ChargeRequest {
  seq += 1;
  return {
    amount: 1000,
    cardToken: prime,
    idempotencyKey: `order:00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    orderNumber: `T${String(seq).padStart(8, '0')}`,
    description: '早鳥票 x2',
    cardholder: { name: '王小明', phoneNumber: '+886912345678', email: 'ming@example.com' },
    threeDomainSecure: { returnUrl: `https://api.example.com/payments/tappay/return?order=${seq}`, notifyUrl },
    ...overrides,
  };
}

async function eventually<T>(probe: () => T | Promise<T>, done: (v: T) => boolean, timeoutMs = 3_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const notificationsFor = (chargeId: string) => notifications.filter((n) => (n.body as { rec_trade_id?: string }).rec_trade_id === chargeId);

describe('TapPay adapter: Pay by Prime without 3-D Secure', () => {
  it('B6/P1: an approved prime answers APPROVED with the card brand and last four, and sends what TapPay documents', async () => {
    const input = chargeRequest('test_approve_1');
    const result = await gateway.charge(input);
    expect(result).toMatchObject({ outcome: 'APPROVED', card: { brand: 'VISA', lastFour: '4242' } });
    const sent = fake.received.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/tpc/payment/pay-by-prime', apiKey: PARTNER_KEY });
    expect(sent.body).toMatchObject({
      prime: 'test_approve_1',
      partner_key: PARTNER_KEY,
      merchant_id: MERCHANT_ID,
      amount: 1000,
      currency: 'TWD',
      order_number: input.orderNumber,
      details: '早鳥票 x2',
      cardholder: { name: '王小明', phone_number: '+886912345678', email: 'ming@example.com' },
      three_domain_secure: true,
      result_url: { frontend_redirect_url: input.threeDomainSecure.returnUrl, backend_notify_url: notifyUrl },
    });
    // The idempotency key becomes a bank_transaction_id TapPay accepts: 20 letters and digits, always the same.
    expect(sent.body!.bank_transaction_id).toMatch(/^[A-Z0-9]{20}$/);
    expect(sent.body!.bank_transaction_id).toBe(bankTransactionId(input.idempotencyKey));
  });

  it('B6/P1: a prime the bank refuses answers DECLINED with the bank code and message as bankResult', async () => {
    const result = await gateway.charge(chargeRequest('test_decline_1'));
    expect(result).toMatchObject({ outcome: 'DECLINED', declineCode: '05' });
    if (result.outcome !== 'DECLINED') throw new Error('expected a decline');
    expect(result.bankResult).toContain('05 Do not honor');
    expect(await gateway.record(result.chargeId)).toMatchObject({ status: 'DECLINED', amount: 1000, refundedAmount: 0 });
  });

  it('P1/P2: a charge retried with the same idempotency key answers the first charge and charges nothing more', async () => {
    const input = chargeRequest('test_approve_2');
    const first = await gateway.charge(input);
    const trades = fake.tradeCount;
    const again = await gateway.charge({ ...input, cardToken: 'test_approve_2_new_prime' });
    expect(again).toMatchObject({ outcome: 'APPROVED', chargeId: (first as { chargeId: string }).chargeId });
    expect(fake.tradeCount).toBe(trades);
  });

  it('P1: an amount that is not a positive whole number is declined without asking TapPay', async () => {
    const before = fake.received.length;
    expect(await gateway.charge(chargeRequest('test_approve_3', { amount: 0 }))).toMatchObject({ outcome: 'DECLINED', declineCode: 'invalid_amount' });
    expect(fake.received.length).toBe(before);
  });
});

describe('TapPay adapter: 3-D Secure and the backend notification', () => {
  it('P3/P4: a prime needing 3-D Secure answers ACTION_REQUIRED; approved on the bank page, the notification names the charge and the record says APPROVED', async () => {
    const input = chargeRequest('test_3ds_approve');
    const result = await gateway.charge(input);
    expect(result).toMatchObject({ outcome: 'ACTION_REQUIRED' });
    if (result.outcome !== 'ACTION_REQUIRED') throw new Error('expected 3-D Secure');
    expect(result.redirectUrl).toBe(`${fake.url}/fake/3ds/${result.chargeId}`);
    expect(await gateway.record(result.chargeId)).toMatchObject({ status: 'PENDING', card: null, bankResult: null, threeDomainSecure: true });
    expect(await gateway.findCharge(input.idempotencyKey)).toMatchObject({ outcome: 'ACTION_REQUIRED', chargeId: result.chargeId });

    // The shopper's browser: the bank page, then Approve, then back to our return URL.
    expect((await fetch(result.redirectUrl)).status).toBe(200);
    const approved = await fetch(result.redirectUrl, { method: 'POST', body: new URLSearchParams({ answer: 'approve' }), redirect: 'manual' });
    expect(approved.status).toBe(303);
    const back = new URL(approved.headers.get('location')!);
    expect(back.origin + back.pathname).toBe('https://api.example.com/payments/tappay/return');
    expect(back.searchParams.get('rec_trade_id')).toBe(result.chargeId);

    const [note] = await eventually(() => notificationsFor(result.chargeId), (n) => n.length > 0);
    expect(note).toBeDefined();
    expect(gateway.parseNotification(note!.body)).toEqual({ chargeId: result.chargeId, orderNumber: input.orderNumber });
    expect(await gateway.record(result.chargeId)).toMatchObject({
      chargeId: result.chargeId,
      orderNumber: input.orderNumber,
      amount: 1000,
      refundedAmount: 0,
      status: 'APPROVED',
      threeDomainSecure: true,
      card: { brand: 'VISA', lastFour: '3220' },
    });
    expect(await gateway.findCharge(input.idempotencyKey)).toMatchObject({ outcome: 'APPROVED', chargeId: result.chargeId });
  });

  it('P3: a declined 3-D Secure step leaves a DECLINED record, and the notification still names the charge', async () => {
    const result = await gateway.charge(chargeRequest('test_3ds_decline'));
    if (result.outcome !== 'ACTION_REQUIRED') throw new Error('expected 3-D Secure');
    expect(fake.complete3ds(result.chargeId, 'decline')).toContain('rec_trade_id=');
    expect(fake.complete3ds(result.chargeId, 'approve')).toBeNull();
    const [note] = await eventually(() => notificationsFor(result.chargeId), (n) => n.length > 0);
    expect(gateway.parseNotification(note!.body)?.chargeId).toBe(result.chargeId);
    expect(await gateway.record(result.chargeId)).toMatchObject({ status: 'DECLINED', card: { lastFour: '3220' } });
  });

  it('P4: notifications lost, duplicated or late are what the fake says they are', async () => {
    fake.notify = 'drop';
    const dropped = await gateway.charge(chargeRequest('test_3ds_drop'));
    fake.complete3ds((dropped as { chargeId: string }).chargeId, 'approve');
    fake.notify = 'duplicate';
    const duplicated = await gateway.charge(chargeRequest('test_3ds_duplicate'));
    fake.complete3ds((duplicated as { chargeId: string }).chargeId, 'approve');
    fake.notify = 'late';
    fake.lateNotifyMs = 300;
    const late = await gateway.charge(chargeRequest('test_3ds_late'));
    const lateAt = Date.now();
    fake.complete3ds((late as { chargeId: string }).chargeId, 'approve');
    expect(notificationsFor((late as { chargeId: string }).chargeId)).toHaveLength(0);
    await fake.notificationsSettled();

    expect(notificationsFor((dropped as { chargeId: string }).chargeId)).toHaveLength(0);
    expect(notificationsFor((duplicated as { chargeId: string }).chargeId)).toHaveLength(2);
    const lateNotes = notificationsFor((late as { chargeId: string }).chargeId);
    expect(lateNotes).toHaveLength(1);
    expect(lateNotes[0]!.at - lateAt).toBeGreaterThanOrEqual(250);
    // Lost or not, the Record API knows the outcome.
    expect(await gateway.record((dropped as { chargeId: string }).chargeId)).toMatchObject({ status: 'APPROVED' });
  });

  it('P4: parseNotification reads rec_trade_id and order_number and nothing else', () => {
    expect(gateway.parseNotification({ rec_trade_id: 'D20261204ABCD', order_number: 'T1', status: 0 })).toEqual({ chargeId: 'D20261204ABCD', orderNumber: 'T1' });
    expect(gateway.parseNotification({ rec_trade_id: 'D20261204ABCD' })).toEqual({ chargeId: 'D20261204ABCD', orderNumber: null });
    for (const body of [null, undefined, 'D2026', 42, [], {}, { order_number: 'T1' }, { rec_trade_id: 123 }, { rec_trade_id: '' }, { rec_trade_id: '../../x' }]) {
      expect(gateway.parseNotification(body)).toBeNull();
    }
  });
});

describe('TapPay adapter: the Record API', () => {
  it('P4: findCharge looks a charge up by the idempotency key; an unknown key is null', async () => {
    const input = chargeRequest('test_approve_find');
    const charged = await gateway.charge(input);
    expect(await gateway.findCharge(input.idempotencyKey)).toMatchObject({ outcome: 'APPROVED', chargeId: (charged as { chargeId: string }).chargeId, card: { lastFour: '4242' } });
    expect(await gateway.findCharge('order:never-charged')).toBeNull();
    expect(await gateway.record('D20000101NOTHERE')).toBeNull();
  });

  it('P4: records lists the charges of [from, to), page after page', async () => {
    const paging = new TapPayGateway({ partnerKey: PARTNER_KEY, merchantId: MERCHANT_ID, apiUrl: fake.url, clock, recordsPerPage: 2 });
    const start = Date.parse('2031-03-01T00:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.set(new Date(start + i * 3600_000));
      ids.push(((await gateway.charge(chargeRequest(`test_approve_range_${i}`, { amount: 100 + i }))) as { chargeId: string }).chargeId);
    }
    clock.set(new Date(start + 10 * 3600_000));
    await gateway.charge(chargeRequest('test_approve_range_after'));
    const inRange = await paging.records({ from: new Date(start), to: new Date(start + 5 * 3600_000) });
    expect(inRange.map((r) => r.chargeId)).toEqual(ids);
    expect(inRange.map((r) => r.amount)).toEqual([100, 101, 102, 103, 104]);
    // The test clock keeps ticking from the time it is set to.
    expect(inRange[0]!.createdAt.getTime() - start).toBeGreaterThanOrEqual(0);
    expect(inRange[0]!.createdAt.getTime() - start).toBeLessThan(1_000);
    const pages = fake.received.filter((r) => r.path === '/tpc/transaction/query' && (r.body?.filters as { time?: unknown })?.time);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(await paging.records({ from: new Date(start + 5 * 3600_000), to: new Date(start + 6 * 3600_000) })).toEqual([]);
  });
});

describe('TapPay adapter: void and refund through the Refund API', () => {
  const chargedAt = Date.parse('2031-04-01T02:00:00Z'); // 10:00 in Taipei

  async function approvedCharge(amount = 1000): Promise<string> {
    clock.set(new Date(chargedAt));
    const r = await gateway.charge(chargeRequest(`test_approve_refund_${seq}`, { amount }));
    if (r.outcome !== 'APPROVED') throw new Error(`expected an approval, got ${r.outcome}`);
    return r.chargeId;
  }

  it('P1: a void on the business day of the charge cancels it whole; the record says VOIDED', async () => {
    const chargeId = await approvedCharge();
    clock.set(new Date(chargedAt + 6 * 3600_000));
    expect(await gateway.void({ chargeId })).toEqual({ ok: true });
    const sent = fake.received.filter((r) => r.path === '/tpc/transaction/refund').at(-1)!;
    expect(sent.body).toEqual({ rec_trade_id: chargeId, partner_key: PARTNER_KEY });
    expect(await gateway.record(chargeId)).toMatchObject({ status: 'VOIDED', refundedAmount: 1000 });
    expect(await gateway.void({ chargeId })).toEqual({ ok: true });
    expect(await gateway.refund({ chargeId, amount: 1, idempotencyKey: 'refund:after-void' })).toMatchObject({ ok: false, reason: 'VOIDED' });
  });

  it('P1: a void is refused after the business day, for a declined charge and for an unknown one', async () => {
    const chargeId = await approvedCharge();
    clock.set(new Date(chargedAt + DAY));
    expect(await gateway.void({ chargeId })).toEqual({ ok: false, reason: 'NOT_SAME_DAY' });
    const declined = await gateway.charge(chargeRequest('test_decline_void'));
    expect(await gateway.void({ chargeId: (declined as { chargeId: string }).chargeId })).toEqual({ ok: false, reason: 'NOT_CHARGED' });
    expect(await gateway.void({ chargeId: 'D20000101NOTHERE' })).toEqual({ ok: false, reason: 'NOT_FOUND' });
  });

  it('P1: a refund is partial, then the rest; one more dollar is refused; the record follows', async () => {
    const chargeId = await approvedCharge();
    expect(await gateway.refund({ chargeId, amount: 300, idempotencyKey: 'refund:same-day' })).toMatchObject({ ok: false, reason: 'SAME_DAY_USE_VOID' });
    clock.set(new Date(chargedAt + DAY));
    const first = await gateway.refund({ chargeId, amount: 300, idempotencyKey: `refund:${chargeId}:1` });
    expect(first).toMatchObject({ ok: true, refundId: expect.stringMatching(/^R/) });
    expect(fake.received.filter((r) => r.path === '/tpc/transaction/refund').at(-1)!.body).toMatchObject({ rec_trade_id: chargeId, amount: 300 });
    expect(await gateway.record(chargeId)).toMatchObject({ status: 'PARTIALLY_REFUNDED', amount: 1000, refundedAmount: 300 });

    const rest = await gateway.refund({ chargeId, amount: 700, idempotencyKey: `refund:${chargeId}:2` });
    expect(rest).toMatchObject({ ok: true });
    expect((rest as { refundId: string }).refundId).not.toBe((first as { refundId: string }).refundId);
    expect(await gateway.record(chargeId)).toMatchObject({ status: 'REFUNDED', refundedAmount: 1000 });

    expect(await gateway.refund({ chargeId, amount: 1, idempotencyKey: `refund:${chargeId}:3` })).toMatchObject({ ok: false, reason: 'EXCEEDS_CHARGE' });
    expect(await gateway.void({ chargeId })).toEqual({ ok: false, reason: 'ALREADY_REFUNDED' });
  });

  it('P1: refunding more than what is left is refused by TapPay and answered EXCEEDS_CHARGE; nothing moves', async () => {
    const chargeId = await approvedCharge(500);
    clock.set(new Date(chargedAt + DAY));
    expect(await gateway.refund({ chargeId, amount: 501, idempotencyKey: `refund:${chargeId}:over` })).toMatchObject({ ok: false, reason: 'EXCEEDS_CHARGE' });
    expect(await gateway.refund({ chargeId, amount: 0, idempotencyKey: `refund:${chargeId}:zero` })).toMatchObject({ ok: false, reason: 'EXCEEDS_CHARGE' });
    expect(await gateway.record(chargeId)).toMatchObject({ status: 'APPROVED', refundedAmount: 0 });
    expect(await gateway.refund({ chargeId: 'D20000101NOTHERE', amount: 1, idempotencyKey: 'refund:unknown' })).toMatchObject({ ok: false, reason: 'NOT_FOUND' });
  });
});

describe('TapPay adapter: faults', () => {
  it('B6/P1: a Pay by Prime that times out is ERROR without throwing; findCharge then settles it', async () => {
    const impatient = new TapPayGateway({ partnerKey: PARTNER_KEY, merchantId: MERCHANT_ID, apiUrl: fake.url, clock, timeoutMs: 300 });
    const input = chargeRequest('test_approve_timeout');
    fake.failNextPay('timeout');
    const started = Date.now();
    const result = await impatient.charge(input);
    expect(result).toEqual({ outcome: 'ERROR', message: 'TapPay pay-by-prime: no answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await impatient.findCharge(input.idempotencyKey)).toMatchObject({ outcome: 'APPROVED', card: { lastFour: '4242' } });
  });

  it('B6/P1: a 5xx answer is ERROR; nothing was charged', async () => {
    const input = chargeRequest('test_approve_5xx');
    fake.failNextPay('5xx');
    expect(await gateway.charge(input)).toEqual({ outcome: 'ERROR', message: 'TapPay pay-by-prime: HTTP 502' });
    expect(await gateway.findCharge(input.idempotencyKey)).toBeNull();
  });

  it('B6: an unreachable TapPay is ERROR for a charge and a thrown TapPayUnavailableError for a record', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const nowhere = new TapPayGateway({ partnerKey: PARTNER_KEY, merchantId: MERCHANT_ID, apiUrl: `http://127.0.0.1:${port}`, timeoutMs: 1_000 });
    expect(await nowhere.charge(chargeRequest('test_approve_nowhere'))).toMatchObject({ outcome: 'ERROR', message: expect.stringContaining('network error') });
    await expect(nowhere.record('D1')).rejects.toBeInstanceOf(TapPayUnavailableError);
    expect(await nowhere.findCharge('order:x')).toMatchObject({ outcome: 'ERROR' });
    expect(await nowhere.void({ chargeId: 'D1' })).toMatchObject({ ok: false, reason: 'GATEWAY_ERROR' });
    expect(await nowhere.refund({ chargeId: 'D1', amount: 1, idempotencyKey: 'r' })).toMatchObject({ ok: false, reason: 'GATEWAY_ERROR' });
  });

  it('B6/P1: an answer that is not TapPay JSON is ERROR for a charge and a thrown TapPayUnavailableError for a record', async () => {
    const garbled = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>'));
    await new Promise<void>((resolve) => garbled.listen(0, '127.0.0.1', resolve));
    try {
      const odd = new TapPayGateway({ partnerKey: PARTNER_KEY, merchantId: MERCHANT_ID, apiUrl: `http://127.0.0.1:${(garbled.address() as AddressInfo).port}` });
      expect(await odd.charge(chargeRequest('test_approve_garbled'))).toEqual({ outcome: 'ERROR', message: 'TapPay pay-by-prime: unreadable answer' });
      await expect(odd.record('D1')).rejects.toThrow('TapPay query: unreadable answer');
    } finally {
      garbled.closeAllConnections();
      await new Promise((resolve) => garbled.close(resolve));
    }
  });

  it('B6: a wrong partner key is refused as TapPay does (x-api-key), and the answer is an ERROR', async () => {
    const wrongKey = 'partner_WRONGwrong0123456789';
    const wrong = new TapPayGateway({ partnerKey: wrongKey, merchantId: MERCHANT_ID, apiUrl: fake.url });
    const result = await wrong.charge(chargeRequest('test_approve_wrong_key'));
    expect(result).toMatchObject({ outcome: 'ERROR', message: expect.stringContaining('80') });
    expect(JSON.stringify(result)).not.toContain(wrongKey);
    await expect(wrong.record('D1')).rejects.toThrow(/refused: 80/);
  });

  it('B6: the partner key appears in no result, no error message and no printout of the gateway', async () => {
    const seen: unknown[] = [];
    const impatient = new TapPayGateway({ partnerKey: PARTNER_KEY, merchantId: MERCHANT_ID, apiUrl: fake.url, clock, timeoutMs: 200 });
    fake.failNextPay('timeout');
    seen.push(await impatient.charge(chargeRequest('test_approve_secret_1')));
    fake.failNextPay('5xx');
    seen.push(await gateway.charge(chargeRequest('test_approve_secret_2')));
    seen.push(await gateway.charge(chargeRequest('test_decline_secret')));
    seen.push(await gateway.charge(chargeRequest('test_3ds_secret')));
    const noMerchant = new TapPayGateway({ partnerKey: PARTNER_KEY, merchantId: 'someone_else', apiUrl: fake.url, clock });
    seen.push(await noMerchant.charge(chargeRequest('test_approve_secret_3')));
    const nowhere = new TapPayGateway({ partnerKey: PARTNER_KEY, merchantId: MERCHANT_ID, apiUrl: 'http://127.0.0.1:9', timeoutMs: 500 });
    seen.push(await nowhere.charge(chargeRequest('test_approve_secret_4')));
    seen.push(await nowhere.void({ chargeId: 'D1' }), await nowhere.refund({ chargeId: 'D1', amount: 1, idempotencyKey: 'k' }), await nowhere.findCharge('k'));
    seen.push(await nowhere.record('D1').catch((err: Error) => ({ name: err.name, message: err.message, stack: err.stack })));
    seen.push(await nowhere.records({ from: new Date(0), to: new Date(DAY) }).catch((err: Error) => ({ message: err.message })));
    expect(seen.filter(Boolean)).toHaveLength(seen.length);
    const printed = JSON.stringify(seen) + JSON.stringify(gateway) + inspect(gateway, { showHidden: true, depth: 5 }) + String(gateway);
    expect(printed).not.toContain(PARTNER_KEY);
    expect(printed).not.toContain(PARTNER_KEY.slice(8, 30));
  });
});

describe('TapPay configuration (B6)', () => {
  const TAPPAY = {
    PAYMENT_GATEWAY: 'tappay',
    TAPPAY_ENV: 'sandbox',
    TAPPAY_PARTNER_KEY: PARTNER_KEY,
    TAPPAY_MERCHANT_ID: MERCHANT_ID,
    TAPPAY_APP_ID: '11327',
    TAPPAY_APP_KEY: 'app_whdEWBH8e8Lzy4N6BysVRRMILYORF6UxXbiOFsICkz0J9j1C0JUlCHv1tVJC',
  };

  it('B6: the simulator is the default and needs no TapPay setting', () => {
    expect(loadConfig({}).payment).toEqual({ gateway: 'simulator' });
    expect(loadConfig({ PAYMENT_GATEWAY: 'simulator', TAPPAY_ENV: 'nonsense' }).payment).toEqual({ gateway: 'simulator' });
    expect(publicPaymentConfig(loadConfig({}))).toEqual({ gateway: 'simulator' });
  });

  it('B6: tappay reads its settings, with the host of TAPPAY_ENV or TAPPAY_API_URL', () => {
    expect(loadConfig(TAPPAY).payment).toEqual({
      gateway: 'tappay',
      env: 'sandbox',
      partnerKey: PARTNER_KEY,
      merchantId: MERCHANT_ID,
      appId: 11327,
      appKey: TAPPAY.TAPPAY_APP_KEY,
      apiUrl: 'https://sandbox.tappaysdk.com',
    });
    expect(loadConfig({ ...TAPPAY, TAPPAY_ENV: 'production' }).payment).toMatchObject({ env: 'production', apiUrl: 'https://prod.tappaysdk.com' });
    expect(loadConfig({ ...TAPPAY, TAPPAY_API_URL: `${fake.url}/` }).payment).toMatchObject({ apiUrl: fake.url });
  });

  it('B6: the browser sees the gateway, TapPay env, app id and app key, never the partner key; logs of the config hide it too', () => {
    const config = loadConfig(TAPPAY);
    expect(publicPaymentConfig(config)).toEqual({ gateway: 'tappay', env: 'sandbox', appId: 11327, appKey: TAPPAY.TAPPAY_APP_KEY });
    expect(JSON.stringify(config)).not.toContain(PARTNER_KEY);
    expect(inspect(config, { depth: 5 })).not.toContain(PARTNER_KEY);
    expect(JSON.stringify(config)).toContain('"merchantId":"eticket_FAKE_CTBC"');
  });

  const broken: [string, string, Record<string, string | undefined>, RegExp][] = [
    ['PAYMENT_GATEWAY', 'unknown', { PAYMENT_GATEWAY: 'stripe' }, /^PAYMENT_GATEWAY must be simulator or tappay$/],
    ['TAPPAY_ENV', 'missing', { TAPPAY_ENV: undefined }, /^TAPPAY_ENV is required/],
    ['TAPPAY_ENV', 'not sandbox or production', { TAPPAY_ENV: 'staging' }, /^TAPPAY_ENV must be sandbox or production$/],
    ['TAPPAY_PARTNER_KEY', 'missing', { TAPPAY_PARTNER_KEY: undefined }, /^TAPPAY_PARTNER_KEY is required/],
    ['TAPPAY_PARTNER_KEY', 'blank', { TAPPAY_PARTNER_KEY: '   ' }, /^TAPPAY_PARTNER_KEY is required/],
    ['TAPPAY_PARTNER_KEY', 'with a space', { TAPPAY_PARTNER_KEY: 'partner_abc def' }, /^TAPPAY_PARTNER_KEY is malformed/],
    ['TAPPAY_PARTNER_KEY', 'an app key by mistake', { TAPPAY_PARTNER_KEY: 'app_whdEWBH8e8Lzy4N6BysVRRMILYORF6' }, /^TAPPAY_PARTNER_KEY is malformed/],
    ['TAPPAY_PARTNER_KEY', 'longer than 64 characters', { TAPPAY_PARTNER_KEY: `${PARTNER_KEY}X` }, /^TAPPAY_PARTNER_KEY is malformed/],
    ['TAPPAY_MERCHANT_ID', 'missing', { TAPPAY_MERCHANT_ID: undefined }, /^TAPPAY_MERCHANT_ID is required/],
    ['TAPPAY_MERCHANT_ID', 'with a space', { TAPPAY_MERCHANT_ID: 'shop id' }, /^TAPPAY_MERCHANT_ID is malformed/],
    ['TAPPAY_APP_ID', 'missing', { TAPPAY_APP_ID: undefined }, /^TAPPAY_APP_ID is required/],
    ['TAPPAY_APP_ID', 'not a number', { TAPPAY_APP_ID: '12ab' }, /^TAPPAY_APP_ID must be a positive whole number$/],
    ['TAPPAY_APP_ID', 'zero', { TAPPAY_APP_ID: '0' }, /^TAPPAY_APP_ID must be a positive whole number$/],
    ['TAPPAY_APP_ID', 'negative', { TAPPAY_APP_ID: '-5' }, /^TAPPAY_APP_ID must be a positive whole number$/],
    ['TAPPAY_APP_KEY', 'missing', { TAPPAY_APP_KEY: undefined }, /^TAPPAY_APP_KEY is required/],
    ['TAPPAY_APP_KEY', 'the partner key by mistake', { TAPPAY_APP_KEY: PARTNER_KEY }, /^TAPPAY_APP_KEY is malformed/],
    ['TAPPAY_API_URL', 'not a URL', { TAPPAY_API_URL: 'not a url' }, /^TAPPAY_API_URL must be/],
    ['TAPPAY_API_URL', 'plain http to another host', { TAPPAY_API_URL: 'http://tappay.example.com' }, /^TAPPAY_API_URL must be/],
    ['TAPPAY_API_URL', 'with a query', { TAPPAY_API_URL: 'https://sandbox.tappaysdk.com/?x=1' }, /^TAPPAY_API_URL must be/],
  ];
  for (const [name, what, change, message] of broken) {
    it(`B6: ${name} ${what} stops the start with one line naming it, never showing the partner key`, () => {
      let error: Error | null = null;
      try {
        loadConfig({ ...TAPPAY, ...change });
      } catch (err) {
        error = err as Error;
      }
      expect(error).toBeInstanceOf(Error);
      expect(error!.message).toMatch(message);
      expect(error!.message).toContain(name);
      expect(error!.message).not.toContain('\n');
      expect(error!.message).not.toContain(PARTNER_KEY);
      expect(error!.message).not.toContain('abc def');
    });
  }
});
