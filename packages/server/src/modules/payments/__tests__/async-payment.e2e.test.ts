import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buy, createTicketProduct, eventually, parallel } from '../../../../e2e/fixtures.js';
import { startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';
import { Inbox } from '../../../../e2e/inbox.js';
import type { Clock } from '../../../common/clock.js';
import { freePort } from '../../../common/http/free-port.js';

/** The simulator's 3-D Secure step, end to end over HTTP: the page, the shopper's answer, the notification, the return. */
let api: TestApi;
let shopper: GqlClient & { email: string };
let inbox: Inbox;

beforeAll(async () => {
  inbox = new Inbox(await freePort());
  await inbox.up();
  api = await startTestApi({ smtpUrl: `smtp://127.0.0.1:${inbox.port}` });
  shopper = await api.newShopper();
});
afterAll(async () => {
  await api?.close();
  await inbox?.down();
});

const sql = async <T = any>(query: string, params: unknown[] = []): Promise<T[]> => api.app.orm.em.fork().getConnection().execute(query, params);
const stockOf = async (variantId: string) => (await sql('select stock from variant where id = ?', [variantId]))[0].stock as number;
const statusOf = async (orderId: string) => (await sql('select status from customer_order where id = ?', [orderId]))[0].status as string;
const count = async (query: string, params: unknown[]) => Number((await sql(query, params))[0].n);
const BUY_3DS = `mutation($i: CheckoutCompleteInput!) { checkoutComplete(input: $i) { order { id number status } nextAction { redirectUrl } errors { code } } }`;

/** What the shopper's browser does on the bank's page: a plain form POST, no JavaScript. */
async function answerChallenge(redirectUrl: string, answer: 'approve' | 'decline'): Promise<Response> {
  const page = await fetch(redirectUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('name="answer" value="approve"');
  const action = /action="([^"]+)"/.exec(html)![1]!;
  return fetch(new URL(action, redirectUrl), { method: 'POST', body: new URLSearchParams({ answer }), redirect: 'manual' });
}

async function pendingWithRedirect(variantId: string) {
  const data = await shopper.ok(BUY_3DS, {
    i: { lines: [{ variantId, quantity: 2 }], acceptTicketTerms: true, recipient: { name: '王小明', phone: '0912345678' }, payment: { method: 'CREDIT_CARD', installments: 1, cardToken: 'tok_3ds' }, idempotencyKey: crypto.randomUUID() },
  });
  expect(data.checkoutComplete.errors).toEqual([]);
  return data.checkoutComplete as { order: { id: string; number: string; status: string }; nextAction: { redirectUrl: string } };
}

/** A clock past the 15-minute hold. */
const afterHold: Clock = { now: () => new Date(Date.now() + 16 * 60_000) };

