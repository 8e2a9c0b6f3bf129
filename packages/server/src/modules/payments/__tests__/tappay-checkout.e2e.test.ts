import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicketProduct, eventually, parallel } from '../../../../e2e/fixtures.js';
import { FakeTapPay } from '../../../../e2e/fake-tappay.js';
import { startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';
import type { Clock } from '../../../common/clock.js';

/** B6: the product with PAYMENT_GATEWAY=tappay, its real adapter talking HTTP to a fake TapPay. */
const PARTNER_KEY = 'partner_checkoutTestKey0123456789';
const MERCHANT_ID = 'shop_CTBC';
let fake: FakeTapPay;
let api: TestApi;
let shopper: GqlClient;

beforeAll(async () => {
  fake = await FakeTapPay.start({ partnerKey: PARTNER_KEY, merchantId: MERCHANT_ID });
  api = await startTestApi({
    payment: { gateway: 'tappay', env: 'sandbox', partnerKey: PARTNER_KEY, merchantId: MERCHANT_ID, appId: 12345, appKey: 'app_publicKey', apiUrl: fake.url, timeoutMs: 1_000 },
  });
  shopper = await api.newShopper();
});
afterAll(async () => {
  await api?.close();
  await fake?.close();
});

const CHECKOUT = `mutation($i: CheckoutCompleteInput!) { checkoutComplete(input: $i) { order { id number status } nextAction { redirectUrl } errors { code } } }`;
const sql = async <T = any>(query: string, params: unknown[] = []): Promise<T[]> => api.app.orm.em.fork().getConnection().execute(query, params);
const statusOf = async (orderId: string) => (await sql('select status from customer_order where id = ?', [orderId]))[0].status as string;
const count = async (query: string, params: unknown[]) => Number((await sql(query, params))[0].n);
const stockOf = async (variantId: string) => (await sql('select stock from variant where id = ?', [variantId]))[0].stock as number;
const afterHold: Clock = { now: () => new Date(Date.now() + 16 * 60_000) };

async function checkout(prime: string, key = crypto.randomUUID()) {
  const product = await createTicketProduct(api, [{ name: '全票', price: 800, stock: 4 }]);
  const variantId = product.variants[0]!.id;
  const input = { lines: [{ variantId, quantity: 1 }], acceptTicketTerms: true, recipient: { name: '王小明', phone: '0912345678' }, payment: { method: 'CREDIT_CARD', installments: 1, cardToken: prime }, idempotencyKey: key };
  const data = await shopper.ok(CHECKOUT, { i: input });
  return { ...data.checkoutComplete, variantId, input } as { order: { id: string; number: string; status: string }; nextAction: { redirectUrl: string } | null; errors: { code: string }[]; variantId: string; input: typeof input };
}

const chargeOf = async (orderId: string) => (await sql(`select gateway_charge_id from customer_order where id = ?`, [orderId]))[0].gateway_charge_id as string;

describe('B6: checkout through TapPay', () => {
  it('P1/B6: a card without 3-D Secure is paid at once; the payment shows TapPay, the transaction id and the card', async () => {
    const { order, nextAction, errors } = await checkout('test_prime_ok');
    expect(errors).toEqual([]);
    expect(nextAction).toBeNull();
    expect(order.status).toBe('PAID');
    const seen = await api.admin.ok(`query($id: ID!) { order(id: $id) { payment { gateway transactionId threeDomainSecure cardLastFour } } }`, { id: order.id });
    expect(seen.order.payment).toMatchObject({ gateway: 'tappay', threeDomainSecure: false });
    expect(seen.order.payment.transactionId).toMatch(/^D/);
    const pay = fake.received.find((r) => r.path.endsWith('/pay-by-prime') && (r.body as { order_number?: string }).order_number === order.number)!;
    expect(pay.body).toMatchObject({ amount: 800, three_domain_secure: true, result_url: { backend_notify_url: `${api.url}/payments/tappay/notify` } });
  });

  it('P3/P4: 3-D Secure: nextAction is TapPay\'s page; after Approve the shopper returns and the notification pays the order once', async () => {
    const { order, nextAction } = await checkout('test_prime_3ds');
    expect(order.status).toBe('PENDING_PAYMENT');
    expect(nextAction!.redirectUrl).toMatch(new RegExp(`^${fake.url}/`));
    const back = fake.complete3ds(await chargeOf(order.id), 'approve')!;
    expect(back.startsWith(`${api.url}/payments/tappay/return?order=${order.id}`)).toBe(true);
    const returned = await fetch(back, { redirect: 'manual' });
    expect(returned.headers.get('location')).toBe(`${api.url}/account/orders/${order.id}?from=bank`);
    await fake.notificationsSettled();
    await eventually(async () => (await statusOf(order.id)) === 'PAID');
    expect(await count(`select count(*) as n from payment where order_id = ?`, [order.id])).toBe(1);
    expect(await count(`select count(*) as n from ticket_code where order_id = ?`, [order.id])).toBe(1);
    expect(await count(`select count(*) as n from payment_notification where order_id = ? and gateway = 'tappay'`, [order.id])).toBe(1);
  });

  it('P2: a declined 3-D Secure step fails the order and releases the stock at once', async () => {
    const { order, variantId } = await checkout('test_prime_3ds');
    fake.complete3ds(await chargeOf(order.id), 'decline');
    await fake.notificationsSettled();
    await eventually(async () => (await statusOf(order.id)) === 'PAYMENT_FAILED');
    expect(await stockOf(variantId)).toBe(4);
  });

  it('P2: a pay call that times out leaves the order pending; the reconciliation sweep finds the charge by its key and pays it, charged once', async () => {
    fake.failNextPay('timeout');
    const trades = fake.tradeCount;
    const { order, errors } = await checkout('test_prime_ok');
    expect(errors.map((e) => e.code)).toEqual(['PAYMENT_ERROR']);
    expect(await statusOf(order.id)).toBe('PENDING_PAYMENT');
    await api.app.services.settlement.settleOrder(api.app.clock, order.id);
    expect(await statusOf(order.id)).toBe('PAID');
    expect(fake.tradeCount).toBe(trades + 1);
  });

  it('P2: a 5xx leaves the order pending; the shopper\'s retry with the same key and a new prime pays it once', async () => {
    fake.failNextPay('5xx');
    const first = await checkout('test_prime_ok');
    expect(first.errors.map((e) => e.code)).toEqual(['PAYMENT_ERROR']);
    const retry = await shopper.ok(CHECKOUT, { i: { ...first.input, payment: { ...first.input.payment, cardToken: 'test_prime_ok_again' } } });
    expect(retry.checkoutComplete.errors).toEqual([]);
    expect(retry.checkoutComplete.order).toMatchObject({ id: first.order.id, status: 'PAID' });
    expect(await count(`select count(*) as n from payment where order_id = ?`, [first.order.id])).toBe(1);
  });

  it('P4: with the notification lost and the shopper gone, the reconciliation sweep pays the order from the Record API', async () => {
    fake.notify = 'drop';
    try {
      const { order } = await checkout('test_prime_3ds');
      fake.complete3ds(await chargeOf(order.id), 'approve');
      expect(await statusOf(order.id)).toBe('PENDING_PAYMENT');
      const later = new Date(Date.now() + 2 * 60_000);
      for (const id of await api.app.services.settlement.awaitingPayment(later, 60_000)) await api.app.services.settlement.settleOrder(api.app.clock, id);
      expect(await statusOf(order.id)).toBe('PAID');
    } finally {
      fake.notify = 'normal';
    }
  });

  it('P4: duplicated notifications, before and after the shopper\'s return, make one payment', async () => {
    fake.notify = 'duplicate';
    try {
      const { order } = await checkout('test_prime_3ds');
      const back = fake.complete3ds(await chargeOf(order.id), 'approve')!;
      await Promise.all([fake.notificationsSettled(), fetch(back, { redirect: 'manual' }), fetch(back, { redirect: 'manual' })]);
      await eventually(async () => (await statusOf(order.id)) === 'PAID');
      await new Promise((r) => setTimeout(r, 300));
      expect(await count(`select count(*) as n from payment where order_id = ?`, [order.id])).toBe(1);
      expect(await count(`select count(*) as n from ledger_entry where order_id = ? and kind = 'SALE'`, [order.id])).toBe(1);
    } finally {
      fake.notify = 'normal';
    }
  });

  it('P5: a notification after the hold expired: the money is refunded through TapPay, never kept', async () => {
    fake.notify = 'late';
    try {
      const { order } = await checkout('test_prime_3ds');
      const chargeId = await chargeOf(order.id);
      await api.app.services.settlement.expire(afterHold, order.id);
      expect(await statusOf(order.id)).toBe('EXPIRED');
      fake.complete3ds(chargeId, 'approve');
      await fake.notificationsSettled();
      await eventually(async () => (await count(`select count(*) as n from payment where order_id = ? and late_refund_reference is not null`, [order.id])) === 1);
      expect(fake.record(chargeId)).toMatchObject({ refunded_amount: 800 });
      expect(await statusOf(order.id)).toBe('EXPIRED');
    } finally {
      fake.notify = 'normal';
    }
  });

  it('P4/P5: the notification, the shopper\'s return and the expiry racing each other end in one consistent outcome', async () => {
    for (let round = 0; round < 5; round++) {
      const { order } = await checkout('test_prime_3ds');
      const chargeId = await chargeOf(order.id);
      const back = fake.complete3ds(chargeId, 'approve')!;
      await Promise.all([fake.notificationsSettled(), fetch(back, { redirect: 'manual' }), api.app.services.settlement.expire(afterHold, order.id), ...(await parallel(3, async () => api.app.services.settlement.settleOrder(api.app.clock, order.id)))]);
      await eventually(async () => {
        const status = await statusOf(order.id);
        const [payment] = await sql(`select refunded_amount, late_refund_reference from payment where order_id = ?`, [order.id]);
        return (status === 'PAID' && payment?.refunded_amount === 0) || (status === 'EXPIRED' && payment?.late_refund_reference);
      });
      expect(await count(`select count(*) as n from payment where order_id = ?`, [order.id])).toBe(1);
      const paid = (await statusOf(order.id)) === 'PAID';
      expect(await count(`select count(*) as n from ticket_code where order_id = ?`, [order.id])).toBe(paid ? 1 : 0);
      expect(fake.record(chargeId)).toMatchObject({ refunded_amount: paid ? 0 : 800 });
    }
  });

  it('F5/B6: cancelling a paid order refunds it through TapPay and stores TapPay\'s refund id; with TapPay down the order is unchanged and the retry succeeds', async () => {
    const { order } = await checkout('test_prime_ok');
    const CANCEL = `mutation($i: OrderCancelInput!) { orderCancel(input: $i) { refund { amount gatewayReference } order { status } errors { code } } }`;
    const key = crypto.randomUUID();
    fake.down = true;
    try {
      const down = await api.admin.ok(CANCEL, { i: { orderId: order.id, reason: '顧客取消', idempotencyKey: key } });
      expect(down.orderCancel.errors.map((e: { code: string }) => e.code)).toEqual(['GATEWAY_UNAVAILABLE']);
      expect(await statusOf(order.id)).toBe('PAID');
    } finally {
      fake.down = false;
    }
    const done = await api.admin.ok(CANCEL, { i: { orderId: order.id, reason: '顧客取消', idempotencyKey: key } });
    expect(done.orderCancel.errors).toEqual([]);
    expect(done.orderCancel.order.status).toBe('CANCELLED');
    expect(done.orderCancel.refund.gatewayReference).toBeTruthy();
    expect(fake.record(await sql(`select gateway_charge_id from payment where order_id = ?`, [order.id]).then((r) => r[0].gateway_charge_id))).toMatchObject({ refunded_amount: 800 });
  });
});
