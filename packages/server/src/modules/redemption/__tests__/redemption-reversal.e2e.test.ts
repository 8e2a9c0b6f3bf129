import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buy, createTicketProduct, parallel } from '../../../../e2e/fixtures.js';
import { forbidden, startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';

const REDEEM = `mutation($i: TicketCodeRedeemInput!) { ticketCodeRedeem(input: $i) {
  redemption { id quantity } ticketCode { redeemedQuantity remainingQuantity status } errors { code message field } } }`;
const REVERSE = `mutation($i: TicketCodeRedemptionReverseInput!) { ticketCodeRedemptionReverse(input: $i) {
  reversal { id kind quantity reason redeemedBy createdAt reversedQuantity reversalOf { id kind quantity reversedQuantity } }
  ticketCode { code quantity redeemedQuantity refundedQuantity remainingQuantity status }
  errors { code message field } } }`;
const HISTORY = `query($c: String!) { ticketCode(code: $c) { redeemedQuantity remainingQuantity status
  redemptions { id kind quantity reason redeemedBy reversedQuantity reversalOf { id } } } }`;
const STATEMENT = `query($p: String!) { settlementStatement(period: $p) { redeemedAmount feeAmount netPayout lines { kind code quantity faceValue } } }`;
const CONSISTENCY = `query($p: String!) { ledgerConsistency(period: $p) { ok statementMatchesLedger mismatchedCodes } }`;

let api: TestApi;
let shopper: GqlClient;

const sql = async <T = any>(query: string, params: unknown[] = []): Promise<T[]> => api.app.orm.em.fork().getConnection().execute(query, params);
const setClock = (at: Date | string) => api.admin.ok(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: new Date(at).toISOString() });

beforeAll(async () => {
  api = await startTestApi();
  shopper = await api.newShopper();
  await api.admin.ok(`mutation { settingsUpdate(input: { autoCloseDays: 365 }) { errors { code } } }`);
});
afterEach(async () => {
  await setClock(new Date());
});
afterAll(async () => {
  await api?.close();
});

interface Paid {
  orderId: string;
  code: string;
}

/** A paid code of `quantity` at `price` each (bought at `at`, default now). */
async function paidCode(quantity: number, price = 200, at?: Date | string): Promise<Paid> {
  if (at) await setClock(at);
  const product = await createTicketProduct(api, [{ name: '全票', price, stock: 1000 }]);
  const { order, errors } = await buy(shopper, [{ variantId: product.variants[0]!.id, quantity }]);
  expect(errors).toEqual([]);
  return { orderId: order.id, code: order.lines[0].codes[0].code };
}

async function redeem(code: string, quantity: number, client: GqlClient = api.clerk): Promise<string> {
  const data = await client.ok(REDEEM, { i: { code, quantity, idempotencyKey: randomUUID() } });
  expect(data.ticketCodeRedeem.errors).toEqual([]);
  return data.ticketCodeRedeem.redemption.id;
}

const reverse = (input: Record<string, unknown>, client: GqlClient = api.admin, headers: Record<string, string> = {}) =>
  client.request(REVERSE, { i: { reason: '店員誤刷', idempotencyKey: randomUUID(), ...input } }, headers).then((r) => {
    if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    return r.data.ticketCodeRedemptionReverse;
  });

const codeRow = async (code: string) => (await sql(`select id, quantity, redeemed_quantity, refunded_quantity, status from ticket_code where code = ?`, [code]))[0];
const codes = (errors: { code: string }[]) => errors.map((e) => e.code);

