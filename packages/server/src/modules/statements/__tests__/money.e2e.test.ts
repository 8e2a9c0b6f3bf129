import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buy, createTicketProduct, eventually, parallel } from '../../../../e2e/fixtures.js';
import { forbidden, startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';
import { parsePeriod, periodOf } from '../period.js';

const REDEEM = `mutation($i: TicketCodeRedeemInput!) { ticketCodeRedeem(input: $i) { errors { code } } }`;
const STATEMENT = `query($p: String!) { settlementStatement(period: $p) { period from to redeemedAmount feeAmount feeRefundAmount netPayout
  lines { kind orderNumber code ticketName quantity faceValue fee feeRefund } } }`;

let api: TestApi;
let shopper: GqlClient;

const setClock = (iso: string) => api.admin.ok(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: iso });
const sql = async <T = any>(query: string, params: unknown[] = []): Promise<T[]> => api.app.orm.em.fork().getConnection().execute(query, params);

beforeAll(async () => {
  api = await startTestApi();
  shopper = await api.newShopper();
  // These tests buy in the past; keep orders open unless a test asks for auto-close.
  await api.admin.ok(`mutation { settingsUpdate(input: { autoCloseDays: 365 }) { errors { code } } }`);
});
afterEach(async () => {
  await api.admin.ok(`mutation { settingsUpdate(input: { autoCloseDays: 365 }) { errors { code } } }`);
  await setClock(new Date().toISOString());
});
afterAll(async () => {
  await api?.close();
});

async function buyAt(iso: string, price: number, quantity: number, overrides: Record<string, unknown> = {}) {
  await setClock(iso);
  const product = await createTicketProduct(api, [{ name: `票 ${randomUUID().slice(0, 4)}`, price, stock: 100 }]);
  const { order, errors } = await buy(shopper, [{ variantId: product.variants[0]!.id, quantity }], overrides);
  expect(errors).toEqual([]);
  return { id: order.id as string, number: order.number as string, code: order.lines[0].codes[0].code as string };
}

const linesOf = (statement: any, orderNumber: string) => statement.lines.filter((l: any) => l.orderNumber === orderNumber);

