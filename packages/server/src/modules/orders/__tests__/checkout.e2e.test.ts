import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forbidden, startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';
import { CHECKOUT, buy, checkoutInput, createTicketProduct, eventually, parallel, PRODUCT_CREATE } from '../../../../e2e/fixtures.js';
import { poolSql } from '../../../common/db/sql.js';
import { releaseExpiredHolds } from '../../catalog/stock.js';
import { CODE_ALPHABET } from '../../tickets/code-generator.js';

let api: TestApi;
let shopper: GqlClient;

beforeAll(async () => {
  api = await startTestApi();
  shopper = await api.newShopper();
});
afterAll(async () => {
  await api?.close();
});

const sql = async <T = any>(query: string, params: unknown[] = []): Promise<T[]> => api.app.orm.em.fork().getConnection().execute(query, params);
const stockOf = async (variantId: string) => (await sql('select stock from variant where id = ?', [variantId]))[0].stock as number | null;
const charges = async (orderId: string) => Number((await sql(`select count(*) as n from gateway_sim.charge where idempotency_key = ?`, [`order:${orderId}`]))[0].n);

describe('checkoutComplete: a paid ticket order', () => {
  it('T1/T2: a paid order has one code per ticket type with its quantity, 10 characters without look-alikes, and a QR URL of the clerk app', async () => {
    const product = await createTicketProduct(api, [
      { name: '早鳥票', price: 200, stock: 10 },
      { name: '全票', price: 300, stock: 10 },
    ]);
    const { order, errors } = await buy(shopper, [
      { variantId: product.variants[0]!.id, quantity: 3 },
      { variantId: product.variants[1]!.id, quantity: 2 },
    ]);
    expect(errors).toEqual([]);
    expect(order).toMatchObject({ status: 'PAID', kind: 'TICKET', subtotal: 1200, total: 1200, shippingFee: 0, recipient: { name: '王小明', phone: '0912345678' } });
    expect(order.paidAt).toBeTruthy();
    const codes = order.lines.map((l: any) => l.codes);
    expect(codes.map((c: any[]) => c.length)).toEqual([1, 1]);
    for (const [i, line] of order.lines.entries()) {
      const code = line.codes[0];
      expect(code.quantity).toBe(line.quantity);
      expect(code).toMatchObject({ redeemedQuantity: 0, refundedQuantity: 0, remainingQuantity: line.quantity, status: 'ACTIVE', holderPhoneMasked: '0912***678', orderNumber: order.number });
      expect(code.code).toHaveLength(10);
      expect([...code.code].every((ch: string) => CODE_ALPHABET.includes(ch))).toBe(true);
      expect(code.qrUrl).toBe(`${api.app.config.clerkUrl}/redeem/${code.code}`);
      void i;
    }
    expect(await stockOf(product.variants[0]!.id)).toBe(7);
  });

  it('K2: the order records when the terms were accepted and which text', async () => {
    const product = await createTicketProduct(api);
    const { order } = await buy(shopper, [{ variantId: product.variants[0]!.id, quantity: 1 }]);
    expect(order.termsAcceptedAt).toBeTruthy();
    expect(order.termsAccepted).toBe('票券注意事項：限本人使用。');
  });

  it('T3: myOrders lists the shopper\'s own orders with codes and quantities, and nobody else\'s', async () => {
    const product = await createTicketProduct(api);
    const mine = await api.newShopper();
    const { order } = await buy(mine, [{ variantId: product.variants[0]!.id, quantity: 2 }]);
    const list = await mine.ok(`{ myOrders { totalCount edges { node { id lines { codes { code quantity remainingQuantity } } } } } }`);
    expect(list.myOrders.totalCount).toBe(1);
    expect(list.myOrders.edges[0].node.id).toBe(order.id);
    const other = await api.newShopper();
    expect((await other.ok(`{ myOrders { totalCount } }`)).myOrders.totalCount).toBe(0);
    expect((await other.ok(`query($id: ID!) { order(id: $id) { id } }`, { id: order.id })).order).toBeNull();
  });
});