describe('B3: ticketCodeRedemptionReverse appends a correcting entry, never deletes', () => {
  it('B3: gives back part of a redemption: a REVERSAL with a negative quantity and the reason, the code redeemable again, shown in its history', async () => {
    const { code } = await paidCode(5);
    const redemptionId = await redeem(code, 3);
    const result = await reverse({ redemptionId, quantity: 2, reason: '  店員誤刷了兩張  ' });
    expect(result.errors).toEqual([]);
    expect(result.reversal).toMatchObject({ kind: 'REVERSAL', quantity: -2, reason: '店員誤刷了兩張', reversedQuantity: 0, reversalOf: { id: redemptionId, kind: 'REDEMPTION', quantity: 3, reversedQuantity: 2 } });
    expect(result.ticketCode).toMatchObject({ redeemedQuantity: 1, remainingQuantity: 4, status: 'ACTIVE' });

    const history = (await api.clerk.ok(HISTORY, { c: code })).ticketCode;
    expect(history.redemptions.map((r: any) => [r.kind, r.quantity, r.reason, r.reversalOf?.id ?? null])).toEqual([
      ['REVERSAL', -2, '店員誤刷了兩張', redemptionId],
      ['REDEMPTION', 3, null, null],
    ]);
    // Nothing was deleted or changed in place: the first redemption is still there as it was.
    const rows = await sql(`select r.quantity, r.reversal_of_id from redemption r join ticket_code c on c.id = r.ticket_code_id where c.code = ? order by r.created_at`, [code]);
    expect(rows.map((r: any) => r.quantity)).toEqual([3, -2]);
    // The units given back redeem again.
    await redeem(code, 4);
    expect(await codeRow(code)).toMatchObject({ redeemed_quantity: 5, status: 'FULLY_REDEEMED' });
  });

  it('B3: a fully redeemed code is ACTIVE again after a reversal; reversals of one redemption add up to at most its quantity', async () => {
    const { code } = await paidCode(2);
    const redemptionId = await redeem(code, 2);
    expect((await codeRow(code)).status).toBe('FULLY_REDEEMED');
    const first = await reverse({ redemptionId, quantity: 1 });
    expect(first.ticketCode).toMatchObject({ redeemedQuantity: 1, remainingQuantity: 1, status: 'ACTIVE' });
    const tooMany = await reverse({ redemptionId, quantity: 2 });
    expect(tooMany.errors).toEqual([expect.objectContaining({ code: 'QUANTITY_EXCEEDS_REDEEMED', field: 'quantity' })]);
    expect(tooMany.errors[0].message).toContain('1');
    expect((await reverse({ redemptionId, quantity: 1 })).ticketCode).toMatchObject({ redeemedQuantity: 0, remainingQuantity: 2 });
    expect(codes((await reverse({ redemptionId, quantity: 1 })).errors)).toEqual(['QUANTITY_EXCEEDS_REDEEMED']);
  });

  it('B3/B5: the reversal is in the audit log with the admin, address, user agent, reason and the code before and after', async () => {
    const { code } = await paidCode(3);
    const redemptionId = await redeem(code, 2);
    const result = await reverse({ redemptionId, quantity: 1, reason: '重複核銷' }, api.admin, { 'x-forwarded-for': '198.51.100.9', 'user-agent': 'ReverseTest/2' });
    const data = await api.admin.ok(`query($id: String!) { auditEvents(filter: { action: "ticket_code.redemption.reverse", objectId: $id }) { edges { node {
      actor { type name } ipAddress userAgent objectType objectId before after changes { field before after } } } } }`, { id: redemptionId });
    const [event] = data.auditEvents.edges.map((e: any) => e.node);
    expect(event).toMatchObject({ actor: { type: 'USER' }, ipAddress: '198.51.100.9', userAgent: 'ReverseTest/2', objectType: 'redemption', objectId: redemptionId });
    expect(JSON.parse(event.before)).toMatchObject({ code, redemptionQuantity: 2, reversedQuantity: 0, codeRedeemedQuantity: 2 });
    expect(JSON.parse(event.after)).toMatchObject({ code, reversedQuantity: 1, codeRedeemedQuantity: 1, reason: '重複核銷', reversalId: result.reversal.id, faceValueReversed: 200 });
  });

  it('B3/B1: a subscribed webhook endpoint gets ticket_code.redemption_reversed, written in the same transaction', async () => {
    const endpoint = await api.admin.ok(`mutation { webhookEndpointCreate(input: { url: "http://localhost:9/reversals", events: ["ticket_code.redemption_reversed"] }) { endpoint { id } errors { code message } } }`);
    expect(endpoint.webhookEndpointCreate.errors).toEqual([]);
    const { code } = await paidCode(2);
    const redemptionId = await redeem(code, 2);
    const result = await reverse({ redemptionId, quantity: 1, reason: '誤刷' });
    const [event] = await sql(`select payload from webhook_event where type = 'ticket_code.redemption_reversed' and payload->'reversal'->>'id' = ?`, [result.reversal.id]);
    expect(event.payload).toMatchObject({ ticketCode: { code, redeemedQuantity: 1, remainingQuantity: 1 }, reversal: { quantity: -1, reversalOf: redemptionId, reason: '誤刷' } });
    await api.admin.ok(`mutation($id: ID!) { webhookEndpointDelete(input: { id: $id }) { errors { code } } }`, { id: endpoint.webhookEndpointCreate.endpoint.id });
  });
});

