import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buy, createTicketProduct, type TicketProduct } from '../../../../e2e/fixtures.js';
import { forbidden, startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';

const SETTINGS = `mutation($i: ProductOfflineSettingsUpdateInput!) { productOfflineSettingsUpdate(input: $i) { product { id offlineRedemption offlineWindowHours } errors { code message field } } }`;
const SNAPSHOT = `mutation($i: OfflineSnapshotCreateInput!) { offlineSnapshotCreate(input: $i) {
  snapshot { id productId productTitle issuedAt expiresAt hashKey signature entries { codeHash remaining variantName splitChild } }
  errors { code message field } } }`;
const SYNC = `mutation($i: TicketCodeOfflineSyncInput!) { ticketCodeOfflineSync(input: $i) {
  results { idempotencyKey outcome conflictId reason message } retryAfterSeconds errors { code message field } } }`;
const CONFLICTS = `query($r: Boolean) { offlineConflicts(resolved: $r) { totalCount edges { node {
  id code productId productTitle variantName createdAt resolvedAt resolvedByName resolution note
  winner { deviceId clerkName at channel } loser { deviceId clerkName at channel } } } } }`;
const RESOLVE = `mutation($i: OfflineConflictResolveInput!) { offlineConflictResolve(input: $i) { conflict { id resolvedAt resolvedByName resolution note } errors { code message field } } }`;
const ACTIVITY = `query($p: ID) { offlineActivity(productId: $p) { totalCount edges { node { id kind snapshotId productId productTitle deviceId byName at entries expiresAt redeemed alreadySynced conflicts refused } } } }`;
const HISTORY = `query($c: String!) { ticketCode(code: $c) { code redeemedQuantity remainingQuantity status redemptions { quantity channel device redeemedBy createdAt redeemedAt } } }`;
const REDEEM_ONLINE = `mutation($c: String!) { ticketCodeRedeem(input: { code: $c }) { errors { code } } }`;
const API_KEY = `mutation { apiKeyCreate(input: {name: "POS", scopes: ["tickets:redeem"]}) { secret } }`;

let api: TestApi;
let shopper: GqlClient;
let clerk2: GqlClient;

beforeAll(async () => {
  api = await startTestApi();
  shopper = await api.newShopper({ name: '陳買家', phone: '0933111222' });
  const email = `gate-${randomUUID()}@example.com`;
  const created = await api.admin.ok(`mutation($i: StaffCreateInput!) { staffCreate(input: $i) { errors { code } } }`, {
    i: { email, password: 'clerk2pass', name: '王門市 Gate 2', role: 'TICKET_CLERK' },
  });
  expect(created.staffCreate.errors).toEqual([]);
  clerk2 = await api.client().login(email, 'clerk2pass');
});
afterAll(async () => {
  await api?.close();
});

const sql = async <T = any>(query: string, params: unknown[] = []): Promise<T[]> => (await api.app.pool.query(query, params)).rows as T[];

/** A ticket product with offline redemption on (window `hours`). */
async function offlineProduct(hours = 12): Promise<TicketProduct> {
  const product = await createTicketProduct(api, [{ name: '全票', price: 300, stock: 100 }]);
  const data = await api.admin.ok(SETTINGS, { i: { productId: product.id, enabled: true, windowHours: hours } });
  expect(data.productOfflineSettingsUpdate.errors).toEqual([]);
  return product;
}

/** Paid codes on `product`, one per quantity given. */
async function paidCodes(product: TicketProduct, quantities: number[]): Promise<string[]> {
  const codes: string[] = [];
  for (const quantity of quantities) {
    const { order, errors } = await buy(shopper, [{ variantId: product.variants[0]!.id, quantity }]);
    expect(errors).toEqual([]);
    codes.push(order.lines[0].codes[0].code);
  }
  return codes;
}

const apiKey = async () => {
  const key = api.client();
  key.token = (await api.admin.ok(API_KEY)).apiKeyCreate.secret;
  return key;
};
const snapshotFor = async (client: GqlClient, productId: string, deviceId = 'gate-1') => (await client.ok(SNAPSHOT, { i: { productId, deviceId } })).offlineSnapshotCreate;
const sync = async (client: GqlClient, snapshotId: string, deviceId: string, redemptions: { code: string; idempotencyKey: string; redeemedAt: string }[]) =>
  (await client.ok(SYNC, { i: { snapshotId, deviceId, redemptions } })).ticketCodeOfflineSync;
const item = (code: string, redeemedAt = new Date()) => ({ code, idempotencyKey: randomUUID(), redeemedAt: redeemedAt.toISOString() });
/** What the clerk app computes with WebCrypto: HMAC-SHA256 keyed with the 32 bytes of hashKey, over the code. */
const hashOf = (hashKey: string, code: string) => createHmac('sha256', Buffer.from(hashKey, 'base64url')).update(code).digest('base64url');
const redeemedOf = async (code: string) => (await sql(`select redeemed_quantity from ticket_code where code = $1`, [code]))[0].redeemed_quantity as number;

describe('offline settings per product (B7)', () => {
  it('B7: offline redemption is off by default with a 12 h window; an admin turns it on and sets 1 to 72 hours', async () => {
    const product = await createTicketProduct(api);
    const read = `query($id: ID!) { product(id: $id) { offlineRedemption offlineWindowHours } }`;
    expect((await api.admin.ok(read, { id: product.id })).product).toEqual({ offlineRedemption: false, offlineWindowHours: 12 });
    const on = await api.admin.ok(SETTINGS, { i: { productId: product.id, enabled: true, windowHours: 6 } });
    expect(on.productOfflineSettingsUpdate).toEqual({ product: { id: product.id, offlineRedemption: true, offlineWindowHours: 6 }, errors: [] });
    // The clerk reads it (TICKETS_READ); the window stays when only the switch is sent.
    expect((await api.clerk.ok(read, { id: product.id })).product).toEqual({ offlineRedemption: true, offlineWindowHours: 6 });
    const off = await api.admin.ok(SETTINGS, { i: { productId: product.id, enabled: false } });
    expect(off.productOfflineSettingsUpdate.product).toMatchObject({ offlineRedemption: false, offlineWindowHours: 6 });
    for (const windowHours of [0, 73]) {
      const bad = await api.admin.ok(SETTINGS, { i: { productId: product.id, enabled: true, windowHours } });
      expect(bad.productOfflineSettingsUpdate.errors.map((e: any) => [e.code, e.field])).toEqual([['INVALID_INPUT', 'windowHours']]);
    }
    const unknown = await api.admin.ok(SETTINGS, { i: { productId: randomUUID(), enabled: true } });
    expect(unknown.productOfflineSettingsUpdate.errors.map((e: any) => e.code)).toEqual(['PRODUCT_NOT_FOUND']);
  });

  it('B7/S1: clerks, shoppers, API keys and anonymous callers cannot change the settings; shoppers cannot read them', async () => {
    const product = await createTicketProduct(api);
    for (const client of [api.clerk, shopper, await apiKey(), api.anonymous]) {
      expect(forbidden(await client.request(SETTINGS, { i: { productId: product.id, enabled: true } }))).toBe(true);
    }
    expect(forbidden(await shopper.request(`query($id: ID!) { product(id: $id) { offlineRedemption } }`, { id: product.id }))).toBe(true);
    expect((await sql(`select offline_redemption from product where id = $1`, [product.id]))[0].offline_redemption).toBe(false);
  });

  it('B7: offlineProducts lists the ticket products with offline mode on, for TICKETS_REDEEM', async () => {
    const on = await offlineProduct();
    const off = await createTicketProduct(api);
    const ids = (await api.clerk.ok(`{ offlineProducts { id title offlineWindowHours } }`)).offlineProducts.map((p: any) => p.id);
    expect(ids).toContain(on.id);
    expect(ids).not.toContain(off.id);
    expect(forbidden(await shopper.request(`{ offlineProducts { id } }`))).toBe(true);
    expect(forbidden(await api.anonymous.request(`{ offlineProducts { id } }`))).toBe(true);
  });
});

describe('offline snapshots (B7)', () => {
  it('B7: a snapshot holds a keyed hash of each redeemable code, its remaining units and ticket type, no buyer data; it expires after the window', async () => {
    const product = await offlineProduct(8);
    const [single, triple, used, refunded] = await paidCodes(product, [1, 3, 1, 1]);
    await api.clerk.ok(REDEEM_ONLINE, { c: used });
    await sql(`update ticket_code set status = 'REFUNDED', refunded_quantity = quantity where code = $1`, [refunded]);
    const before = Date.now();
    const { snapshot, errors } = await snapshotFor(api.clerk, product.id, 'gate-1 phone');
    expect(errors).toEqual([]);
    expect(snapshot.productId).toBe(product.id);
    expect(new Date(snapshot.expiresAt).getTime() - new Date(snapshot.issuedAt).getTime()).toBe(8 * 3600_000);
    expect(new Date(snapshot.issuedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(Buffer.from(snapshot.hashKey, 'base64url')).toHaveLength(32);
    // Only active codes with a unit left; each hash verifies as HMAC-SHA256(hashKey, code).
    const byHash = new Map(snapshot.entries.map((e: any) => [e.codeHash, e]));
    expect(snapshot.entries).toHaveLength(2);
    expect(byHash.get(hashOf(snapshot.hashKey, single!))).toEqual({ codeHash: hashOf(snapshot.hashKey, single!), remaining: 1, variantName: '全票', splitChild: false });
    expect(byHash.get(hashOf(snapshot.hashKey, triple!))).toMatchObject({ remaining: 3 });
    expect(byHash.has(hashOf(snapshot.hashKey, used!))).toBe(false);
    expect(byHash.has(hashOf(snapshot.hashKey, refunded!))).toBe(false);
    // No code, no holder, no phone, no order number anywhere in what the device gets.
    const text = JSON.stringify(snapshot);
    for (const secret of [single!, triple!, '陳買家', '王小明', '0933111222', '0912345678']) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/T\d{8}-\d{6}/);
    // A second snapshot has its own key: one's hashes say nothing about the other's.
    const again = (await snapshotFor(api.clerk, product.id, 'gate-1 phone')).snapshot;
    expect(again.hashKey).not.toBe(snapshot.hashKey);
    expect(again.entries.map((e: any) => e.codeHash)).not.toContain(hashOf(snapshot.hashKey, single!));
  });

  it('B7/X3: a split code appears as its single-unit children', async () => {
    const product = await offlineProduct();
    const [code] = await paidCodes(product, [2]);
    const split = await shopper.ok(`mutation($i: TicketCodeSplitInput!) { ticketCodeSplit(input: $i) { children { code } errors { code } } }`, { i: { code } });
    expect(split.ticketCodeSplit.errors).toEqual([]);
    const { snapshot } = await snapshotFor(api.clerk, product.id);
    expect(snapshot.entries).toHaveLength(2);
    for (const child of split.ticketCodeSplit.children) {
      expect(snapshot.entries).toContainEqual({ codeHash: hashOf(snapshot.hashKey, child.code), remaining: 1, variantName: '全票', splitChild: true });
    }
  });

  it('B7: OFFLINE_NOT_ENABLED for a product without offline mode; PRODUCT_NOT_FOUND for an unknown one; a blank device is INVALID_INPUT', async () => {
    const product = await createTicketProduct(api);
    expect((await snapshotFor(api.clerk, product.id)).errors.map((e: any) => [e.code, e.message])).toEqual([['OFFLINE_NOT_ENABLED', '此票券未開放離線核銷']]);
    expect((await snapshotFor(api.clerk, randomUUID())).errors.map((e: any) => e.code)).toEqual(['PRODUCT_NOT_FOUND']);
    const enabled = await offlineProduct();
    expect((await snapshotFor(api.clerk, enabled.id, '  ')).errors.map((e: any) => [e.code, e.field])).toEqual([['INVALID_INPUT', 'deviceId']]);
    expect(await sql(`select 1 from offline_snapshot where product_id = any($1)`, [[product.id, enabled.id]])).toEqual([]);
  });

  it('B7: the download is in the redemption history (offlineActivity): who, device, product, entries, when', async () => {
    const product = await offlineProduct();
    await paidCodes(product, [1, 1]);
    const { snapshot } = await snapshotFor(api.clerk, product.id, '北門 2 號機');
    const data = await api.admin.ok(ACTIVITY, { p: product.id });
    expect(data.offlineActivity.totalCount).toBe(1);
    expect(data.offlineActivity.edges[0].node).toMatchObject({
      id: snapshot.id,
      kind: 'SNAPSHOT',
      snapshotId: snapshot.id,
      productId: product.id,
      productTitle: snapshot.productTitle,
      deviceId: '北門 2 號機',
      byName: '林店員 Ticket Clerk',
      at: snapshot.issuedAt,
      entries: 2,
      expiresAt: snapshot.expiresAt,
    });
    expect(forbidden(await api.clerk.request(ACTIVITY, { p: product.id }))).toBe(true);
  });

  it('B7/R6: one account downloads at most 30 snapshots an hour (each holds every redeemable code\'s hash); then TOO_MANY_ATTEMPTS', async () => {
    const product = await offlineProduct();
    const email = `gate-${randomUUID()}@example.com`;
    await api.admin.ok(`mutation($i: StaffCreateInput!) { staffCreate(input: $i) { errors { code } } }`, { i: { email, password: 'clerk3pass', name: '門市 3', role: 'TICKET_CLERK' } });
    const clerk3 = await api.client().login(email, 'clerk3pass');
    for (let i = 0; i < 30; i++) expect((await snapshotFor(clerk3, product.id)).errors).toEqual([]);
    const refused = await snapshotFor(clerk3, product.id);
    expect(refused.snapshot).toBeNull();
    expect(refused.errors.map((e: any) => e.code)).toEqual(['TOO_MANY_ATTEMPTS']);
    expect((await snapshotFor(clerk2, product.id)).errors).toEqual([]);
  });

  it('B7: snapshots are for staff with TICKETS_REDEEM: shoppers, anonymous callers and API keys are refused', async () => {
    const product = await offlineProduct();
    for (const client of [shopper, api.anonymous, await apiKey()]) expect(forbidden(await client.request(SNAPSHOT, { i: { productId: product.id, deviceId: 'x' } }))).toBe(true);
    expect((await snapshotFor(api.admin, product.id)).errors).toEqual([]);
  });
});

describe('offline sync (B7, R1, R5)', () => {
  it('B7/R1/R2: a synced redemption is applied like an online one: channel OFFLINE, quantity 1, the device and its time kept, a ledger entry', async () => {
    const product = await offlineProduct();
    const [code] = await paidCodes(product, [1]);
    const { snapshot } = await snapshotFor(api.clerk, product.id, 'gate-1');
    const offlineAt = new Date(Date.now() - 60_000);
    const first = item(code!, offlineAt);
    const result = await sync(api.clerk, snapshot.id, 'gate-1', [first]);
    expect(result).toEqual({ results: [{ idempotencyKey: first.idempotencyKey, outcome: 'REDEEMED', conflictId: null, reason: null, message: null }], retryAfterSeconds: null, errors: [] });
    const history = (await api.admin.ok(HISTORY, { c: code })).ticketCode;
    expect(history).toMatchObject({ redeemedQuantity: 1, remainingQuantity: 0, status: 'FULLY_REDEEMED' });
    expect(history.redemptions).toHaveLength(1);
    expect(history.redemptions[0]).toMatchObject({ quantity: 1, channel: 'OFFLINE', device: 'gate-1', redeemedBy: '林店員 Ticket Clerk', redeemedAt: offlineAt.toISOString() });
    expect(new Date(history.redemptions[0].createdAt).getTime()).toBeGreaterThan(offlineAt.getTime());
    const [ledger] = await sql(`select e.amount from ledger_entry e join ticket_code c on c.id = e.ticket_code_id where c.code = $1 and e.kind = 'REDEMPTION'`, [code]);
    expect(ledger.amount).toBe(300);
    const activity = (await api.admin.ok(ACTIVITY, { p: product.id })).offlineActivity.edges.map((e: any) => e.node);
    expect(activity[0]).toMatchObject({ kind: 'SYNC', snapshotId: snapshot.id, deviceId: 'gate-1', byName: '林店員 Ticket Clerk', entries: 1, redeemed: 1, alreadySynced: 0, conflicts: 0, refused: 0 });
  });

  it('R5/B7: a replayed sync answers ALREADY_SYNCED and redeems nothing more; B8: a key reused for another code is refused', async () => {
    const product = await offlineProduct();
    const [a, b, c] = await paidCodes(product, [1, 1, 1]);
    const { snapshot } = await snapshotFor(api.clerk, product.id);
    const items = [item(a!), item(b!)];
    expect((await sync(api.clerk, snapshot.id, 'gate-1', items)).results.map((r: any) => r.outcome)).toEqual(['REDEEMED', 'REDEEMED']);
    const replay = await sync(api.clerk, snapshot.id, 'gate-1', items);
    expect(replay.results.map((r: any) => [r.idempotencyKey, r.outcome])).toEqual(items.map((i) => [i.idempotencyKey, 'ALREADY_SYNCED']));
    const rows = await sql(`select c.redeemed_quantity, (select count(*)::int from redemption r where r.ticket_code_id = c.id) as n from ticket_code c where code = any($1)`, [[a, b]]);
    expect(rows).toEqual([
      { redeemed_quantity: 1, n: 1 },
      { redeemed_quantity: 1, n: 1 },
    ]);
    const reused = await sync(api.clerk, snapshot.id, 'gate-1', [{ ...items[0]!, code: c! }]);
    expect(reused.results[0]).toMatchObject({ outcome: 'REFUSED', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await redeemedOf(c!)).toBe(0);
  });

  it('R1/B7: the same code redeemed offline on two devices: the first sync redeems, the second is a CONFLICT with both devices and times; redeemed quantity 1', async () => {
    const product = await offlineProduct();
    const [code] = await paidCodes(product, [1]);
    const one = (await snapshotFor(api.clerk, product.id, 'north-gate')).snapshot;
    const two = (await snapshotFor(clerk2, product.id, 'south-gate')).snapshot;
    const northAt = new Date(Date.now() - 120_000);
    const southAt = new Date(Date.now() - 60_000);
    const north = await sync(api.clerk, one.id, 'north-gate', [item(code!, northAt)]);
    const southItem = item(code!, southAt);
    const south = await sync(clerk2, two.id, 'south-gate', [southItem]);
    expect(north.results[0].outcome).toBe('REDEEMED');
    expect(south.results[0]).toMatchObject({ outcome: 'CONFLICT', reason: null });
    expect(south.results[0].conflictId).toBeTruthy();
    const [row] = await sql(`select redeemed_quantity, status, (select count(*)::int from redemption r where r.ticket_code_id = c.id) as n from ticket_code c where code = $1`, [code]);
    expect(row).toEqual({ redeemed_quantity: 1, status: 'FULLY_REDEEMED', n: 1 });

    const conflicts = (await api.admin.ok(CONFLICTS, { r: false })).offlineConflicts.edges.map((e: any) => e.node);
    const conflict = conflicts.find((c: any) => c.id === south.results[0].conflictId);
    expect(conflict).toMatchObject({
      code,
      productId: product.id,
      variantName: '全票',
      winner: { deviceId: 'north-gate', clerkName: '林店員 Ticket Clerk', at: northAt.toISOString(), channel: 'OFFLINE' },
      loser: { deviceId: 'south-gate', clerkName: '王門市 Gate 2', at: southAt.toISOString(), channel: 'OFFLINE' },
      resolvedAt: null,
    });
    // The second device's retry: ALREADY_SYNCED, pointing at the same conflict, recorded once.
    const retry = await sync(clerk2, two.id, 'south-gate', [southItem]);
    expect(retry.results[0]).toMatchObject({ outcome: 'ALREADY_SYNCED', conflictId: conflict.id });
    expect(await sql(`select count(*)::int as n from offline_conflict where code = $1`, [code])).toEqual([{ n: 1 }]);

    // The admin resolves it with a note; the books do not change; a second resolve is refused.
    const resolved = await api.admin.ok(RESOLVE, { i: { id: conflict.id, note: '同一人於兩門重複掃描', resolution: 'SAME_HOLDER' } });
    expect(resolved.offlineConflictResolve.conflict).toMatchObject({ id: conflict.id, resolvedByName: expect.any(String), resolution: 'SAME_HOLDER', note: '同一人於兩門重複掃描' });
    expect((await api.admin.ok(RESOLVE, { i: { id: conflict.id } })).offlineConflictResolve.errors.map((e: any) => e.code)).toEqual(['ALREADY_RESOLVED']);
    expect((await api.admin.ok(RESOLVE, { i: { id: randomUUID() } })).offlineConflictResolve.errors.map((e: any) => e.code)).toEqual(['CONFLICT_NOT_FOUND']);
    expect((await api.admin.ok(CONFLICTS, { r: true })).offlineConflicts.edges.map((e: any) => e.node.id)).toContain(conflict.id);
    expect(await redeemedOf(code!)).toBe(1);
    // Clerks see neither the list nor the resolve.
    expect(forbidden(await api.clerk.request(CONFLICTS, {}))).toBe(true);
    expect(forbidden(await api.clerk.request(RESOLVE, { i: { id: conflict.id } }))).toBe(true);
  });

  it('R1/B7: two devices syncing the same codes at the same moment: for each code one REDEEMED and one CONFLICT, never over-redeemed', async () => {
    const product = await offlineProduct();
    const codes = await paidCodes(product, [1, 1, 1]);
    const one = (await snapshotFor(api.clerk, product.id, 'a')).snapshot;
    const two = (await snapshotFor(clerk2, product.id, 'b')).snapshot;
    const [x, y] = await Promise.all([sync(api.clerk, one.id, 'a', codes.map((c) => item(c))), sync(clerk2, two.id, 'b', codes.map((c) => item(c)))]);
    for (let i = 0; i < codes.length; i++) expect([x.results[i].outcome, y.results[i].outcome].sort()).toEqual(['CONFLICT', 'REDEEMED']);
    const rows = await sql(`select redeemed_quantity from ticket_code where code = any($1)`, [codes]);
    expect(rows.map((r) => r.redeemed_quantity)).toEqual([1, 1, 1]);
  });

  it('B7: a code redeemed online first and then offline is a CONFLICT whose winner is the online redemption', async () => {
    const product = await offlineProduct();
    const [code] = await paidCodes(product, [1]);
    const { snapshot } = await snapshotFor(api.clerk, product.id, 'gate-9');
    await clerk2.ok(`mutation($c: String!) { ticketCodeRedeem(input: { code: $c, channel: SCANNER, device: "box office" }) { errors { code } } }`, { c: code });
    const result = await sync(api.clerk, snapshot.id, 'gate-9', [item(code!)]);
    expect(result.results[0].outcome).toBe('CONFLICT');
    const [row] = await sql(`select winner_channel, winner_device, winner_name, loser_device from offline_conflict where id = $1`, [result.results[0].conflictId]);
    expect(row).toEqual({ winner_channel: 'SCANNER', winner_device: 'box office', winner_name: '王門市 Gate 2', loser_device: 'gate-9' });
  });

  it('B7: a multi-unit code in a sync is REFUSED (it needs the network) and redeems nothing; the last unit of a code may be redeemed offline', async () => {
    const product = await offlineProduct();
    const [multi, lastOne] = await paidCodes(product, [3, 2]);
    await api.clerk.ok(REDEEM_ONLINE, { c: lastOne });
    const { snapshot } = await snapshotFor(api.clerk, product.id);
    const result = await sync(api.clerk, snapshot.id, 'gate-1', [item(multi!), item(lastOne!)]);
    expect(result.results.map((r: any) => [r.outcome, r.reason])).toEqual([
      ['REFUSED', 'MULTI_UNIT_CODE'],
      ['REDEEMED', null],
    ]);
    expect(result.results[0].message).toBe('多張數的票券需連線核銷');
    expect(await redeemedOf(multi!)).toBe(0);
    expect(await redeemedOf(lastOne!)).toBe(2);
  });

  it("B7: codes of another product, unknown codes, void codes and times outside the snapshot's window are REFUSED", async () => {
    const product = await offlineProduct(2);
    const other = await offlineProduct();
    const [mine, refunded] = await paidCodes(product, [1, 1]);
    const [foreign] = await paidCodes(other, [1]);
    await sql(`update ticket_code set status = 'REFUNDED', refunded_quantity = quantity where code = $1`, [refunded]);
    const { snapshot } = await snapshotFor(api.clerk, product.id);
    const issued = new Date(snapshot.issuedAt).getTime();
    const result = await sync(api.clerk, snapshot.id, 'gate-1', [
      item(foreign!),
      item('ZZZZZZZZZZ'),
      item(refunded!),
      item(mine!, new Date(issued - 3600_000)),
      item(mine!, new Date(Date.now() + 3600_000)),
    ]);
    expect(result.results.map((r: any) => [r.outcome, r.reason])).toEqual([
      ['REFUSED', 'NOT_IN_SNAPSHOT'],
      ['REFUSED', 'CODE_NOT_FOUND'],
      ['REFUSED', 'CODE_VOID'],
      ['REFUSED', 'TIME_OUTSIDE_WINDOW'],
      ['REFUSED', 'TIME_OUTSIDE_WINDOW'],
    ]);
    expect(await redeemedOf(mine!)).toBe(0);
    expect(await redeemedOf(foreign!)).toBe(0);
    const activity = (await api.admin.ok(ACTIVITY, { p: product.id })).offlineActivity.edges.map((e: any) => e.node);
    expect(activity.find((a: any) => a.kind === 'SYNC')).toMatchObject({ snapshotId: snapshot.id, entries: 5, redeemed: 0, conflicts: 0, refused: 5 });
  });

  it('B7: a snapshot the server did not issue, or whose record was altered, is refused; so is one expired more than 24 h ago', async () => {
    const product = await offlineProduct(1);
    const [code] = await paidCodes(product, [1]);
    const forged = await sync(api.clerk, randomUUID(), 'gate-1', [item(code!)]);
    expect(forged.errors.map((e: any) => [e.code, e.field])).toEqual([['SNAPSHOT_NOT_FOUND', 'snapshotId']]);
    const { snapshot } = await snapshotFor(api.clerk, product.id);
    // Someone with database access stretches the window: the signature no longer matches.
    await sql(`update offline_snapshot set expires_at = expires_at + interval '30 days' where id = $1`, [snapshot.id]);
    expect((await sync(api.clerk, snapshot.id, 'gate-1', [item(code!)])).errors.map((e: any) => e.code)).toEqual(['SNAPSHOT_NOT_FOUND']);
    await sql(`update offline_snapshot set expires_at = expires_at - interval '30 days' where id = $1`, [snapshot.id]);
    // 1 h window + 24 h grace: at 26 h the sync is refused, nothing redeemed.
    const setClock = (now: Date) => api.admin.ok(`mutation($n: DateTime!) { testClockSet(input: { now: $n }) { now } }`, { n: now.toISOString() });
    try {
      await setClock(new Date(Date.now() + 26 * 3600_000));
      const late = await sync(api.clerk, snapshot.id, 'gate-1', [item(code!, new Date(snapshot.issuedAt))]);
      expect(late.errors.map((e: any) => e.code)).toEqual(['SNAPSHOT_EXPIRED']);
    } finally {
      await setClock(new Date());
    }
    expect(await redeemedOf(code!)).toBe(0);
    // Within the grace the same redemption goes through.
    expect((await sync(api.clerk, snapshot.id, 'gate-1', [item(code!, new Date(snapshot.issuedAt))])).results[0].outcome).toBe('REDEEMED');
  });

  it('B7: sync is for staff with TICKETS_REDEEM: shoppers, anonymous callers and API keys are refused; at most 200 a call; online redeem cannot claim OFFLINE', async () => {
    const product = await offlineProduct();
    const [code] = await paidCodes(product, [1]);
    const { snapshot } = await snapshotFor(api.clerk, product.id);
    for (const client of [shopper, api.anonymous, await apiKey()]) {
      expect(forbidden(await client.request(SYNC, { i: { snapshotId: snapshot.id, deviceId: 'x', redemptions: [item(code!)] } }))).toBe(true);
    }
    const tooMany = await sync(api.clerk, snapshot.id, 'gate-1', Array.from({ length: 201 }, () => item(code!)));
    expect(tooMany.errors.map((e: any) => [e.code, e.field])).toEqual([['INVALID_INPUT', 'redemptions']]);
    expect(await redeemedOf(code!)).toBe(0);
    const online = await api.clerk.ok(`mutation($c: String!) { ticketCodeRedeem(input: { code: $c, channel: OFFLINE }) { redemption { id } errors { code field } } }`, { c: code });
    expect(online.ticketCodeRedeem).toEqual({ redemption: null, errors: [{ code: 'INVALID_INPUT', field: 'channel' }] });
  });

  it('B7: the signing secret is made once and kept in the database, so a second API process verifies the first one\'s snapshots', async () => {
    const product = await offlineProduct();
    await paidCodes(product, [1]);
    await snapshotFor(api.clerk, product.id);
    expect(await sql(`select name, length(value) as n from server_secret`)).toEqual([{ name: 'offline_snapshot', n: 43 }]);
    const other = await startTestApi({ databaseUrl: api.app.config.databaseUrl });
    try {
      const [code] = await paidCodes(product, [1]);
      const { snapshot } = await snapshotFor(api.clerk, product.id);
      const clerk = await other.client().login('clerk@example.com', 'clerk1234');
      expect((await sync(clerk, snapshot.id, 'gate-1', [item(code!)])).results[0].outcome).toBe('REDEEMED');
    } finally {
      await other.close();
    }
  });
});