describe('checkoutComplete: refusals change nothing', () => {
  it('K1: a cart with tickets and goods is refused with MIXED_CART', async () => {
    const ticket = await createTicketProduct(api);
    const goods = await api.admin.ok(PRODUCT_CREATE, { i: { kind: 'GOODS', title: '禮盒', status: 'ACTIVE', shippingFee: 80, variants: [{ name: '一盒', price: 450, stock: 5 }] } });
    const goodsVariant = goods.productCreate.product.variants[0].id;
    const result = await buy(shopper, [{ variantId: ticket.variants[0]!.id, quantity: 1 }, { variantId: goodsVariant, quantity: 1 }]);
    expect(result.errors.map((e) => e.code)).toEqual(['MIXED_CART']);
    expect(result.order).toBeNull();
    expect(await stockOf(goodsVariant)).toBe(5);
    expect(await stockOf(ticket.variants[0]!.id)).toBe(100);
  });

  it('K2: a ticket checkout without ticking the terms is refused with TERMS_NOT_ACCEPTED', async () => {
    const product = await createTicketProduct(api);
    const result = await buy(shopper, [{ variantId: product.variants[0]!.id, quantity: 1 }], { acceptTicketTerms: false });
    expect(result.errors).toEqual([{ code: 'TERMS_NOT_ACCEPTED', message: '請閱讀並同意電子票券注意事項', field: 'acceptTicketTerms' }]);
  });

  it('K4: tickets refuse cash on delivery (PAYMENT_METHOD_NOT_ALLOWED) and installments (INSTALLMENTS_NOT_ALLOWED)', async () => {
    const product = await createTicketProduct(api);
    const lines = [{ variantId: product.variants[0]!.id, quantity: 1 }];
    const cod = await buy(shopper, lines, { payment: { method: 'CASH_ON_DELIVERY' } });
    expect(cod.errors.map((e) => e.code)).toEqual(['PAYMENT_METHOD_NOT_ALLOWED']);
    const split = await buy(shopper, lines, { payment: { method: 'CREDIT_CARD', installments: 3, cardToken: 'tok_approve' } });
    expect(split.errors.map((e) => e.code)).toEqual(['INSTALLMENTS_NOT_ALLOWED']);
    expect(await stockOf(product.variants[0]!.id)).toBe(100);
  });

  it('K6: a shopper without an email cannot buy tickets (EMAIL_REQUIRED)', async () => {
    const product = await createTicketProduct(api);
    const reg = await api.anonymous.ok(`mutation($i: CustomerRegisterInput!) { customerRegister(input: $i) { token } }`, {
      i: { email: null, password: 'password123', name: '無信箱', phone: `09${Date.now().toString().slice(-8)}` },
    });
    const noEmail = api.client();
    noEmail.token = reg.customerRegister.token;
    const result = await buy(noEmail, [{ variantId: product.variants[0]!.id, quantity: 1 }]);
    expect(result.errors.map((e) => e.code)).toEqual(['EMAIL_REQUIRED']);
  });

  it('P2: a declined card leaves no order code, marks the order failed and releases the stock', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 500, stock: 3 }]);
    const result = await buy(shopper, [{ variantId: product.variants[0]!.id, quantity: 2 }], { payment: { method: 'CREDIT_CARD', cardToken: 'tok_decline' } });
    expect(result.errors.map((e) => e.code)).toEqual(['PAYMENT_DECLINED']);
    expect(result.order.status).toBe('PAYMENT_FAILED');
    expect(result.order.lines[0].codes).toEqual([]);
    expect(await stockOf(product.variants[0]!.id)).toBe(3);
  });

  it('sold-out, unknown and archived ticket types are refused', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 500, stock: 1 }]);
    expect((await buy(shopper, [{ variantId: product.variants[0]!.id, quantity: 2 }])).errors.map((e) => e.code)).toEqual(['OUT_OF_STOCK']);
    expect((await buy(shopper, [{ variantId: randomUUID(), quantity: 1 }])).errors.map((e) => e.code)).toEqual(['VARIANT_UNAVAILABLE']);
    await api.admin.ok(`mutation($i: ProductArchiveInput!) { productArchive(input: $i) { errors { code } } }`, { i: { id: product.id } });
    expect((await buy(shopper, [{ variantId: product.variants[0]!.id, quantity: 1 }])).errors.map((e) => e.code)).toEqual(['VARIANT_UNAVAILABLE']);
  });

  it('checkoutComplete is forbidden to clerks, admins, API keys and anonymous callers', async () => {
    const product = await createTicketProduct(api);
    const key = await api.admin.ok(`mutation { apiKeyCreate(input: {name: "k", scopes: ["orders:read"]}) { secret } }`);
    const integrator = api.client();
    integrator.token = key.apiKeyCreate.secret;
    for (const actor of [api.clerk, api.admin, integrator, api.anonymous]) {
      expect(forbidden(await actor.request(CHECKOUT, { i: checkoutInput([{ variantId: product.variants[0]!.id, quantity: 1 }]) }))).toBe(true);
    }
    expect(await stockOf(product.variants[0]!.id)).toBe(100);
  });
});