describe('B3: typed refusals change nothing', () => {
  it('B3: REDEMPTION_NOT_FOUND, REASON_REQUIRED, QUANTITY_EXCEEDS_REDEEMED, REVERSAL_NOT_REVERSIBLE, INVALID_INPUT', async () => {
    const { code } = await paidCode(4);
    const redemptionId = await redeem(code, 2);
    expect((await reverse({ redemptionId: randomUUID(), quantity: 1 })).errors).toEqual([expect.objectContaining({ code: 'REDEMPTION_NOT_FOUND', field: 'redemptionId' })]);
    expect((await reverse({ redemptionId, quantity: 1, reason: '   ' })).errors).toEqual([expect.objectContaining({ code: 'REASON_REQUIRED', field: 'reason' })]);
    expect(codes((await reverse({ redemptionId, quantity: 3 })).errors)).toEqual(['QUANTITY_EXCEEDS_REDEEMED']);
    expect(codes((await reverse({ redemptionId, quantity: 0 })).errors)).toEqual(['INVALID_INPUT']);
    expect(codes((await reverse({ redemptionId, quantity: 1, reason: 'x'.repeat(501) })).errors)).toEqual(['INVALID_INPUT']);
    expect(codes((await reverse({ redemptionId, quantity: 1, idempotencyKey: '  ' })).errors)).toEqual(['IDEMPOTENCY_KEY_REQUIRED']);
    const reversal = await reverse({ redemptionId, quantity: 1 });
    expect(codes((await reverse({ redemptionId: reversal.reversal.id, quantity: 1 })).errors)).toEqual(['REVERSAL_NOT_REVERSIBLE']);
    expect(await codeRow(code)).toMatchObject({ redeemed_quantity: 1 });
    expect((await sql(`select count(*)::int as n from redemption r join ticket_code c on c.id = r.ticket_code_id where c.code = ?`, [code]))[0].n).toBe(2);
  });

  it('B3: CODE_VOID for a refunded code and for a code split after the redemption (its units moved to the split codes)', async () => {
    const refunded = await paidCode(3, 200, new Date(Date.now() - 2 * 86400_000));
    const split = await paidCode(3);
    await setClock(new Date());
    const refundedRedemption = await redeem(refunded.code, 1);
    const splitRedemption = await redeem(split.code, 1);
    await api.admin.ok(`mutation($id: ID!) { orderMarkReturning(input: { orderId: $id }) { errors { code } } }`, { id: refunded.orderId });
    await api.admin.ok(`mutation($id: ID!) { orderMarkReturnReview(input: { orderId: $id }) { errors { code } } }`, { id: refunded.orderId });
    const refund = await api.admin.ok(`mutation($i: OrderRefundInput!) { orderRefund(input: $i) { errors { code } } }`, {
      i: { orderId: refunded.orderId, codes: [refunded.code], idempotencyKey: randomUUID() },
    });
    expect(refund.orderRefund.errors).toEqual([]);
    expect(codes((await reverse({ redemptionId: refundedRedemption, quantity: 1 })).errors)).toEqual(['CODE_VOID']);
    await shopper.ok(`mutation($c: String!) { ticketCodeSplit(input: { code: $c }) { errors { code } } }`, { c: split.code });
    expect(codes((await reverse({ redemptionId: splitRedemption, quantity: 1 })).errors)).toEqual(['CODE_VOID']);
    expect(await codeRow(refunded.code)).toMatchObject({ redeemed_quantity: 1, refunded_quantity: 2, status: 'REFUNDED' });
  });
});

