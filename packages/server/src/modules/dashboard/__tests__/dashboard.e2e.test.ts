import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminWith, apiKeyWith } from '../../../../e2e/actors.js';
import { buy, createTicketProduct, type TicketProduct } from '../../../../e2e/fixtures.js';
import { forbidden, startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';
import { rollupBooks } from '../books-rollup.js';

const DASHBOARD = `query($r: DashboardRange!) { dashboard(range: $r) {
  range from to asOf grossSales orders ticketsSold redeemedUnits redeemedAmount refundedAmount refundedUnits refunds feeAmount feeRefundAmount
  liability { asOf amount quantity }
  currentPeriod { period from to redeemedAmount feeAmount feeRefundAmount netPayout }
  days { date sales ticketsSold redeemedAmount redeemedUnits }
  topProductsBySales { productId title units amount }
  topProductsByRedemptions { productId title units amount }
  redemptionHours { hour redeemedUnits redeemedAmount }
} }`;
const STATEMENT = `query($p: String!) { settlementStatement(period: $p) { period from to redeemedAmount feeAmount feeRefundAmount netPayout lines { occurredAt kind quantity faceValue fee feeRefund } } }`;
const REDEEM = `mutation($i: TicketCodeRedeemInput!) { ticketCodeRedeem(input: $i) { errors { code } } }`;

let api: TestApi;
let shopper: GqlClient;
let a: TicketProduct;
let b: TicketProduct;

const setClock = (iso: string) => api.admin.ok(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: iso });
const dashboard = async (range: string, client: GqlClient = api.admin) => (await client.ok(DASHBOARD, { r: range })).dashboard;
const statement = async (period: string) => (await api.admin.ok(STATEMENT, { p: period })).settlementStatement;
const liability = async (asOf: string) => (await api.admin.ok(`query($d: DateTime) { ticketLiability(asOf: $d) { asOf amount quantity } }`, { d: asOf })).ticketLiability;
const consistency = async (period: string) => (await api.admin.ok(`query($p: String!) { ledgerConsistency(period: $p) { ok } }`, { p: period })).ledgerConsistency;
const redeem = async (code: string, quantity: number) => expect((await api.clerk.ok(REDEEM, { i: { code, quantity } })).ticketCodeRedeem.errors).toEqual([]);

async function order(at: string, lines: { variantId: string; quantity: number }[]) {
  await setClock(at);
  const { order, errors } = await buy(shopper, lines);
  expect(errors).toEqual([]);
  return { id: order.id as string, codes: (order.lines as any[]).map((l) => l.codes[0].code as string) };
}

