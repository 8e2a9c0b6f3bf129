import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buy, createTicketProduct } from '../../../../e2e/fixtures.js';
import { forbidden, startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';

const REDEEM = `mutation($i: TicketCodeRedeemInput!) { ticketCodeRedeem(input: $i) { ticketCode { status redeemedQuantity } errors { code } } }`;
const RETURNING = `mutation($id: ID!) { orderMarkReturning(input: { orderId: $id }) { order { status } errors { code message } } }`;
const REVIEW = `mutation($id: ID!) { orderMarkReturnReview(input: { orderId: $id }) { order { status } errors { code message } } }`;
const REFUND = `mutation($i: OrderRefundInput!) { orderRefund(input: $i) {
  refund { id kind amount feeRefund codes { code quantity amount feeRefund } } order { id status } errors { code message field } } }`;
const CANCEL = `mutation($i: OrderCancelInput!) { orderCancel(input: $i) { refund { id kind amount feeRefund } order { status } errors { code message } } }`;
const CODES = `query($id: ID!) { order(id: $id) { status refund { amount } lines { variantName codes { code quantity redeemedQuantity refundedQuantity remainingQuantity status } } } }`;
const MESSAGE = `mutation($i: OrderMessageCreateInput!) { orderMessageCreate(input: $i) { message { id body fromStaff } errors { code message } } }`;

let api: TestApi;
let shopper: GqlClient;
const DAY = 86400_000;

const setClock = (now: Date) => api.admin.ok(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: now.toISOString() });
const sql = async <T = any>(query: string, params: unknown[] = []): Promise<T[]> => api.app.orm.em.fork().getConnection().execute(query, params);

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

/** Buys `lines` (name, price, quantity) as the shopper; returns the order with its codes. */
async function paidOrder(lines: { name: string; price: number; quantity: number }[], buyer = shopper) {
  const product = await createTicketProduct(api, lines.map((l) => ({ name: l.name, price: l.price, stock: 100 })));
  const { order, errors } = await buy(buyer, lines.map((l, i) => ({ variantId: product.variants[i]!.id, quantity: l.quantity })));
  expect(errors).toEqual([]);
  return { id: order.id as string, codes: order.lines.map((l: any) => l.codes[0].code as string) };
}

async function toReturnReview(orderId: string) {
  expect((await api.admin.ok(RETURNING, { id: orderId })).orderMarkReturning.order.status).toBe('RETURNING');
  expect((await api.admin.ok(REVIEW, { id: orderId })).orderMarkReturnReview.order.status).toBe('RETURN_REVIEW');
}

const refund = (orderId: string, codes: string[], key = randomUUID()) => api.admin.ok(REFUND, { i: { orderId, codes, idempotencyKey: key } }).then((d) => d.orderRefund);

