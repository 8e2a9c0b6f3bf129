import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buy, createTicketProduct, parallel } from '../../../../e2e/fixtures.js';
import { startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';

/** Issue 16 item 4 / B8 for orderRefund and orderCancel: keys bound to their input and scoped to the admin who sent them. */

const RETURNING = `mutation($id: ID!) { orderMarkReturning(input: { orderId: $id }) { errors { code } } }`;
const REVIEW = `mutation($id: ID!) { orderMarkReturnReview(input: { orderId: $id }) { errors { code } } }`;
const REFUND = `mutation($i: OrderRefundInput!) { orderRefund(input: $i) { refund { id kind amount codes { code } } order { id status } errors { code message field } } }`;
const CANCEL = `mutation($i: OrderCancelInput!) { orderCancel(input: $i) { refund { id kind amount } order { id status } errors { code message field } } }`;
const CODES = `query($id: ID!) { order(id: $id) { status lines { codes { code status refundedQuantity } } } }`;
const STAFF_CREATE = `mutation($i: StaffCreateInput!) { staffCreate(input: $i) { staff { id } errors { code message } } }`;

let api: TestApi;
let shopper: GqlClient;
const DAY = 86400_000;

const setClock = (now: Date) => api.admin.ok(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: now.toISOString() });
const sql = async <T = any>(query: string, params: unknown[] = []): Promise<T[]> => api.app.orm.em.fork().getConnection().execute(query, params);
const gatewayRefunds = async (orderId: string) =>
  Number((await sql(`select count(*) as n from gateway_sim.refund r join gateway_sim.charge c on c.id = r.charge_id where c.idempotency_key = ?`, [`order:${orderId}`]))[0].n);
const statusOf = async (orderId: string) => (await api.admin.ok(CODES, { id: orderId })).order.status as string;

beforeAll(async () => {
  api = await startTestApi();
  shopper = await api.newShopper();
});
afterEach(async () => {
  await setClock(new Date());
});
afterAll(async () => {
  await api?.close();
});

/** A paid ticket order with one code per line. */
async function paidOrder(lines = [{ name: 'A', price: 100, quantity: 1 }]) {
  const product = await createTicketProduct(api, lines.map((l) => ({ name: l.name, price: l.price, stock: 100 })));
  const { order, errors } = await buy(shopper, lines.map((l, i) => ({ variantId: product.variants[i]!.id, quantity: l.quantity })));
  expect(errors).toEqual([]);
  return { id: order.id as string, codes: order.lines.map((l: any) => l.codes[0].code as string) };
}

async function toReturnReview(orderId: string) {
  expect((await api.admin.ok(RETURNING, { id: orderId })).orderMarkReturning.errors).toEqual([]);
  expect((await api.admin.ok(REVIEW, { id: orderId })).orderMarkReturnReview.errors).toEqual([]);
}

async function newAdmin(): Promise<GqlClient> {
  const email = `refunds-${randomUUID()}@example.com`;
  const data = await api.admin.ok(STAFF_CREATE, { i: { email, password: 'password123', name: '第二位管理者', role: 'ADMIN' } });
  expect(data.staffCreate.errors).toEqual([]);
  return api.client().login(email, 'password123');
}

const refund = (admin: GqlClient, orderId: string, codes: string[], key: string, reason?: string) =>
  admin.ok(REFUND, { i: { orderId, codes, idempotencyKey: key, reason } }).then((d) => d.orderRefund);
const cancel = (admin: GqlClient, orderId: string, key: string, reason?: string) => admin.ok(CANCEL, { i: { orderId, idempotencyKey: key, reason } }).then((d) => d.orderCancel);