/** Every ledger row folded into the rollups (two runs: the first only marks how far the next may go). */
async function rollUpEverything() {
  const [{ max }] = await api.app.orm.em.fork().getConnection().execute<{ max: string }[]>('select coalesce(max(id), 0)::text as max from ledger_entry');
  for (let i = 0; i < 20; i++) {
    const { lastId } = await rollupBooks(api.app.pool);
    if (lastId && BigInt(lastId) >= BigInt(max)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the rollup did not catch up');
}

/** The figures of a range, as the statements and the liability report give them for the same days. */
function summed(...statements: any[]) {
  const total = (field: string) => statements.reduce((s, st) => s + st[field], 0);
  return { redeemedAmount: total('redeemedAmount'), feeAmount: total('feeAmount'), feeRefundAmount: total('feeRefundAmount') };
}

const taipeiDay = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  api = await startTestApi();
  shopper = await api.newShopper();
  await api.admin.ok(`mutation { settingsUpdate(input: { autoCloseDays: 365 }) { errors { code } } }`);
  // In March 2025: no other test's money is there (this database is this file's own).
  await setClock('2025-03-01T02:00:00Z');
  a = await createTicketProduct(api, [{ name: '全票', price: 300, stock: 100 }]);
  b = await createTicketProduct(api, [{ name: '兌換組', price: 500, stock: 100 }]);

  // 2025-03-H1: two orders, redemptions on two days (one at 23:30 Taipei), a partial refund.
  const o1 = await order('2025-03-03T02:00:00Z', [{ variantId: a.variants[0]!.id, quantity: 4 }]); // 1200
  const o2 = await order('2025-03-03T03:00:00Z', [
    { variantId: a.variants[0]!.id, quantity: 1 },
    { variantId: b.variants[0]!.id, quantity: 2 },
  ]); // 300 + 1000
  await setClock('2025-03-05T06:00:00Z'); // 14:00 Taipei
  await redeem(o1.codes[0]!, 2);
  await redeem(o2.codes[1]!, 1);
  await setClock('2025-03-10T04:00:00Z');
  await api.admin.ok(`mutation($id: ID!) { orderMarkReturning(input: { orderId: $id }) { errors { code } } }`, { id: o1.id });
  await api.admin.ok(`mutation($id: ID!) { orderMarkReturnReview(input: { orderId: $id }) { errors { code } } }`, { id: o1.id });
  const refund = await api.admin.ok(`mutation($i: OrderRefundInput!) { orderRefund(input: $i) { refund { amount } errors { code } } }`, {
    i: { orderId: o1.id, codes: [o1.codes[0]], idempotencyKey: randomUUID() },
  });
  expect(refund.orderRefund.refund.amount).toBe(600);
  await setClock('2025-03-14T15:30:00Z'); // 23:30 Taipei on 3/14
  await redeem(o2.codes[0]!, 1);

  // The rollups hold what came so far; the rest of the books is read from the ledger itself.
  await rollUpEverything();

  // 2025-03-H2: a sale partly redeemed, and a sale cancelled the next day.
  const o3 = await order('2025-03-18T03:00:00Z', [{ variantId: b.variants[0]!.id, quantity: 3 }]); // 1500
  await setClock('2025-03-20T11:00:00Z'); // 19:00 Taipei
  await redeem(o3.codes[0]!, 2);
  const o4 = await order('2025-03-21T03:00:00Z', [{ variantId: a.variants[0]!.id, quantity: 2 }]); // 600
  await setClock('2025-03-22T03:00:00Z');
  const cancel = await api.admin.ok(`mutation($i: OrderCancelInput!) { orderCancel(input: $i) { order { status } errors { code } } }`, { i: { orderId: o4.id, idempotencyKey: randomUUID() } });
  expect(cancel.orderCancel.order.status).toBe('CANCELLED');
  await setClock('2025-03-31T12:00:00Z'); // 20:00 Taipei on the last day of 2025-03-H2
});

afterAll(async () => {
  await setClock(new Date().toISOString()).catch(() => undefined);
  await api?.close();
});