describe('settlement statements (L2-L4)', () => {
  it('L2: paid 10/5 for 5 x 200 = 1000, 2 redeemed on 10/22: the 10/16-10/31 statement pays 400 and the 10/1-10/15 one pays 0 for it', async () => {
    const order = await buyAt('2026-10-05T04:00:00Z', 200, 5);
    await setClock('2026-10-22T06:00:00Z');
    await api.clerk.ok(REDEEM, { i: { code: order.code, quantity: 2 } });
    const h2 = (await api.admin.ok(STATEMENT, { p: '2026-10-H2' })).settlementStatement;
    const h1 = (await api.admin.ok(STATEMENT, { p: '2026-10-H1' })).settlementStatement;
    const paidInH2 = linesOf(h2, order.number).filter((l: any) => l.kind === 'REDEMPTION');
    expect(paidInH2).toEqual([expect.objectContaining({ code: order.code, quantity: 2, faceValue: 400 })]);
    expect(linesOf(h1, order.number).filter((l: any) => l.kind === 'REDEMPTION')).toEqual([]);
    // the ticket fee (5% of 1000) is charged in the period of the sale
    expect(linesOf(h1, order.number)).toEqual([expect.objectContaining({ kind: 'FEE', fee: 50 })]);
    expect(h2.from).toBe('2026-10-15T16:00:00.000Z');
    expect(h2.to).toBe('2026-10-31T16:00:00.000Z');
  });

  it('L3: 5 bought, 2 redeemed, 3 refunded: the fee on the 3 is returned', async () => {
    const order = await buyAt('2026-09-03T04:00:00Z', 200, 5);
    await setClock('2026-09-04T04:00:00Z');
    await api.clerk.ok(REDEEM, { i: { code: order.code, quantity: 2 } });
    await api.admin.ok(`mutation($id: ID!) { orderMarkReturning(input: { orderId: $id }) { errors { code } } }`, { id: order.id });
    await api.admin.ok(`mutation($id: ID!) { orderMarkReturnReview(input: { orderId: $id }) { errors { code } } }`, { id: order.id });
    const refund = await api.admin.ok(`mutation($i: OrderRefundInput!) { orderRefund(input: $i) { refund { amount feeRefund } errors { code } } }`, {
      i: { orderId: order.id, codes: [order.code], idempotencyKey: randomUUID() },
    });
    expect(refund.orderRefund.refund).toEqual({ amount: 600, feeRefund: 30 });
    const statement = (await api.admin.ok(STATEMENT, { p: '2026-09-H1' })).settlementStatement;
    const mine = linesOf(statement, order.number);
    expect(mine.map((l: any) => [l.kind, l.faceValue, l.fee, l.feeRefund])).toEqual([
      ['FEE', 0, 50, 0],
      ['REDEMPTION', 400, 0, 0],
      ['FEE_REFUND', 0, 0, 30],
    ]);
  });

  it('L2: a redemption at 23:59:59 on the 15th (Taipei) belongs to the first half, at 00:00:00 on the 16th to the second', async () => {
    const order = await buyAt('2026-08-10T04:00:00Z', 100, 2);
    await setClock('2026-08-15T15:59:59Z'); // 23:59:59 Taipei on 8/15
    await api.clerk.ok(REDEEM, { i: { code: order.code, quantity: 1 } });
    await setClock('2026-08-15T16:00:00Z'); // 00:00:00 Taipei on 8/16
    await api.clerk.ok(REDEEM, { i: { code: order.code, quantity: 1 } });
    const h1 = (await api.admin.ok(STATEMENT, { p: '2026-08-H1' })).settlementStatement;
    const h2 = (await api.admin.ok(STATEMENT, { p: '2026-08-H2' })).settlementStatement;
    expect(linesOf(h1, order.number).filter((l: any) => l.kind === 'REDEMPTION').map((l: any) => l.faceValue)).toEqual([100]);
    expect(linesOf(h2, order.number).filter((l: any) => l.kind === 'REDEMPTION').map((l: any) => l.faceValue)).toEqual([100]);
    expect(periodOf(new Date('2026-08-15T15:59:59Z')).id).toBe('2026-08-H1');
    expect(periodOf(new Date('2026-08-15T16:00:00Z')).id).toBe('2026-08-H2');
    expect(parsePeriod('2026-02-H2')!.to.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(parsePeriod('2026-13-H1')).toBeNull();
  });

  it('L4: the CSV (UTF-8 with BOM) parses back to the statement\'s lines and totals; admins only', async () => {
    const order = await buyAt('2026-07-02T04:00:00Z', 300, 3);
    await setClock('2026-07-03T04:00:00Z');
    await api.clerk.ok(REDEEM, { i: { code: order.code, quantity: 2 } });
    const statement = (await api.admin.ok(STATEMENT, { p: '2026-07-H1' })).settlementStatement;
    const res = await fetch(`${api.url}/exports/statements/2026-07-H1.csv`, { headers: { authorization: `Bearer ${api.admin.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n').map((r) => r.split(','));
    const dataRows = rows.slice(1, 1 + statement.lines.length);
    expect(dataRows.map((r) => Number(r[6]))).toEqual(statement.lines.map((l: any) => l.faceValue));
    expect(dataRows.reduce((s, r) => s + Number(r[6]), 0)).toBe(statement.redeemedAmount);
    const totals = Object.fromEntries(rows.slice(-4).map((r) => [r[0], Number(r[1])]));
    expect(totals).toEqual({
      '核銷金額 Redeemed': statement.redeemedAmount,
      '手續費 Fees': statement.feeAmount,
      '手續費退還 Fee refunds': statement.feeRefundAmount,
      '撥款淨額 Net payout': statement.netPayout,
    });
    expect(statement.netPayout).toBe(statement.redeemedAmount - statement.feeAmount + statement.feeRefundAmount);
    expect((await fetch(`${api.url}/exports/statements/2026-07-H1.csv`, { headers: { authorization: `Bearer ${api.clerk.token}` } })).status).toBe(403);
    expect((await fetch(`${api.url}/exports/statements/2026-07-H1.csv`)).status).toBe(401);
    expect(forbidden(await api.clerk.request(STATEMENT, { p: '2026-07-H1' }))).toBe(true);
  });

  it('L4: the admin SPA downloads the CSV with its session cookie, though a browser sends no Origin on that GET', async () => {
    const admin = 'http://localhost:5174';
    const login = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: admin },
      body: JSON.stringify({ query: 'mutation($i: AuthLoginInput!) { authLogin(input: $i) { token } }', variables: { i: { email: 'admin@example.com', password: 'admin1234' } } }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const csv = `${api.url}/exports/statements/2026-07-H1.csv`;
    expect((await fetch(csv, { headers: { cookie, referer: `${admin}/reconciliation` } })).status).toBe(200);
    expect((await fetch(csv, { headers: { cookie, 'x-forwarded-host': 'localhost:5174', 'x-forwarded-proto': 'http' } })).status).toBe(200);
    expect((await fetch(csv, { headers: { cookie, referer: 'http://localhost:5173/account' } })).status).toBe(401);
  });
});

describe('liability and consistency (L5, L1)', () => {
  it('L5: the outstanding face value at any past date: sold, less redeemed, less refunded', async () => {
    const before = (await api.admin.ok(`query($d: DateTime) { ticketLiability(asOf: $d) { amount quantity } }`, { d: '2026-06-01T00:00:00Z' })).ticketLiability;
    const order = await buyAt('2026-06-02T04:00:00Z', 250, 4);
    await setClock('2026-06-05T04:00:00Z');
    await api.clerk.ok(REDEEM, { i: { code: order.code, quantity: 1 } });
    const at = async (iso: string) => (await api.admin.ok(`query($d: DateTime) { ticketLiability(asOf: $d) { amount quantity } }`, { d: iso })).ticketLiability;
    expect(await at('2026-06-03T00:00:00Z')).toEqual({ amount: before.amount + 1000, quantity: before.quantity + 4 });
    expect(await at('2026-06-06T00:00:00Z')).toEqual({ amount: before.amount + 750, quantity: before.quantity + 3 });
  });

  it('L1: the ledger is append-only: UPDATE and DELETE are refused by the database', async () => {
    await expect(sql(`update ledger_entry set amount = amount + 1`)).rejects.toThrow(/append-only/);
    await expect(sql(`delete from ledger_entry`)).rejects.toThrow(/append-only/);
  });

  it('L1: for a period, statement totals equal the ledger and every code adds up (sold = redeemed + refunded + outstanding)', async () => {
    const result = (await api.admin.ok(`query { ledgerConsistency(period: "2026-10-H2") { ok statementMatchesLedger codesChecked mismatchedCodes } }`)).ledgerConsistency;
    expect(result).toMatchObject({ ok: true, statementMatchesLedger: true, mismatchedCodes: [] });
    expect(result.codesChecked).toBeGreaterThan(3);
  });
});

describe('auto-close and commission (A1-A3)', () => {
  async function referrer(code: string, bp: number) {
    const data = await api.admin.ok(`mutation($i: ReferrerCreateInput!) { referrerCreate(input: $i) { referrer { id code } errors { code } } }`, { i: { name: `推薦人 ${code}`, code, commissionBasisPoints: bp } });
    expect(data.referrerCreate.errors).toEqual([]);
    return data.referrerCreate.referrer;
  }
  const statusOf = async (id: string) => (await sql(`select status, closed_at from customer_order where id = ?`, [id]))[0];
  const commissions = async (id: string) => sql(`select base_amount, amount from commission where order_id = ?`, [id]);

  it('A1/A2: N days after payment the order closes (redeemed or not) and the referrer earns rate x amount paid less earlier refunds', async () => {
    await api.admin.ok(`mutation { settingsUpdate(input: { autoCloseDays: 7 }) { errors { code } } }`);
    await referrer('ALICE', 1000);
    const order = await buyAt('2026-05-01T04:00:00Z', 500, 4, { referralCode: 'alice' });
    // a partial refund before closing lowers the base
    await setClock('2026-05-02T04:00:00Z');
    await api.admin.ok(`mutation($id: ID!) { orderMarkReturning(input: { orderId: $id }) { errors { code } } }`, { id: order.id });
    await api.admin.ok(`mutation($id: ID!) { orderMarkReturnReview(input: { orderId: $id }) { errors { code } } }`, { id: order.id });
    await api.admin.ok(`mutation($i: OrderRefundInput!) { orderRefund(input: $i) { errors { code } } }`, { i: { orderId: order.id, codes: [order.code], idempotencyKey: randomUUID() } });
    await setClock('2026-05-07T04:00:00Z');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await statusOf(order.id)).status).toBe('PARTIALLY_REFUNDED');
    await setClock('2026-05-08T04:00:01Z');
    await eventually(async () => (await statusOf(order.id)).status === 'CLOSED');
    expect(await commissions(order.id)).toEqual([{ base_amount: 0, amount: 0 }]);

    const kept = await buyAt('2026-05-10T04:00:00Z', 500, 2, { referralCode: 'ALICE' });
    await setClock('2026-05-17T04:00:01Z');
    await eventually(async () => (await statusOf(kept.id)).status === 'CLOSED');
    expect(await commissions(kept.id)).toEqual([{ base_amount: 1000, amount: 100 }]);
    const report = (await api.admin.ok(`query { commissionReport(period: "2026-05-H2") { total rows { referrer { code } orders baseAmount commission } } }`)).commissionReport;
    expect(report.rows).toEqual([{ referrer: { code: 'ALICE' }, orders: 1, baseAmount: 1000, commission: 100 }]);
  });

  it('A2: a refund after closing leaves the commission as it was', async () => {
    await api.admin.ok(`mutation { settingsUpdate(input: { autoCloseDays: 3 }) { errors { code } } }`);
    await referrer('BOB', 500);
    const order = await buyAt('2026-04-01T04:00:00Z', 400, 2, { referralCode: 'BOB' });
    await setClock('2026-04-04T04:00:01Z');
    await eventually(async () => (await statusOf(order.id)).status === 'CLOSED');
    expect(await commissions(order.id)).toEqual([{ base_amount: 800, amount: 40 }]);
    const cancel = await api.admin.ok(`mutation($i: OrderCancelInput!) { orderCancel(input: $i) { order { status } errors { code } } }`, { i: { orderId: order.id, idempotencyKey: randomUUID() } });
    expect(cancel.orderCancel.order.status).toBe('CANCELLED');
    expect(await commissions(order.id)).toEqual([{ base_amount: 800, amount: 40 }]);
  });

  it('A3: closing twice (a retried job, two workers at once) closes once and makes one commission', async () => {
    await api.admin.ok(`mutation { settingsUpdate(input: { autoCloseDays: 2 }) { errors { code } } }`);
    await referrer('CAROL', 1000);
    const order = await buyAt('2026-03-01T04:00:00Z', 300, 1, { referralCode: 'CAROL' });
    const now = new Date('2026-03-05T04:00:00Z');
    const results = await parallel(6, () => api.app.services.commission.close(api.app.orm.em.fork(), order.id, now));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await commissions(order.id)).toEqual([{ base_amount: 300, amount: 30 }]);
    expect(await api.app.services.commission.close(api.app.orm.em.fork(), order.id, now)).toBe(false);
  });

  it('referrerCreate refuses a taken code and a bad rate; only admins manage referrers', async () => {
    await referrer('DAVE', 100);
    const dup = await api.admin.ok(`mutation { referrerCreate(input: { name: "x", code: "dave", commissionBasisPoints: 20000 }) { errors { code } } }`);
    expect(dup.referrerCreate.errors.map((e: any) => e.code)).toEqual(['CODE_TAKEN', 'INVALID_RATE']);
    for (const actor of [api.clerk, shopper, api.anonymous]) {
      expect(forbidden(await actor.request(`mutation { referrerCreate(input: { name: "x", code: "EVE", commissionBasisPoints: 100 }) { errors { code } } }`))).toBe(true);
    }
  });
});