describe('partial refund (F2-F8)', () => {
  it('F2/F4/F8/L3: a code of 10 with 3 redeemed refunds exactly 7 and their fee share, the next business day', async () => {
    const order = await paidOrder([{ name: '十張套票', price: 200, quantity: 10 }]);
    await api.clerk.ok(REDEEM, { i: { code: order.codes[0], quantity: 3 } });
    await setClock(new Date(Date.now() + DAY));
    await toReturnReview(order.id);
    const result = await refund(order.id, order.codes);
    expect(result.errors).toEqual([]);
    // 7 x 200 = 1400 back; the 5% fee on those 7 (70) returned
    expect(result.refund).toMatchObject({ kind: 'PARTIAL', amount: 1400, feeRefund: 70, codes: [{ code: order.codes[0], quantity: 7, amount: 1400, feeRefund: 70 }] });
    expect(result.order.status).toBe('PARTIALLY_REFUNDED');
    const code = (await shopper.ok(CODES, { id: order.id })).order.lines[0].codes[0];
    expect(code).toMatchObject({ quantity: 10, redeemedQuantity: 3, refundedQuantity: 7, remainingQuantity: 0, status: 'REFUNDED' });
    const [gw] = await sql(`select refunded_amount from gateway_sim.charge where idempotency_key = ?`, [`order:${order.id}`]);
    expect(gw.refunded_amount).toBe(1400);
    const ledger = await sql(`select kind, amount from ledger_entry where order_id = ? and kind in ('REFUND', 'FEE_REFUND') order by kind`, [order.id]);
    expect(ledger).toEqual([{ kind: 'FEE_REFUND', amount: 70 }, { kind: 'REFUND', amount: 1400 }]);
  });

  it('F7: an order with two ticket types refunds one type\'s code; the other keeps redeeming, the refunded one is void at once', async () => {
    const order = await paidOrder([
      { name: '早鳥票', price: 300, quantity: 2 },
      { name: '全票', price: 500, quantity: 2 },
    ]);
    await setClock(new Date(Date.now() + DAY));
    await toReturnReview(order.id);
    const result = await refund(order.id, [order.codes[0]!]);
    expect(result.refund.amount).toBe(600);
    expect((await api.clerk.ok(REDEEM, { i: { code: order.codes[0], quantity: 1 } })).ticketCodeRedeem.errors[0].code).toBe('CODE_VOID');
    expect((await api.clerk.ok(REDEEM, { i: { code: order.codes[1], quantity: 2 } })).ticketCodeRedeem.ticketCode.status).toBe('FULLY_REDEEMED');
  });

  it('F3: a second refund on the order is refused with ALREADY_REFUNDED; a retried orderRefund refunds once', async () => {
    const order = await paidOrder([
      { name: 'A', price: 100, quantity: 1 },
      { name: 'B', price: 100, quantity: 1 },
    ]);
    await setClock(new Date(Date.now() + DAY));
    await toReturnReview(order.id);
    const key = randomUUID();
    const first = await refund(order.id, [order.codes[0]!], key);
    const retried = await refund(order.id, [order.codes[0]!], key);
    expect(retried.refund.id).toBe(first.refund.id);
    const second = await refund(order.id, [order.codes[1]!]);
    expect(second.errors[0]).toMatchObject({ code: 'ALREADY_REFUNDED', message: '此訂單已退款過，一張訂單只能退款一次' });
    expect(Number((await sql(`select count(*) as n from gateway_sim.refund r join gateway_sim.charge c on c.id = r.charge_id where c.idempotency_key = ?`, [`order:${order.id}`]))[0].n)).toBe(1);
    expect((await api.admin.ok(RETURNING, { id: order.id })).orderMarkReturning.errors[0].code).toBe('ALREADY_REFUNDED');
  });

  it('F6: a same-day partial refund is refused with REFUND_NOT_YET_ALLOWED and allowed from 00:00 Taipei the next day', async () => {
    // paid at 23:30 on 2026-10-05 in Taipei (15:30 UTC)
    await setClock(new Date('2026-10-05T15:30:00Z'));
    const order = await paidOrder([{ name: '夜場', price: 400, quantity: 2 }]);
    await toReturnReview(order.id);
    await setClock(new Date('2026-10-05T15:59:00Z')); // 23:59 Taipei, same business day
    expect((await refund(order.id, order.codes)).errors[0].code).toBe('REFUND_NOT_YET_ALLOWED');
    await setClock(new Date('2026-10-05T16:00:30Z')); // 00:00:30 Taipei on 10/6
    const allowed = await refund(order.id, order.codes);
    expect(allowed.errors).toEqual([]);
    expect(allowed.refund.amount).toBe(800);
  });

  it('F6: refunds need the return review state; codes must belong to the order; used-up codes have nothing to refund', async () => {
    const order = await paidOrder([
      { name: 'A', price: 100, quantity: 1 },
      { name: 'B', price: 100, quantity: 1 },
    ]);
    const other = await paidOrder([{ name: 'C', price: 100, quantity: 1 }]);
    await setClock(new Date(Date.now() + DAY));
    expect((await refund(order.id, order.codes)).errors[0].code).toBe('NOT_IN_RETURN_REVIEW');
    expect((await api.admin.ok(REVIEW, { id: order.id })).orderMarkReturnReview.errors[0].code).toBe('INVALID_TRANSITION');
    await toReturnReview(order.id);
    expect((await refund(order.id, [other.codes[0]!])).errors[0]).toMatchObject({ code: 'CODE_NOT_IN_ORDER', message: `核銷碼 ${other.codes[0]} 不屬於此訂單` });
    await api.clerk.ok(REDEEM, { i: { code: order.codes[0], quantity: 1 } });
    expect((await refund(order.id, [order.codes[0]!])).errors[0].code).toBe('NOTHING_TO_REFUND');
    expect((await refund(order.id, [])).errors[0].code).toBe('CODES_REQUIRED');
  });

  it('X1/F2: split codes are refund units of their own', async () => {
    const order = await paidOrder([{ name: '分票', price: 250, quantity: 4 }]);
    const split = await shopper.ok(`mutation($i: TicketCodeSplitInput!) { ticketCodeSplit(input: $i) { children { code } } }`, { i: { code: order.codes[0] } });
    const children = split.ticketCodeSplit.children.map((c: any) => c.code);
    await setClock(new Date(Date.now() + DAY));
    await toReturnReview(order.id);
    expect((await refund(order.id, [order.codes[0]!])).errors[0].code).toBe('NOTHING_TO_REFUND');
    const result = await refund(order.id, children.slice(0, 2));
    expect(result.refund).toMatchObject({ amount: 500, codes: [{ quantity: 1 }, { quantity: 1 }] });
    expect((await api.clerk.ok(REDEEM, { i: { code: children[2] } })).ticketCodeRedeem.errors).toEqual([]);
  });

  it('F4/R1: a refund and a redemption of the same code fired at once never both take the same unit', async () => {
    for (let round = 0; round < 4; round++) {
      await setClock(new Date());
      const order = await paidOrder([{ name: '競速', price: 100, quantity: 5 }]);
      await setClock(new Date(Date.now() + DAY));
      await toReturnReview(order.id);
      const [refunded, redeemed] = await Promise.all([refund(order.id, order.codes), api.clerk.ok(REDEEM, { i: { code: order.codes[0], quantity: 5 } })]);
      const [row] = await sql(`select quantity, redeemed_quantity, refunded_quantity from ticket_code where code = ?`, [order.codes[0]]);
      expect(row.redeemed_quantity + row.refunded_quantity).toBeLessThanOrEqual(row.quantity);
      // exactly one of them got the five units
      expect([refunded.errors.length === 0, redeemed.ticketCodeRedeem.errors.length === 0].filter(Boolean)).toHaveLength(1);
    }
  });
});