describe('P2: idempotency', () => {
  it('P2: the same idempotency key returns the same order and charges once', async () => {
    const product = await createTicketProduct(api);
    const input = checkoutInput([{ variantId: product.variants[0]!.id, quantity: 2 }]);
    const first = (await shopper.ok(CHECKOUT, { i: input })).checkoutComplete;
    const again = (await shopper.ok(CHECKOUT, { i: input })).checkoutComplete;
    expect(again.order.id).toBe(first.order.id);
    expect(again.order.lines[0].codes[0].code).toBe(first.order.lines[0].codes[0].code);
    expect(await charges(first.order.id)).toBe(1);
    expect(await stockOf(product.variants[0]!.id)).toBe(98);
  });

  it('P2: the same key sent 10 times at once makes one order and one charge', async () => {
    const product = await createTicketProduct(api);
    const input = checkoutInput([{ variantId: product.variants[0]!.id, quantity: 1 }]);
    const results = await parallel(10, () => shopper.ok(CHECKOUT, { i: input }));
    const ids = new Set(results.map((r) => r.checkoutComplete.order?.id));
    expect(ids.size).toBe(1);
    expect(await charges([...ids][0]!)).toBe(1);
    expect(await stockOf(product.variants[0]!.id)).toBe(99);
  });

  it('P2: after a gateway error the order stays pending; retrying with the same key charges once and pays it', async () => {
    const product = await createTicketProduct(api);
    const input = checkoutInput([{ variantId: product.variants[0]!.id, quantity: 1 }], { payment: { method: 'CREDIT_CARD', cardToken: 'tok_error' } });
    const failed = (await shopper.ok(CHECKOUT, { i: input })).checkoutComplete;
    expect(failed.errors.map((e: any) => e.code)).toEqual(['PAYMENT_ERROR']);
    expect(failed.order.status).toBe('PENDING_PAYMENT');
    const retried = (await shopper.ok(CHECKOUT, { i: { ...input, payment: { method: 'CREDIT_CARD', cardToken: 'tok_approve' } } })).checkoutComplete;
    expect(retried.order).toMatchObject({ id: failed.order.id, status: 'PAID' });
    expect(await charges(failed.order.id)).toBe(1);
  });
});