const notify = (chargeId: string, orderNumber: string) =>
  fetch(`${api.url}/payments/simulator/notify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rec_trade_id: chargeId, order_number: orderNumber, status: 0 }) });

describe('P3: a charge that needs 3-D Secure', () => {
  it('P3: checkoutComplete answers PENDING_PAYMENT with nextAction, holding the stock; a retry answers the same redirect without charging again', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 500, stock: 5 }]);
    const { order, nextAction } = await pendingWithRedirect(product.variants[0]!.id);
    expect(order.status).toBe('PENDING_PAYMENT');
    expect(nextAction.redirectUrl).toMatch(new RegExp(`^${api.url}/payments/simulator/3ds/ch_`));
    expect(await stockOf(product.variants[0]!.id)).toBe(3);
    expect(await count(`select count(*) as n from ticket_code where order_id = ?`, [order.id])).toBe(0);
    expect(await count(`select count(*) as n from gateway_sim.charge where idempotency_key = ?`, [`order:${order.id}`])).toBe(1);
  });

  it('P3/P4: Approve on the bank page returns the shopper to the order page and the notification pays the order: one payment, one set of codes, one mail', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 500, stock: 5 }]);
    const { order, nextAction } = await pendingWithRedirect(product.variants[0]!.id);
    const answered = await answerChallenge(nextAction.redirectUrl, 'approve');
    expect(answered.status).toBe(303);
    const back = answered.headers.get('location')!;
    expect(back).toBe(`${api.url}/payments/simulator/return?order=${order.id}`);
    const returned = await fetch(back, { redirect: 'manual' });
    expect(returned.headers.get('location')).toBe(`${api.url}/account/orders/${order.id}?from=bank`);
    await eventually(async () => (await statusOf(order.id)) === 'PAID');
    await eventually(async () => (await count(`select count(*) as n from payment_notification where order_id = ?`, [order.id])) === 1);
    expect(await count(`select count(*) as n from payment where order_id = ?`, [order.id])).toBe(1);
    expect(await count(`select count(*) as n from ticket_code where order_id = ?`, [order.id])).toBe(1);
    expect(await count(`select count(*) as n from ledger_entry where order_id = ? and kind = 'SALE'`, [order.id])).toBe(1);
    const payment = await api.admin.ok(`query($id: ID!) { order(id: $id) { payment { gateway transactionId threeDomainSecure cardBrand cardLastFour bankResult status } paymentNotifications { transactionId receivedAt } } }`, { id: order.id });
    expect(payment.order.payment).toMatchObject({ gateway: 'simulator', threeDomainSecure: true, cardBrand: 'VISA', cardLastFour: '3220', status: 'SUCCEEDED' });
    expect(payment.order.paymentNotifications).toHaveLength(1);
    await eventually(async () => inbox.messages.filter((m) => m.headers.get('x-order-number') === order.number).length === 1);
  });

  it('P2/P3: Decline on the bank page fails the order and releases the stock at once', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 500, stock: 5 }]);
    const { order, nextAction } = await pendingWithRedirect(product.variants[0]!.id);
    await answerChallenge(nextAction.redirectUrl, 'decline');
    await eventually(async () => (await statusOf(order.id)) === 'PAYMENT_FAILED');
    expect(await stockOf(product.variants[0]!.id)).toBe(5);
    expect(await count(`select count(*) as n from payment where order_id = ?`, [order.id])).toBe(0);
  });

  it('P4: 50 duplicate notifications in parallel make exactly one payment, one set of codes and one mail', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 500, stock: 5 }]);
    const { order, nextAction } = await pendingWithRedirect(product.variants[0]!.id);
    const chargeId = decodeURIComponent(nextAction.redirectUrl.split('/').at(-1)!);
    // The bank approves; its own notification and 50 copies race each other.
    await api.app.orm.em.fork().getConnection().execute(`update gateway_sim.charge set status = 'SUCCEEDED' where id = ?`, [chargeId]);
    const answers = await parallel(50, () => notify(chargeId, order.number));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    await eventually(async () => (await statusOf(order.id)) === 'PAID');
    await new Promise((r) => setTimeout(r, 500));
    expect(await count(`select count(*) as n from payment where order_id = ?`, [order.id])).toBe(1);
    expect(await count(`select count(*) as n from ticket_code where order_id = ?`, [order.id])).toBe(1);
    expect(await count(`select count(*) as n from ledger_entry where order_id = ?`, [order.id])).toBe(2);
    await eventually(async () => inbox.messages.some((m) => m.headers.get('x-order-number') === order.number));
    await new Promise((r) => setTimeout(r, 1000));
    expect(inbox.messages.filter((m) => m.headers.get('x-order-number') === order.number)).toHaveLength(1);
  });

  it('P4: a notification is only a hint: one for a charge the gateway has not approved changes nothing', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 500, stock: 5 }]);
    const { order, nextAction } = await pendingWithRedirect(product.variants[0]!.id);
    const chargeId = decodeURIComponent(nextAction.redirectUrl.split('/').at(-1)!);
    expect((await notify(chargeId, order.number)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(await statusOf(order.id)).toBe('PENDING_PAYMENT');
    expect((await fetch(`${api.url}/payments/simulator/notify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"nothing":1}' })).status).toBe(400);
  });

  it('P4: with the notification lost and the shopper gone, the reconciliation sweep settles the order from the gateway\'s records', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 500, stock: 5 }]);
    const { order, nextAction } = await pendingWithRedirect(product.variants[0]!.id);
    const chargeId = decodeURIComponent(nextAction.redirectUrl.split('/').at(-1)!);
    await api.app.orm.em.fork().getConnection().execute(`update gateway_sim.charge set status = 'SUCCEEDED' where id = ?`, [chargeId]);
    expect(await api.app.services.settlement.awaitingPayment(new Date(), 60_000)).not.toContain(order.id);
    const later = new Date(Date.now() + 2 * 60_000);
    expect(await api.app.services.settlement.awaitingPayment(later, 60_000)).toContain(order.id);
    for (const id of await api.app.services.settlement.awaitingPayment(later, 60_000)) await api.app.services.settlement.settleOrder(api.app.clock, id);
    expect(await statusOf(order.id)).toBe('PAID');
  });

  it('K5: an abandoned 3-D Secure step keeps the stock until the hold expires, then the order expires and the stock returns', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 500, stock: 5 }]);
    const { order } = await pendingWithRedirect(product.variants[0]!.id);
    expect(await stockOf(product.variants[0]!.id)).toBe(3);
    await api.app.services.settlement.expire(afterHold, order.id);
    expect(await statusOf(order.id)).toBe('EXPIRED');
    expect(await stockOf(product.variants[0]!.id)).toBe(5);
  });

  it('P5: money that arrives after the hold expired is given back automatically, the shopper told by mail, the admin sees it on the order', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 500, stock: 5 }]);
    const { order, nextAction } = await pendingWithRedirect(product.variants[0]!.id);
    await api.app.services.settlement.expire(afterHold, order.id);
    expect(await statusOf(order.id)).toBe('EXPIRED');
    // The shopper finishes the bank's step only now; its notification arrives (twice).
    const chargeId = decodeURIComponent(nextAction.redirectUrl.split('/').at(-1)!);
    await answerChallenge(nextAction.redirectUrl, 'approve');
    await notify(chargeId, order.number);
    await eventually(async () => (await count(`select count(*) as n from payment where order_id = ? and late_refund_reference is not null`, [order.id])) === 1);
    const [charge] = await sql(`select status from gateway_sim.charge where id = ?`, [chargeId]);
    expect(charge.status).toBe('VOIDED');
    expect(await statusOf(order.id)).toBe('EXPIRED');
    expect(await count(`select count(*) as n from ticket_code where order_id = ?`, [order.id])).toBe(0);
    expect(await count(`select count(*) as n from ledger_entry where order_id = ?`, [order.id])).toBe(0);
    const seen = await api.admin.ok(`query($id: ID!) { order(id: $id) { status payment { status amount refundedAmount lateRefundReference } } }`, { id: order.id });
    expect(seen.order.payment).toMatchObject({ status: 'VOIDED', amount: 1000, refundedAmount: 1000, lateRefundReference: `void:${chargeId}` });
    const mail = await eventually(async () => inbox.messages.find((m) => m.subject?.includes(order.number) && m.subject.includes('退回')));
    expect((mail.to as { text: string }).text).toBe(shopper.email);
    expect(mail.text).toContain('NT$1,000');
  });
});