describe('cancel (F5)', () => {
  it('F5: cancelling on the payment day voids the charge, voids every code and records the one refund', async () => {
    const order = await paidOrder([
      { name: 'A', price: 300, quantity: 2 },
      { name: 'B', price: 100, quantity: 1 },
    ]);
    const result = (await api.admin.ok(CANCEL, { i: { orderId: order.id, reason: '顧客取消', idempotencyKey: randomUUID() } })).orderCancel;
    expect(result.errors).toEqual([]);
    expect(result.refund).toMatchObject({ kind: 'CANCELLATION', amount: 700, feeRefund: 35 });
    expect(result.order.status).toBe('CANCELLED');
    const [charge] = await sql(`select status from gateway_sim.charge where idempotency_key = ?`, [`order:${order.id}`]);
    expect(charge.status).toBe('VOIDED');
    for (const code of order.codes) expect((await api.clerk.ok(REDEEM, { i: { code } })).ticketCodeRedeem.errors[0].code).toBe('CODE_VOID');
    const again = (await api.admin.ok(CANCEL, { i: { orderId: order.id, idempotencyKey: randomUUID() } })).orderCancel;
    expect(again.errors[0].code).toBe('ALREADY_REFUNDED');
  });

  it('F5: cancelling after the payment day refunds through the gateway', async () => {
    const order = await paidOrder([{ name: 'A', price: 300, quantity: 1 }]);
    await setClock(new Date(Date.now() + 2 * DAY));
    const key = randomUUID();
    const result = (await api.admin.ok(CANCEL, { i: { orderId: order.id, idempotencyKey: key } })).orderCancel;
    expect(result.refund.amount).toBe(300);
    const retried = (await api.admin.ok(CANCEL, { i: { orderId: order.id, idempotencyKey: key } })).orderCancel;
    expect(retried.refund.id).toBe(result.refund.id);
    const [charge] = await sql(`select status, refunded_amount from gateway_sim.charge where idempotency_key = ?`, [`order:${order.id}`]);
    expect(charge).toEqual({ status: 'SUCCEEDED', refunded_amount: 300 });
  });

  it('F5: an order with any redemption cannot be cancelled (ORDER_HAS_REDEMPTIONS)', async () => {
    const order = await paidOrder([{ name: 'A', price: 300, quantity: 3 }]);
    await api.clerk.ok(REDEEM, { i: { code: order.codes[0], quantity: 1 } });
    const result = (await api.admin.ok(CANCEL, { i: { orderId: order.id, idempotencyKey: randomUUID() } })).orderCancel;
    expect(result.errors[0].code).toBe('ORDER_HAS_REDEMPTIONS');
    expect((await shopper.ok(CODES, { id: order.id })).order.status).toBe('PAID');
  });
});