describe('B10: the dashboard agrees with 對帳 (statements, liability, books check)', () => {
  it('B10/L2/L4: this period: the range and the current period equal the 2025-03-H2 statement; liability equals L5 now', async () => {
    const h2 = await statement('2025-03-H2');
    const d = await dashboard('CURRENT_PERIOD');
    expect(d.from).toBe('2025-03-15T16:00:00.000Z');
    expect(d.to).toBe('2025-03-31T16:00:00.000Z');
    expect(d.currentPeriod).toEqual({ period: '2025-03-H2', from: h2.from, to: h2.to, redeemedAmount: h2.redeemedAmount, feeAmount: h2.feeAmount, feeRefundAmount: h2.feeRefundAmount, netPayout: h2.netPayout });
    const summary = (await api.admin.ok(`query { settlementStatements(count: 1) { period redeemedAmount feeAmount feeRefundAmount netPayout } }`)).settlementStatements[0];
    expect(summary).toEqual({ period: '2025-03-H2', redeemedAmount: d.currentPeriod.redeemedAmount, feeAmount: d.currentPeriod.feeAmount, feeRefundAmount: d.currentPeriod.feeRefundAmount, netPayout: d.currentPeriod.netPayout });
    expect({ redeemedAmount: d.redeemedAmount, feeAmount: d.feeAmount, feeRefundAmount: d.feeRefundAmount }).toEqual(summed(h2));
    expect(d.redeemedAmount).toBe(1000); // 2 x 500
    expect(d.grossSales).toBe(2100); // 1500 + 600
    expect(d.liability).toEqual(await liability(d.asOf));
    expect((await consistency('2025-03-H2')).ok).toBe(true);
  });

  it('B10: 30 days span both periods: every figure is the two statements together and the sales, refunds and units sold', async () => {
    const [h1, h2] = [await statement('2025-03-H1'), await statement('2025-03-H2')];
    const d = await dashboard('LAST_30_DAYS');
    expect(d.days.map((day: any) => day.date)).toEqual(Array.from({ length: 30 }, (_, i) => `2025-03-${String(i + 2).padStart(2, '0')}`));
    expect({ redeemedAmount: d.redeemedAmount, feeAmount: d.feeAmount, feeRefundAmount: d.feeRefundAmount }).toEqual(summed(h1, h2));
    expect(d).toMatchObject({ grossSales: 4600, orders: 4, ticketsSold: 12, redeemedUnits: 6, redeemedAmount: 2400, refundedAmount: 1200, refundedUnits: 4, refunds: 2 });
    // The fee is 5% of each sale, returned on what was refunded (L3).
    expect(d.feeAmount).toBe(230);
    expect(d.feeRefundAmount).toBe(60);
    // Each day's redemptions are that day's REDEMPTION lines of the statements.
    const perDay = new Map<string, number>();
    for (const line of [...h1.lines, ...h2.lines].filter((l: any) => l.kind === 'REDEMPTION')) perDay.set(taipeiDay(line.occurredAt), (perDay.get(taipeiDay(line.occurredAt)) ?? 0) + line.faceValue);
    expect(Object.fromEntries(d.days.filter((day: any) => day.redeemedAmount).map((day: any) => [day.date, day.redeemedAmount]))).toEqual(Object.fromEntries(perDay));
    expect(d.days.reduce((s: number, day: any) => s + day.sales, 0)).toBe(d.grossSales);
    expect(d.days.find((day: any) => day.date === '2025-03-03')).toEqual({ date: '2025-03-03', sales: 2500, ticketsSold: 7, redeemedAmount: 0, redeemedUnits: 0 });
    expect(d.liability).toEqual(await liability(d.asOf));
    expect((await consistency('2025-03-H1')).ok).toBe(true);
  });

  it('B10: top products by sales and by redemptions, and the busiest redemption hours (Asia/Taipei)', async () => {
    const d = await dashboard('LAST_30_DAYS');
    expect(d.topProductsBySales.map((p: any) => [p.productId, p.units, p.amount])).toEqual([
      [b.id, 5, 2500],
      [a.id, 7, 2100],
    ]);
    // A tie on units redeemed (3 each) goes to the larger face value.
    expect(d.topProductsByRedemptions.map((p: any) => [p.productId, p.units, p.amount])).toEqual([
      [b.id, 3, 1500],
      [a.id, 3, 900],
    ]);
    expect(d.topProductsBySales[0].title).toMatch(/^測試活動/);
    expect(d.redemptionHours).toHaveLength(24);
    expect(Object.fromEntries(d.redemptionHours.filter((h: any) => h.redeemedUnits).map((h: any) => [h.hour, h.redeemedUnits]))).toEqual({ 14: 3, 19: 2, 23: 1 });
  });

  it('B10: today and the last 7 days are whole Taipei days ending today', async () => {
    const today = await dashboard('TODAY');
    expect(today.days).toEqual([{ date: '2025-03-31', sales: 0, ticketsSold: 0, redeemedAmount: 0, redeemedUnits: 0 }]);
    expect(today).toMatchObject({ grossSales: 0, orders: 0, redeemedAmount: 0, from: '2025-03-30T16:00:00.000Z', to: '2025-03-31T16:00:00.000Z' });
    const week = await dashboard('LAST_7_DAYS');
    expect(week.days.map((day: any) => day.date)).toEqual(['2025-03-25', '2025-03-26', '2025-03-27', '2025-03-28', '2025-03-29', '2025-03-30', '2025-03-31']);
    expect(week.grossSales).toBe(0);
  });

  it('B10: the same figures whether the ledger rows are rolled up or still read one by one', async () => {
    // Fresh rows that no rollup can have folded yet (a run only folds what an earlier run saw).
    const late = await order('2025-03-31T12:00:00Z', [{ variantId: a.variants[0]!.id, quantity: 1 }]);
    await redeem(late.codes[0]!, 1);
    const before = await Promise.all(['TODAY', 'LAST_7_DAYS', 'LAST_30_DAYS', 'CURRENT_PERIOD'].map((r) => dashboard(r)));
    const [{ tail }] = await api.app.orm.em.fork().getConnection().execute<{ tail: number }[]>(
      'select count(*)::int as tail from ledger_entry where id > (select last_id from ledger_rollup_state)',
    );
    expect(tail).toBeGreaterThan(0);
    await rollUpEverything();
    const after = await Promise.all(['TODAY', 'LAST_7_DAYS', 'LAST_30_DAYS', 'CURRENT_PERIOD'].map((r) => dashboard(r)));
    const withoutTime = (d: any) => ({ ...d, asOf: undefined, liability: { ...d.liability, asOf: undefined } });
    expect(after.map(withoutTime)).toEqual(before.map(withoutTime));
  });

  it('B10/L5: back on the last day of 2025-03-H1, the later money is not counted: this period is the H1 statement, liability is L5 then', async () => {
    await setClock('2025-03-15T12:00:00Z'); // 20:00 Taipei on 3/15
    try {
      const h1 = await statement('2025-03-H1');
      const d = await dashboard('CURRENT_PERIOD');
      expect(d.currentPeriod).toMatchObject({ period: '2025-03-H1', redeemedAmount: h1.redeemedAmount, feeAmount: h1.feeAmount, feeRefundAmount: h1.feeRefundAmount, netPayout: h1.netPayout });
      expect({ redeemedAmount: d.redeemedAmount, feeAmount: d.feeAmount, feeRefundAmount: d.feeRefundAmount }).toEqual(summed(h1));
      expect(d).toMatchObject({ grossSales: 2500, orders: 2, redeemedAmount: 1400, refundedAmount: 600, refunds: 1 });
      expect(d.liability).toEqual(await liability(d.asOf));
      expect(d.liability.amount).toBe(2500 - 1400 - 600);
    } finally {
      await setClock('2025-03-31T12:00:00Z');
    }
  });

  it('B10: REPORTS_READ only: clerks, shoppers, anonymous callers, API keys without reports:read and admins without the permission are refused', async () => {
    const ordersAdmin = await adminWith(api, ['ORDERS_READ', 'TICKETS_READ']);
    const ordersKey = await apiKeyWith(api, ['orders:read', 'tickets:read']);
    for (const actor of [api.clerk, shopper, api.anonymous, ordersAdmin, ordersKey]) {
      expect(forbidden(await actor.request(DASHBOARD, { r: 'TODAY' }))).toBe(true);
    }
    const reportsKey = await apiKeyWith(api, ['reports:read']);
    expect((await dashboard('TODAY', reportsKey)).range).toBe('TODAY');
    const reportsAdmin = await adminWith(api, ['REPORTS_READ']);
    expect((await dashboard('LAST_7_DAYS', reportsAdmin)).range).toBe('LAST_7_DAYS');
  });
});