describe('B3: only REDEMPTIONS_ADJUST may reverse', () => {
  it('B3: forbidden for a clerk, a shopper, an admin without REDEMPTIONS_ADJUST, an API key with every scope, and anonymous', async () => {
    const { code } = await paidCode(2);
    const redemptionId = await redeem(code, 2);
    const email = `no-adjust-${randomUUID().slice(0, 8)}@example.com`;
    const created = await api.admin.ok(`mutation($i: StaffCreateInput!) { staffCreate(input: $i) { errors { code } } }`, {
      i: { email, password: 'password123', name: '沒有更正權限', role: 'ADMIN', permissions: ['TICKETS_READ', 'TICKETS_REDEEM', 'ORDERS_READ', 'ORDERS_MANAGE', 'REFUNDS_MANAGE', 'AUDIT_READ'] },
    });
    expect(created.staffCreate.errors).toEqual([]);
    const adminWithout = await api.client().login(email, 'password123');
    const key = await api.admin.ok(`mutation { apiKeyCreate(input: { name: "all", scopes: ["tickets:read", "tickets:redeem", "orders:read", "catalog:write", "reports:read", "webhooks:manage"] }) { secret } }`);
    const integrator = api.client();
    integrator.token = key.apiKeyCreate.secret;
    for (const actor of [api.clerk, shopper, adminWithout, integrator, api.anonymous]) {
      const result = await actor.request(REVERSE, { i: { redemptionId, quantity: 1, reason: 'x', idempotencyKey: randomUUID() } });
      expect(forbidden(result)).toBe(true);
    }
    expect(await codeRow(code)).toMatchObject({ redeemed_quantity: 2 });
    // A clerk's fixed set never has it; admins may be granted it.
    expect((await api.clerk.ok(`{ viewer { permissions } }`)).viewer.permissions).not.toContain('REDEMPTIONS_ADJUST');
    const clerkId = (await api.clerk.ok(`{ viewer { id } }`)).viewer.id;
    const grant = await api.admin.ok(`mutation($i: StaffUpdatePermissionsInput!) { staffUpdatePermissions(input: $i) { errors { code } } }`, {
      i: { staffId: clerkId, permissions: ['REDEMPTIONS_ADJUST'] },
    });
    expect(codes(grant.staffUpdatePermissions.errors)).toEqual(['STORE_USER_PERMISSIONS_IMMUTABLE']);
  });
});