describe('who may do what after the sale', () => {
  it('only admins cancel, refund and move orders; clerks, shoppers and anonymous callers are forbidden', async () => {
    const order = await paidOrder([{ name: 'A', price: 100, quantity: 1 }]);
    for (const actor of [api.clerk, shopper, api.anonymous]) {
      expect(forbidden(await actor.request(CANCEL, { i: { orderId: order.id, idempotencyKey: randomUUID() } }))).toBe(true);
      expect(forbidden(await actor.request(REFUND, { i: { orderId: order.id, codes: order.codes, idempotencyKey: randomUUID() } }))).toBe(true);
      expect(forbidden(await actor.request(RETURNING, { id: order.id }))).toBe(true);
      expect(forbidden(await actor.request(REVIEW, { id: order.id }))).toBe(true);
    }
    expect((await shopper.ok(CODES, { id: order.id })).order.status).toBe('PAID');
  });

  it('F1/F9: the buyer writes inquiries on their order; the admin list marks it unread until read; others cannot', async () => {
    const order = await paidOrder([{ name: 'A', price: 100, quantity: 1 }]);
    const mine = (await shopper.ok(MESSAGE, { i: { orderId: order.id, body: '請問可以退票嗎？' } })).orderMessageCreate;
    expect(mine.message).toMatchObject({ body: '請問可以退票嗎？', fromStaff: false });
    const unread = await api.admin.ok(`query($id: ID!) { order(id: $id) { hasUnreadInquiry messages { body fromStaff } } }`, { id: order.id });
    expect(unread.order.hasUnreadInquiry).toBe(true);
    await api.admin.ok(`mutation($id: ID!) { orderMessagesMarkRead(input: { orderId: $id }) { errors { code } } }`, { id: order.id });
    await api.admin.ok(MESSAGE, { i: { orderId: order.id, body: '可以，已為您處理。' } });
    const read = await api.admin.ok(`query($id: ID!) { order(id: $id) { hasUnreadInquiry messages { fromStaff } } }`, { id: order.id });
    expect(read.order).toEqual({ hasUnreadInquiry: false, messages: [{ fromStaff: false }, { fromStaff: true }] });
    const stranger = await api.newShopper();
    expect((await stranger.ok(MESSAGE, { i: { orderId: order.id, body: 'hi' } })).orderMessageCreate.errors[0].code).toBe('ORDER_NOT_FOUND');
    expect(forbidden(await api.clerk.request(MESSAGE, { i: { orderId: order.id, body: 'hi' } }))).toBe(true);
    expect((await shopper.ok(MESSAGE, { i: { orderId: order.id, body: '   ' } })).orderMessageCreate.errors[0].code).toBe('BODY_REQUIRED');
  });
});