describe('K5: stock and purchase limits under concurrency', () => {
  it('K5: 200 parallel checkouts of 1 ticket against stock 50 give exactly 50 paid orders and 150 OUT_OF_STOCK', async () => {
    const product = await createTicketProduct(api, [{ name: '限量票', price: 100, stock: 50 }]);
    const shoppers = await parallel(40, () => api.newShopper());
    const results = await parallel(200, (i) => buy(shoppers[i % 40]!, [{ variantId: product.variants[0]!.id, quantity: 1 }]));
    const paid = results.filter((r) => r.order?.status === 'PAID');
    const soldOut = results.filter((r) => r.errors.some((e) => e.code === 'OUT_OF_STOCK'));
    expect(paid).toHaveLength(50);
    expect(soldOut).toHaveLength(150);
    expect(await stockOf(product.variants[0]!.id)).toBe(0);
    const [{ n }] = await sql(`select count(*)::int as n from ticket_code c join order_line l on l.id = c.order_line_id where l.variant_id = ?`, [product.variants[0]!.id]);
    expect(n).toBe(50);
  }, 120_000);

  it('C2/K5: a purchase-limit group of 2 hit by one shopper\'s 10 parallel checkouts lets exactly 2 through', async () => {
    const product = await createTicketProduct(api, [{ name: '限購票', price: 100, stock: 100 }]);
    const group = await api.admin.ok(`mutation($i: PurchaseLimitGroupCreateInput!) { purchaseLimitGroupCreate(input: $i) { purchaseLimitGroup { id } errors { code } } }`, {
      i: { name: '每人限購 2 張', maxQuantity: 2, variantIds: [product.variants[0]!.id] },
    });
    expect(group.purchaseLimitGroupCreate.errors).toEqual([]);
    const buyer = await api.newShopper();
    const results = await parallel(10, () => buy(buyer, [{ variantId: product.variants[0]!.id, quantity: 1 }]));
    expect(results.filter((r) => r.order?.status === 'PAID')).toHaveLength(2);
    const limited = results.filter((r) => r.errors.some((e) => e.code === 'PURCHASE_LIMIT_EXCEEDED'));
    expect(limited).toHaveLength(8);
    expect(limited[0]!.errors[0]!.message).toContain('每人限購 2 張');
    expect(await stockOf(product.variants[0]!.id)).toBe(98);
    // another shopper has a limit of their own
    expect((await buy(await api.newShopper(), [{ variantId: product.variants[0]!.id, quantity: 2 }])).order.status).toBe('PAID');
  }, 60_000);

  it('K5: a sold-out checkout is refused before any order is written, and a refused checkout gives its reserved units back', async () => {
    const product = await createTicketProduct(api, [
      { name: '全票', price: 100, stock: 5 },
      { name: '優待票', price: 80, stock: 1 },
    ]);
    const [full, concession] = product.variants as { id: string }[];
    const orders = async () => Number((await sql(`select count(*) as n from order_line where variant_id in (?, ?)`, [full!.id, concession!.id]))[0].n);
    // The second line is short: the first line's reservation is put back, nothing is written.
    const refused = await buy(shopper, [{ variantId: full!.id, quantity: 2 }, { variantId: concession!.id, quantity: 2 }]);
    expect(refused.errors.map((e) => e.code)).toEqual(['OUT_OF_STOCK']);
    expect([await stockOf(full!.id), await stockOf(concession!.id), await orders()]).toEqual([5, 1, 0]);
    // Refused after reserving (terms not accepted, found in the order's transaction): the units come back too.
    const unticked = await buy(shopper, [{ variantId: full!.id, quantity: 2 }], { acceptTicketTerms: false });
    expect(unticked.errors.map((e) => e.code)).toEqual(['TERMS_NOT_ACCEPTED']);
    expect([await stockOf(full!.id), await orders()]).toEqual([5, 0]);
    expect(Number((await sql(`select count(*) as n from stock_hold where variant_id in (?, ?)`, [full!.id, concession!.id]))[0].n)).toBe(0);
  });

  it('K5: units reserved by a checkout that died before writing its order go back on sale at the sweep after the hold expires', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 100, stock: 5 }]);
    const variantId = product.variants[0]!.id;
    // What a crashed checkout leaves: the stock taken and its hold recorded, with no order.
    await sql(`with held as (update variant set stock = stock - 3 where id = ? returning id)
               insert into stock_hold (id, variant_id, quantity, expires_at) select gen_random_uuid(), id, 3, ? from held`, [variantId, new Date(Date.now() + 5 * 60_000)]);
    expect(await stockOf(variantId)).toBe(2);
    await releaseExpiredHolds(poolSql(api.app.pool), new Date());
    expect(await stockOf(variantId)).toBe(2); // not expired yet: a live checkout may still be writing its order
    const later = new Date(Date.now() + 6 * 60_000).toISOString();
    await api.admin.ok(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: later });
    try {
      await api.app.services.runSweeps();
      await eventually(async () => (await stockOf(variantId)) === 5);
      expect(Number((await sql(`select count(*) as n from stock_hold where variant_id = ?`, [variantId]))[0].n)).toBe(0);
    } finally {
      await api.admin.ok(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: new Date().toISOString() });
    }
  });

  it('K5: an unpaid order holds stock for 15 minutes, then expires and releases it (durable job, test clock)', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 100, stock: 5 }]);
    const pending = await buy(shopper, [{ variantId: product.variants[0]!.id, quantity: 2 }], { payment: { method: 'CREDIT_CARD', cardToken: 'tok_error' } });
    expect(pending.order.status).toBe('PENDING_PAYMENT');
    expect(await stockOf(product.variants[0]!.id)).toBe(3);
    const later = new Date(Date.now() + 16 * 60_000).toISOString();
    await api.admin.ok(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: later });
    try {
      await eventually(async () => (await sql('select status from customer_order where id = ?', [pending.order.id]))[0].status === 'EXPIRED');
      expect(await stockOf(product.variants[0]!.id)).toBe(5);
    } finally {
      await api.admin.ok(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: new Date().toISOString() });
    }
  });
});