describe('B8: refund and cancel keys are bound to their input and scoped to their admin', () => {
  it('B8: an orderRefund key reused with other codes is refused with IDEMPOTENCY_KEY_REUSED and refunds nothing more', async () => {
    const order = await paidOrder([
      { name: 'A', price: 100, quantity: 1 },
      { name: 'B', price: 100, quantity: 1 },
    ]);
    await setClock(new Date(Date.now() + DAY));
    await toReturnReview(order.id);
    const key = randomUUID();
    const first = await refund(api.admin, order.id, [order.codes[0]!], key);
    expect(first.errors).toEqual([]);
    const reused = await refund(api.admin, order.id, [order.codes[1]!], key);
    expect(reused.errors).toEqual([{ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', message: '此交易識別碼已用於內容不同的退款或取消，這次沒有任何變更' }]);
    expect(reused.refund).toBeNull();
    const withReason = await refund(api.admin, order.id, [order.codes[0]!], key, '改個理由');
    expect(withReason.errors.map((e: any) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    // The same key and codes (in another letter case) is the same request: it replays.
    const replayed = await refund(api.admin, order.id, [order.codes[0]!.toLowerCase()], key);
    expect(replayed.errors).toEqual([]);
    expect(replayed.refund.id).toBe(first.refund.id);
    const codes = (await api.admin.ok(CODES, { id: order.id })).order.lines.map((l: any) => l.codes[0].status);
    expect(codes).toEqual(['REFUNDED', 'ACTIVE']);
    expect(await gatewayRefunds(order.id)).toBe(1);
  });

  it('B8: an orderRefund key reused on another order is refused with IDEMPOTENCY_KEY_REUSED, not a server error', async () => {
    const a = await paidOrder();
    const b = await paidOrder();
    await setClock(new Date(Date.now() + DAY));
    await toReturnReview(a.id);
    await toReturnReview(b.id);
    const key = randomUUID();
    expect((await refund(api.admin, a.id, a.codes, key)).errors).toEqual([]);
    const reused = await api.admin.request(REFUND, { i: { orderId: b.id, codes: b.codes, idempotencyKey: key } });
    expect(reused.errors).toBeUndefined();
    expect(reused.data.orderRefund.errors.map((e: any) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await statusOf(b.id)).toBe('RETURN_REVIEW');
    expect(await gatewayRefunds(b.id)).toBe(0);
  });

  it("B8: an orderCancel key reused on another order, or a refund's key used to cancel, is refused and cancels nothing", async () => {
    const a = await paidOrder();
    const b = await paidOrder();
    const c = await paidOrder();
    const key = randomUUID();
    expect((await cancel(api.admin, a.id, key, '顧客取消')).errors).toEqual([]);
    expect((await cancel(api.admin, b.id, key, '顧客取消')).errors.map((e: any) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect((await cancel(api.admin, a.id, key, '別的理由')).errors.map((e: any) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await statusOf(b.id)).toBe('PAID');
    // A key used for a partial refund cannot cancel (even the same order).
    await setClock(new Date(Date.now() + DAY));
    await toReturnReview(c.id);
    const refundKey = randomUUID();
    expect((await refund(api.admin, c.id, c.codes, refundKey)).errors).toEqual([]);
    expect((await cancel(api.admin, c.id, refundKey)).errors.map((e: any) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await statusOf(c.id)).toBe('PARTIALLY_REFUNDED');
  });

  it("B8: another admin's identical key is a different key: their cancel is carried out, never the first admin's result replayed", async () => {
    const a = await paidOrder();
    const b = await paidOrder();
    const other = await newAdmin();
    const key = randomUUID();
    const mine = await cancel(api.admin, a.id, key);
    expect(mine.errors).toEqual([]);
    const theirs = await other.request(CANCEL, { i: { orderId: b.id, idempotencyKey: key } });
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data.orderCancel.errors).toEqual([]);
    expect(theirs.data.orderCancel.refund.id).not.toBe(mine.refund.id);
    expect(theirs.data.orderCancel.order).toMatchObject({ id: b.id, status: 'CANCELLED' });
    // ...and the other admin sending that key for the first admin's order is told it is refunded already, not handed the first result.
    const onMine = (await other.ok(CANCEL, { i: { orderId: a.id, idempotencyKey: randomUUID() } })).orderCancel;
    expect(onMine.errors.map((e: any) => e.code)).toEqual(['ALREADY_REFUNDED']);
  });

  it('B8: one cancel key fired at once on two orders cancels exactly one; the other call is refused with IDEMPOTENCY_KEY_REUSED', async () => {
    const orders = [await paidOrder(), await paidOrder()];
    const key = randomUUID();
    const results = await parallel(2, (i) => api.admin.request(CANCEL, { i: { orderId: orders[i]!.id, idempotencyKey: key } }));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
    const answers = results.map((r) => r.data.orderCancel);
    expect(answers.filter((a) => a.errors.length === 0)).toHaveLength(1);
    expect(answers.flatMap((a) => a.errors.map((e: any) => e.code))).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect((await Promise.all(orders.map((o) => statusOf(o.id)))).sort()).toEqual(['CANCELLED', 'PAID']);
  });

  it('B8: the same refund key and input from the same admin still replays the first result a day later (keys kept at least 24 h)', async () => {
    const order = await paidOrder();
    await setClock(new Date(Date.now() + 2 * DAY));
    const key = randomUUID();
    const first = await cancel(api.admin, order.id, key, '顧客取消');
    expect(first.errors).toEqual([]);
    await setClock(new Date(Date.now() + 3 * DAY + 3600_000));
    const replayed = await cancel(api.admin, order.id, key, ' 顧客取消 ');
    expect(replayed.errors).toEqual([]);
    expect(replayed.refund.id).toBe(first.refund.id);
    expect(replayed.order.status).toBe('CANCELLED');
    expect(await gatewayRefunds(order.id)).toBe(1);
  });
});