describe('B3/B8: strict idempotency', () => {
  it('B8: the same key with the same input replays the first reversal; with another input it is IDEMPOTENCY_KEY_REUSED and nothing changes', async () => {
    const { code } = await paidCode(5);
    const redemptionId = await redeem(code, 4);
    const other = await redeem(code, 1);
    const key = randomUUID();
    const first = await reverse({ redemptionId, quantity: 2, reason: '誤刷', idempotencyKey: key });
    const again = await reverse({ redemptionId, quantity: 2, reason: '誤刷', idempotencyKey: key });
    expect(again.errors).toEqual([]);
    expect(again.reversal.id).toBe(first.reversal.id);
    expect(await codeRow(code)).toMatchObject({ redeemed_quantity: 3 });
    for (const changed of [{ quantity: 1 }, { reason: '別的原因' }, { redemptionId: other, quantity: 1 }]) {
      const reused = await reverse({ redemptionId, quantity: 2, reason: '誤刷', idempotencyKey: key, ...changed });
      expect(reused.errors).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' })]);
    }
    expect(await codeRow(code)).toMatchObject({ redeemed_quantity: 3 });
    // A key this admin used to redeem is taken for a reversal too.
    const redeemKey = randomUUID();
    await api.admin.ok(REDEEM, { i: { code, quantity: 1, idempotencyKey: redeemKey } });
    expect(codes((await reverse({ redemptionId, quantity: 1, idempotencyKey: redeemKey })).errors)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    // Another admin's key is just a new key.
    expect((await sql(`select count(*)::int as n from redemption where reversal_of_id is not null and idempotency_key = ?`, [key]))[0].n).toBe(1);
  });

  it('B8: the same reversal sent 8 times at once reverses once', async () => {
    const { code } = await paidCode(3);
    const redemptionId = await redeem(code, 3);
    const key = randomUUID();
    const results = await parallel(8, () => reverse({ redemptionId, quantity: 2, reason: '誤刷', idempotencyKey: key }));
    expect(results.every((r) => r.errors.length === 0)).toBe(true);
    expect(new Set(results.map((r) => r.reversal.id)).size).toBe(1);
    expect(await codeRow(code)).toMatchObject({ redeemed_quantity: 1 });
  });
});

describe('B3/L1: the books after a reversal', () => {
  it('L1: the reversal is a new ledger entry in the current period; the closed statement is unchanged; the books check holds', async () => {
    // Paid and 3 of 4 redeemed in 2026-10 H1 (face value 4 x 250); reversed in H2.
    const { code } = await paidCode(4, 250, '2026-10-03T04:00:00Z');
    await setClock('2026-10-05T04:00:00Z');
    const redemptionId = await redeem(code, 3);
    const h1Before = (await api.admin.ok(STATEMENT, { p: '2026-10-H1' })).settlementStatement;
    expect(h1Before.lines.filter((l: any) => l.code === code && l.kind === 'REDEMPTION')).toEqual([{ kind: 'REDEMPTION', code, quantity: 3, faceValue: 750 }]);
    const liability = async (asOf: string) => (await api.admin.ok(`query($d: DateTime!) { ticketLiability(asOf: $d) { amount quantity } }`, { d: asOf })).ticketLiability;
    const liabilityBefore = await liability('2026-10-20T04:00:00Z');

    await setClock('2026-10-20T04:00:00Z');
    const result = await reverse({ redemptionId, quantity: 2, reason: '誤刷' });
    expect(result.errors).toEqual([]);

    const h1After = (await api.admin.ok(STATEMENT, { p: '2026-10-H1' })).settlementStatement;
    expect(h1After).toEqual(h1Before);
    const h2 = (await api.admin.ok(STATEMENT, { p: '2026-10-H2' })).settlementStatement;
    expect(h2.lines.filter((l: any) => l.code === code && l.kind === 'REDEMPTION')).toEqual([{ kind: 'REDEMPTION', code, quantity: -2, faceValue: -500 }]);
    const ledger = await sql(`select e.kind, e.quantity, e.amount, e.ref from ledger_entry e join ticket_code c on c.id = e.ticket_code_id where c.code = ? and e.kind = 'REDEMPTION' order by e.id`, [code]);
    expect(ledger.map((l: any) => [l.quantity, l.amount])).toEqual([
      [3, 750],
      [-2, -500],
    ]);
    expect(ledger[1].ref).toBe(`reverse:${result.reversal.id}`);
    // L5: the units given back are outstanding again.
    expect(await liability('2026-10-21T04:00:00Z')).toEqual({ amount: liabilityBefore.amount + 500, quantity: liabilityBefore.quantity + 2 });
    for (const p of ['2026-10-H1', '2026-10-H2']) expect((await api.admin.ok(CONSISTENCY, { p })).ledgerConsistency).toEqual({ ok: true, statementMatchesLedger: true, mismatchedCodes: [] });
  });

  it('L1: uneven face values still add up: every REDEMPTION entry of a code, reversals included, sums to the face value of what is redeemed', async () => {
    const { code } = await paidCode(3, 100);
    // A face value that 3 units don't divide (a mix-and-match share can make one): 301 = 100 + 100 + 101 in cumulative rounding.
    const [{ id }] = await sql(`select id from ticket_code where code = ?`, [code]);
    await api.app.pool.query(`update ticket_code set face_value = 301 where id = $1`, [id]);
    const paidOut = async () => (await sql(`select coalesce(sum(amount), 0)::int as sum from ledger_entry where ticket_code_id = ? and kind = 'REDEMPTION'`, [id]))[0].sum;
    const r1 = await redeem(code, 2);
    expect(await paidOut()).toBe(200);
    await reverse({ redemptionId: r1, quantity: 1 });
    expect(await paidOut()).toBe(100);
    await reverse({ redemptionId: r1, quantity: 1 });
    expect(await paidOut()).toBe(0);
    await redeem(code, 1);
    await redeem(code, 2);
    expect(await paidOut()).toBe(301);
  });
});

describe('B3: races on one code (reversals, redemptions and a refund at once)', () => {
  it('B3: redeemed + refunded never pass the quantity and the ledger agrees with the code, whatever wins', async () => {
    for (let round = 0; round < 3; round++) {
      const { orderId, code } = await paidCode(20, 150, new Date(Date.now() - 2 * 86400_000));
      await setClock(new Date());
      const redemptions: string[] = [];
      for (let i = 0; i < 8; i++) redemptions.push(await redeem(code, 1));
      await api.admin.ok(`mutation($id: ID!) { orderMarkReturning(input: { orderId: $id }) { errors { code } } }`, { id: orderId });
      await api.admin.ok(`mutation($id: ID!) { orderMarkReturnReview(input: { orderId: $id }) { errors { code } } }`, { id: orderId });

      const tasks: (() => Promise<unknown>)[] = [
        ...redemptions.map((redemptionId) => () => reverse({ redemptionId, quantity: 1 })),
        ...Array.from({ length: 10 }, () => () => api.clerk.ok(REDEEM, { i: { code, quantity: 1, idempotencyKey: randomUUID() } })),
        () => api.admin.ok(`mutation($i: OrderRefundInput!) { orderRefund(input: $i) { errors { code } } }`, { i: { orderId, codes: [code], idempotencyKey: randomUUID() } }),
      ];
      // Interleave: the refund somewhere in the middle of the round.
      tasks.splice(round * 6, 0, tasks.pop()!);
      const results = (await Promise.all(tasks.map((t) => t()))) as any[];
      // The refund always finds units left (at most 18 of 20 are ever redeemed); whatever ran after it found the code void.
      const refund = results.find((r) => r.orderRefund)!;
      expect(refund.orderRefund.errors).toEqual([]);
      const refusals = results.flatMap((r) => (r.ticketCodeRedeem ?? r).errors ?? []).map((e: { code: string }) => e.code);
      expect(refusals.every((c: string) => c === 'CODE_VOID')).toBe(true);

      const row = await codeRow(code);
      expect(row.redeemed_quantity + row.refunded_quantity).toBeLessThanOrEqual(row.quantity);
      const [ledger] = await sql(
        `select coalesce(sum(quantity) filter (where kind = 'REDEMPTION'), 0)::int as redeemed, coalesce(sum(quantity) filter (where kind = 'REFUND'), 0)::int as refunded,
                coalesce(sum(amount) filter (where kind in ('REDEMPTION', 'REFUND')), 0)::int as paid_out_or_back
           from ledger_entry where ticket_code_id = ?`,
        [row.id],
      );
      expect(ledger.redeemed).toBe(row.redeemed_quantity);
      expect(ledger.refunded).toBe(row.refunded_quantity);
      const [history] = await sql(`select coalesce(sum(quantity), 0)::int as q from redemption where ticket_code_id = ?`, [row.id]);
      expect(history.q).toBe(row.redeemed_quantity);
      // The refund took everything left: the code's whole face value went out once, as redemptions or the refund.
      expect(row.status).toBe('REFUNDED');
      expect(row.redeemed_quantity + row.refunded_quantity).toBe(row.quantity);
      expect(ledger.paid_out_or_back).toBe(20 * 150);
      const period = new Date(Date.now() + 8 * 3600_000);
      const id = `${period.toISOString().slice(0, 7)}-${period.getUTCDate() <= 15 ? 'H1' : 'H2'}`;
      expect((await api.admin.ok(CONSISTENCY, { p: id })).ledgerConsistency).toMatchObject({ ok: true });
    }
  });
});