describe('C3: mix-and-match discount', () => {
  it('C3: any 2 of a set for 600 takes the bundle discount, shared over the lines by price', async () => {
    const product = await createTicketProduct(api, [
      { name: '湘北', price: 350, stock: 10 },
      { name: '陵南', price: 350, stock: 10 },
    ]);
    const created = await api.admin.ok(`mutation($i: MixMatchDiscountCreateInput!) { mixMatchDiscountCreate(input: $i) { mixMatchDiscount { id } errors { code } } }`, {
      i: { name: '任選 2 組 600', requiredQuantity: 2, fixedPrice: 600, variantIds: product.variants.map((v) => v.id) },
    });
    expect(created.mixMatchDiscountCreate.errors).toEqual([]);
    const { order } = await buy(shopper, [
      { variantId: product.variants[0]!.id, quantity: 2 },
      { variantId: product.variants[1]!.id, quantity: 1 },
    ]);
    expect(order).toMatchObject({ subtotal: 1050, discount: 100, total: 950 });
    expect(order.lines.map((l: any) => l.discountShare).reduce((a: number, b: number) => a + b, 0)).toBe(100);
  });

  it('C3: a referral code attributes the order but gives no discount; an unknown code is refused', async () => {
    await api.admin.ok(`mutation { referrerCreate(input: { name: "好友", code: "FRIEND10", commissionBasisPoints: 1000 }) { errors { code } } }`);
    const product = await createTicketProduct(api, [{ name: '全票', price: 1000, stock: 10 }]);
    const { order } = await buy(shopper, [{ variantId: product.variants[0]!.id, quantity: 1 }], { referralCode: 'friend10' });
    expect(order).toMatchObject({ subtotal: 1000, discount: 0, total: 1000 });
    const unknown = await buy(shopper, [{ variantId: product.variants[0]!.id, quantity: 1 }], { referralCode: 'NOBODY' });
    expect(unknown.errors.map((e) => e.code)).toEqual(['REFERRAL_CODE_UNKNOWN']);
  });
});
