import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';
import { CHECKOUT, buy, checkoutInput, createTicketProduct, parallel, PRODUCT_CREATE } from '../../../../e2e/fixtures.js';
import type { Context } from '../../../common/context.js';
import { Role } from '../../../common/auth/permissions.js';
import type { CheckoutCompleteInput } from '../checkout.types.js';

/** Issue 16 items 4-6 for checkout: keys bound to their input and shopper, lines merged and capped, money bounded, cash on delivery bounded. */

let api: TestApi;
let shopper: GqlClient;

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

const setClock = (now: Date) => api.admin.ok(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: now.toISOString() });
const sql = async <T = any>(query: string, params: unknown[] = []): Promise<T[]> => api.app.orm.em.fork().getConnection().execute(query, params);
const stockOf = async (variantId: string) => (await sql('select stock from variant where id = ?', [variantId]))[0].stock as number | null;
const charges = async (orderId: string) => Number((await sql(`select count(*) as n from gateway_sim.charge where idempotency_key = ?`, [`order:${orderId}`]))[0].n);
const linesOf = async (variantId: string) => Number((await sql(`select count(*) as n from order_line where variant_id = ?`, [variantId]))[0].n);
const ordersWithKey = async (key: string) => Number((await sql(`select count(*) as n from customer_order where idempotency_key = ?`, [key]))[0].n);
const codes = (result: { errors: { code: string }[] }) => result.errors.map((e) => e.code);
/** A fresh phone number, so the cash-on-delivery caps of one test do not touch another's. */
const freshPhone = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

async function createGoods(variants: { name: string; price: number; stock: number | null }[]) {
  const data = await api.admin.ok(PRODUCT_CREATE, { i: { kind: 'GOODS', title: `測試商品 ${randomUUID().slice(0, 8)}`, status: 'ACTIVE', shippingFee: 80, variants } });
  expect(data.productCreate.errors).toEqual([]);
  return data.productCreate.product as { id: string; variants: { id: string }[] };
}

const cod = (phone: string) => ({ recipient: { name: '林大華', phone }, payment: { method: 'CASH_ON_DELIVERY', installments: null, cardToken: null } });

describe('B8: a checkout key is bound to its input and to its shopper', () => {
  it('B8: a checkout key reused with another cart is refused with IDEMPOTENCY_KEY_REUSED and creates no order', async () => {
    const product = await createTicketProduct(api);
    const variantId = product.variants[0]!.id;
    const first = checkoutInput([{ variantId, quantity: 2 }]);
    const paid = (await shopper.ok(CHECKOUT, { i: first })).checkoutComplete;
    expect(paid.order.status).toBe('PAID');
    const reused = (await shopper.ok(CHECKOUT, { i: { ...first, lines: [{ variantId, quantity: 3 }] } })).checkoutComplete;
    expect(reused.errors).toEqual([{ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', message: '此交易識別碼已用於內容不同的結帳，這次沒有建立訂單；請重新送出' }]);
    expect(reused.order).toBeNull();
    expect(await ordersWithKey(first.idempotencyKey)).toBe(1);
    expect(await stockOf(variantId)).toBe(98);
    expect(await charges(paid.order.id)).toBe(1);
  });

  it('B8: a key reused with another recipient, payment, terms flag or referral code is refused; the same input reordered, split over lines or with a new card token replays', async () => {
    const product = await createTicketProduct(api, [
      { name: '全票', price: 300, stock: 100 },
      { name: '優待票', price: 200, stock: 100 },
    ]);
    const [full, half] = product.variants.map((v) => v.id) as [string, string];
    const input = checkoutInput([{ variantId: full, quantity: 2 }, { variantId: half, quantity: 1 }]);
    const paid = (await shopper.ok(CHECKOUT, { i: input })).checkoutComplete;
    expect(paid.order.status).toBe('PAID');
    for (const change of [
      { recipient: { name: '王大明', phone: '0912345678' } },
      { recipient: { name: '王小明', phone: '0987654321' } },
      { payment: { method: 'CREDIT_CARD', installments: 3, cardToken: 'tok_approve' } },
      { payment: { method: 'CASH_ON_DELIVERY', installments: null, cardToken: null } },
      { acceptTicketTerms: false },
      { referralCode: 'FRIEND10' },
    ]) {
      const refused = (await shopper.ok(CHECKOUT, { i: { ...input, ...change } })).checkoutComplete;
      expect(codes(refused), JSON.stringify(change)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    }
    for (const same of [
      { lines: [{ variantId: half, quantity: 1 }, { variantId: full, quantity: 2 }] },
      { lines: [{ variantId: full, quantity: 1 }, { variantId: half, quantity: 1 }, { variantId: full, quantity: 1 }] },
      { payment: { method: 'CREDIT_CARD', installments: null, cardToken: 'tok_another' } },
      { recipient: { name: ' 王小明 ', phone: '0912-345-678' } },
    ]) {
      const replayed = (await shopper.ok(CHECKOUT, { i: { ...input, ...same } })).checkoutComplete;
      expect(replayed.errors, JSON.stringify(same)).toEqual([]);
      expect(replayed.order.id).toBe(paid.order.id);
    }
    expect(await ordersWithKey(input.idempotencyKey)).toBe(1);
    expect(await charges(paid.order.id)).toBe(1);
    expect([await stockOf(full), await stockOf(half)]).toEqual([98, 99]);
  });

  it("B8: another shopper sending the same key and cart gets an order of their own, never the first shopper's", async () => {
    const product = await createTicketProduct(api);
    const input = checkoutInput([{ variantId: product.variants[0]!.id, quantity: 1 }]);
    const mine = (await shopper.ok(CHECKOUT, { i: input })).checkoutComplete;
    const other = await api.newShopper();
    const theirs = (await other.ok(CHECKOUT, { i: input })).checkoutComplete;
    expect(theirs.errors).toEqual([]);
    expect(theirs.order.id).not.toBe(mine.order.id);
    expect(theirs.order.lines[0].codes[0].code).not.toBe(mine.order.lines[0].codes[0].code);
    expect(await ordersWithKey(input.idempotencyKey)).toBe(2);
    expect(await stockOf(product.variants[0]!.id)).toBe(98);
  });

  it('B8: one key fired at once with two different carts makes one order; every call with the other cart is refused with IDEMPOTENCY_KEY_REUSED', async () => {
    const product = await createTicketProduct(api);
    const variantId = product.variants[0]!.id;
    const key = randomUUID();
    const results = await parallel(8, (i) => buy(shopper, [{ variantId, quantity: (i % 2) + 1 }], { idempotencyKey: key }).then((r) => ({ quantity: (i % 2) + 1, ...r })));
    const orderIds = new Set(results.filter((r) => r.order).map((r) => r.order.id));
    expect(orderIds.size).toBe(1);
    const winner = results.find((r) => r.order)!;
    for (const r of results) {
      if (r.quantity === winner.quantity) expect(r.order?.id).toBe(winner.order.id);
      else expect(codes(r)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    }
    expect(await ordersWithKey(key)).toBe(1);
    expect(await stockOf(variantId)).toBe(100 - winner.quantity);
  });

  it('B8: a checkout key still replays its order a day later (keys are kept at least 24 h)', async () => {
    const product = await createTicketProduct(api);
    const input = checkoutInput([{ variantId: product.variants[0]!.id, quantity: 1 }]);
    const paid = (await shopper.ok(CHECKOUT, { i: input })).checkoutComplete;
    await setClock(new Date(Date.now() + 25 * 3600_000));
    const replayed = (await shopper.ok(CHECKOUT, { i: input })).checkoutComplete;
    expect(replayed.order.id).toBe(paid.order.id);
    expect(await charges(paid.order.id)).toBe(1);
  });
});

describe('K5: lines are merged per ticket type, then capped per type, per order and in money', () => {
  it('K5: a variant repeated on 30 lines is merged and capped at 1,000 units (QUANTITY_LIMIT_EXCEEDED, nothing ordered)', async () => {
    // The probe: unlimited stock, 30 lines of 1,000 at NT$6,500 became one order of 30,000 units, NT$195,000,000.
    const product = await createTicketProduct(api, [{ name: 'VIP', price: 6500, stock: null }]);
    const variantId = product.variants[0]!.id;
    const result = await buy(shopper, Array.from({ length: 30 }, () => ({ variantId, quantity: 1000 })));
    expect(result.errors).toEqual([{ code: 'QUANTITY_LIMIT_EXCEEDED', field: 'lines', message: '同一票種或商品每筆訂單最多 1,000 件' }]);
    expect(result.order).toBeNull();
    expect(await linesOf(variantId)).toBe(0);
    // 1,000 in all, on two lines, is fine: one order line of 1,000.
    const ok = await buy(shopper, [{ variantId, quantity: 600 }, { variantId, quantity: 400 }]);
    expect(ok.errors).toEqual([]);
    expect(ok.order.lines.map((l: any) => [l.quantity, l.codes[0].quantity])).toEqual([[1000, 1000]]);
  });

  it('K5/C2: a ticket type named on several lines, in any letter case, is one order line, so purchase limits and stock see every unit', async () => {
    const product = await createTicketProduct(api, [{ name: '限購票', price: 100, stock: 10 }]);
    const variantId = product.variants[0]!.id;
    const group = await api.admin.ok(`mutation($i: PurchaseLimitGroupCreateInput!) { purchaseLimitGroupCreate(input: $i) { errors { code } } }`, {
      i: { name: '每人限購 4 張', maxQuantity: 4, variantIds: [variantId] },
    });
    expect(group.purchaseLimitGroupCreate.errors).toEqual([]);
    const buyer = await api.newShopper();
    const over = await buy(buyer, [{ variantId, quantity: 2 }, { variantId: variantId.toUpperCase(), quantity: 2 }, { variantId, quantity: 1 }]);
    expect(codes(over)).toEqual(['PURCHASE_LIMIT_EXCEEDED']);
    expect(await stockOf(variantId)).toBe(10);
    const { order, errors } = await buy(buyer, [{ variantId, quantity: 2 }, { variantId: variantId.toUpperCase(), quantity: 2 }]);
    expect(errors).toEqual([]);
    expect(order.lines.map((l: any) => l.quantity)).toEqual([4]);
    expect(order.total).toBe(400);
    expect(await stockOf(variantId)).toBe(6);
  });

  it('K5: an order of more than 2,000 units in all is refused with ORDER_QUANTITY_LIMIT_EXCEEDED', async () => {
    const product = await createTicketProduct(api, ['A', 'B', 'C'].map((name) => ({ name, price: 1, stock: null })));
    const result = await buy(shopper, product.variants.map((v) => ({ variantId: v.id, quantity: 1000 })));
    expect(result.errors).toEqual([{ code: 'ORDER_QUANTITY_LIMIT_EXCEEDED', field: 'lines', message: '一筆訂單最多 2,000 件' }]);
    for (const v of product.variants) expect(await linesOf(v.id)).toBe(0);
  });

  it('K5: an order above NT$10,000,000 is refused with ORDER_TOTAL_TOO_LARGE, and a total past a PostgreSQL int is a typed refusal, not a server error', async () => {
    const product = await createTicketProduct(api, [
      { name: 'A', price: 6500, stock: null },
      { name: 'B', price: 6500, stock: null },
    ]);
    const [a, b] = product.variants.map((v) => v.id) as [string, string];
    const over = await buy(shopper, [{ variantId: a, quantity: 1000 }, { variantId: b, quantity: 1000 }]);
    expect(over.errors).toEqual([{ code: 'ORDER_TOTAL_TOO_LARGE', field: 'lines', message: '訂單金額超過上限 NT$10,000,000，請分開下單' }]);
    // 300 x 9,000,000 = 2,700,000,000: past 2,147,483,647, which used to answer a database error.
    await sql('update variant set price = 9000000 where id = ?', [a]);
    const overflow = await shopper.request(CHECKOUT, { i: checkoutInput([{ variantId: a, quantity: 300 }]) });
    expect(overflow.errors).toBeUndefined();
    expect(codes(overflow.data.checkoutComplete)).toEqual(['ORDER_TOTAL_TOO_LARGE']);
    expect([await linesOf(a), await linesOf(b)]).toEqual([0, 0]);
  });

  it('K5: the checkout service itself refuses more than 50 lines and more than 1,000 on one line (the input bounds are only a first line)', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 100, stock: null }]);
    const variantId = product.variants[0]!.id;
    const buyer = await api.newShopper();
    const [{ id: userId }] = await sql('select id from app_user where email = ?', [buyer.email]);
    const ctx = {
      principal: { role: Role.CUSTOMER, permissions: new Set(), userId, displayName: 'test' },
      clock: api.app.clock,
      locale: 'zh-TW',
      em: api.app.orm.em.fork(),
      log: api.app.log,
    } as unknown as Context;
    const complete = (lines: { variantId: string; quantity: number }[]) => api.app.services.checkout.complete(ctx, checkoutInput(lines) as unknown as CheckoutCompleteInput);
    const tooMany = await complete(Array.from({ length: 51 }, () => ({ variantId, quantity: 1 })));
    expect(tooMany.errors.map((e) => [e.code, e.message])).toEqual([['TOO_MANY_LINES', '一筆訂單最多 50 個品項']]);
    const tooLarge = await complete([{ variantId, quantity: 1001 }]);
    expect(tooLarge.errors.map((e) => e.code)).toEqual(['QUANTITY_LIMIT_EXCEEDED']);
    const negative = await complete([{ variantId, quantity: 1000 }, { variantId, quantity: -999 }]);
    expect(negative.errors.map((e) => [e.code, e.field])).toEqual([['INVALID_QUANTITY', 'lines.1.quantity']]);
    // Strings that would not fit their columns are refused by the service too.
    const call = (overrides: Record<string, unknown>) =>
      api.app.services.checkout.complete(ctx, checkoutInput([{ variantId, quantity: 1 }], overrides) as unknown as CheckoutCompleteInput).then((r) => r.errors.map((e) => e.code));
    expect(await call({ recipient: { name: '王'.repeat(101), phone: '0912345678' } })).toEqual(['RECIPIENT_REQUIRED']);
    expect(await call({ idempotencyKey: 'k'.repeat(101) })).toEqual(['IDEMPOTENCY_KEY_REQUIRED']);
    expect(await linesOf(variantId)).toBe(0);
  });

  it('K5: over HTTP the lines list and quantities are bounded before the resolver (INVALID_INPUT)', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 100, stock: null }]);
    const variantId = product.variants[0]!.id;
    const tooMany = await buy(shopper, Array.from({ length: 51 }, () => ({ variantId, quantity: 1 })));
    expect(tooMany.errors.map((e) => [e.code, e.field])).toEqual([['INVALID_INPUT', 'lines']]);
    const tooLarge = await buy(shopper, [{ variantId, quantity: 1001 }]);
    expect(tooLarge.errors.map((e) => [e.code, e.field])).toEqual([['INVALID_INPUT', 'lines.0.quantity']]);
    const longName = await buy(shopper, [{ variantId, quantity: 1 }], { recipient: { name: '王'.repeat(101), phone: '0912345678' } });
    expect(longName.errors.map((e) => [e.code, e.field])).toEqual([['INVALID_INPUT', 'recipient.name']]);
    expect(await linesOf(variantId)).toBe(0);
  });
});

describe('K5: cash on delivery holds stock only within a per-customer cap', () => {
  it("K5/COD: one shopper's 40 parallel cash-on-delivery checkouts hold exactly 20 units; the rest are refused with COD_LIMIT_EXCEEDED", async () => {
    const product = await createGoods([{ name: '一盒', price: 450, stock: 500 }]);
    const variantId = product.variants[0]!.id;
    const buyer = await api.newShopper();
    const phone = freshPhone();
    const results = await parallel(40, () => buy(buyer, [{ variantId, quantity: 1 }], cod(phone)));
    expect(results.filter((r) => r.order?.status === 'PENDING_PAYMENT')).toHaveLength(20);
    const capped = results.filter((r) => codes(r).join() === 'COD_LIMIT_EXCEEDED');
    expect(capped).toHaveLength(20);
    expect(capped[0]!.errors[0]).toMatchObject({ field: 'payment.method', message: '貨到付款未完成的訂單每人最多保留 20 件，請改用信用卡付款或等待先前的訂單完成' });
    expect(await stockOf(variantId)).toBe(480);
  }, 60_000);

  it('K5/COD: the cap counts every account delivering to the same phone and one large order too; paying by card is not capped', async () => {
    const product = await createGoods([
      { name: '一盒', price: 450, stock: 500 },
      { name: '一箱', price: 2000, stock: 500 },
    ]);
    const [box, crate] = product.variants.map((v) => v.id) as [string, string];
    const phone = freshPhone();
    const first = await api.newShopper();
    expect(codes(await buy(first, [{ variantId: box, quantity: 21 }], cod(phone)))).toEqual(['COD_LIMIT_EXCEEDED']);
    expect(codes(await buy(first, [{ variantId: box, quantity: 1 }], { ...cod(phone), payment: { method: 'CASH_ON_DELIVERY', installments: 3 } }))).toEqual(['INSTALLMENTS_NOT_ALLOWED']);
    expect((await buy(first, [{ variantId: box, quantity: 12 }, { variantId: crate, quantity: 8 }], cod(phone))).order.status).toBe('PENDING_PAYMENT');
    // A second account sending to the same phone shares the cap; the first account to another phone too.
    const second = await api.newShopper();
    expect(codes(await buy(second, [{ variantId: box, quantity: 1 }], cod(phone)))).toEqual(['COD_LIMIT_EXCEEDED']);
    expect(codes(await buy(first, [{ variantId: box, quantity: 1 }], cod(freshPhone())))).toEqual(['COD_LIMIT_EXCEEDED']);
    expect((await buy(second, [{ variantId: box, quantity: 1 }], cod(freshPhone()))).order.status).toBe('PENDING_PAYMENT');
    // Card orders are paid at once: no cap beyond stock and the order bounds.
    const card = await buy(first, [{ variantId: box, quantity: 30 }], { recipient: { name: '林大華', phone } });
    expect(card.order.status).toBe('PAID');
    expect([await stockOf(box), await stockOf(crate)]).toEqual([500 - 12 - 1 - 30, 492]);
  });
});
