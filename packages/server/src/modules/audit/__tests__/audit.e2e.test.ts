import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buy, createTicketProduct, parallel } from '../../../../e2e/fixtures.js';
import { forbidden, startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';
import { createSchema } from '../../../schema.js';
import { AUDITED_MUTATIONS, SELF_AUDITED_MUTATIONS } from '../audit-trail.js';

let api: TestApi;

const sql = async <T = any>(query: string, params: unknown[] = []): Promise<T[]> => api.app.orm.em.fork().getConnection().execute(query, params);

/** Every request of these tests comes "from" this address (the API believes X-Forwarded-For from loopback, its SPA proxy) and browser. */
const ADDRESS = '203.0.113.7';
const AGENT = 'AuditTest/1.0 (B5)';
const from = { 'x-forwarded-for': ADDRESS, 'user-agent': AGENT };

/** A call as an actor from ADDRESS with AGENT that must not fail at the GraphQL level. */
async function call<T = any>(actor: GqlClient, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await actor.request<T>(query, variables, from);
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}

const EVENTS = `query($f: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id action at ipAddress userAgent objectType objectId before after actor { type id name } changes { field before after } } }
  }
}`;

interface AuditNode {
  id: string;
  action: string;
  at: string;
  ipAddress: string | null;
  userAgent: string | null;
  objectType: string;
  objectId: string | null;
  before: string | null;
  after: string | null;
  actor: { type: string; id: string | null; name: string };
  changes: { field: string; before: string | null; after: string | null }[];
}

async function events(filter: Record<string, unknown>, first = 100): Promise<AuditNode[]> {
  const data = await api.admin.ok(EVENTS, { f: filter, first });
  return data.auditEvents.edges.map((e: { node: AuditNode }) => e.node);
}

/** The one event of this action on this object (newest first). */
async function eventOf(action: string, objectId: string): Promise<AuditNode> {
  const found = await events({ action, objectId });
  expect(found.length).toBeGreaterThan(0);
  return found[0]!;
}

const changed = (e: AuditNode) => Object.fromEntries(e.changes.map((c) => [c.field, [c.before && JSON.parse(c.before), c.after && JSON.parse(c.after)]]));

let adminId: string;

beforeAll(async () => {
  api = await startTestApi();
  adminId = (await api.admin.ok(`{ viewer { id } }`)).viewer.id;
  await api.admin.ok(`mutation { settingsUpdate(input: { autoCloseDays: 365 }) { errors { code } } }`);
});
afterAll(async () => {
  await api?.close();
});

const STAFF_CREATE = `mutation($i: StaffCreateInput!) { staffCreate(input: $i) { staff { id } errors { code message } } }`;

async function newStaff(role: 'ADMIN' | 'TICKET_CLERK', permissions?: string[]): Promise<{ id: string; email: string; client: GqlClient }> {
  const email = `staff-${randomUUID().slice(0, 8)}@example.com`;
  const data = await call(api.admin, STAFF_CREATE, { i: { email, password: 'password123', name: `員工 ${email.slice(6, 10)}`, role, ...(permissions ? { permissions } : {}) } });
  expect(data.staffCreate.errors).toEqual([]);
  return { id: data.staffCreate.staff.id, email, client: await api.client().login(email, 'password123') };
}

/** Every recorded event is by the admin from ADDRESS with AGENT. */
function byAdminFromAddress(e: AuditNode) {
  expect(e.actor).toEqual({ type: 'USER', id: adminId, name: expect.any(String) });
  expect(e.ipAddress).toBe(ADDRESS);
  expect(e.userAgent).toBe(AGENT);
  expect(new Date(e.at).getTime()).toBeGreaterThan(0);
}

describe('B5: every privileged action is in the audit log, with who, when, from where and the fields before and after', () => {
  it('B5: staff created, permissions changed, disabled and enabled again: before/after, actor, address, user agent; never the password hash', async () => {
    const staff = await newStaff('ADMIN', ['ORDERS_READ']);
    const created = await eventOf('staff.create', staff.id);
    byAdminFromAddress(created);
    expect(created.objectType).toBe('staff');
    expect(created.before).toBeNull();
    expect(JSON.parse(created.after!)).toMatchObject({ email: staff.email, role: 'ADMIN', permissions: ['ORDERS_READ'], disabledAt: null });

    await call(api.admin, `mutation($i: StaffUpdatePermissionsInput!) { staffUpdatePermissions(input: $i) { errors { code } } }`, {
      i: { staffId: staff.id, permissions: ['ORDERS_READ', 'REPORTS_READ'] },
    });
    const updated = await eventOf('staff.permissions.update', staff.id);
    byAdminFromAddress(updated);
    expect(changed(updated)).toEqual({ permissions: [['ORDERS_READ'], ['ORDERS_READ', 'REPORTS_READ']] });

    await call(api.admin, `mutation($i: StaffDisableInput!) { staffDisable(input: $i) { errors { code } } }`, { i: { staffId: staff.id } });
    const disabled = await eventOf('staff.disable', staff.id);
    expect(changed(disabled).disabledAt![0]).toBeNull();
    expect(changed(disabled).disabledAt![1]).toEqual(expect.any(String));
    await call(api.admin, `mutation($i: StaffEnableInput!) { staffEnable(input: $i) { errors { code } } }`, { i: { staffId: staff.id } });
    const enabled = await eventOf('staff.enable', staff.id);
    expect(changed(enabled).disabledAt![1]).toBeNull();

    // No hash, no password, anywhere in the log.
    const [{ text }] = await sql(`select string_agg(coalesce(before::text, '') || coalesce(after::text, ''), ' ') as text from audit_event`);
    expect(text).not.toMatch(/argon2|password123/);
  });

  it('B5: API keys created and revoked; the secret and its hash are never recorded', async () => {
    const data = await call(api.admin, `mutation { apiKeyCreate(input: { name: "CRM", scopes: ["orders:read"] }) { secret apiKey { id } errors { code } } }`);
    const { secret, apiKey } = data.apiKeyCreate;
    const created = await eventOf('api_key.create', apiKey.id);
    byAdminFromAddress(created);
    expect(JSON.parse(created.after!)).toMatchObject({ name: 'CRM', scopes: ['orders:read'], revokedAt: null, prefix: expect.any(String) });
    await call(api.admin, `mutation($i: ApiKeyRevokeInput!) { apiKeyRevoke(input: $i) { errors { code } } }`, { i: { apiKeyId: apiKey.id } });
    const revoked = await eventOf('api_key.revoke', apiKey.id);
    expect(changed(revoked).revokedAt![0]).toBeNull();
    const [{ secret_hash: hash }] = await sql(`select secret_hash from api_key where id = ?`, [apiKey.id]);
    const [{ n }] = await sql(`select count(*)::int as n from audit_event where before::text like ? or after::text like ? or before::text like ? or after::text like ?`, [
      `%${secret}%`,
      `%${secret}%`,
      `%${hash}%`,
      `%${hash}%`,
    ]);
    expect(n).toBe(0);
  });

  it('B5: settings, products and prices, purchase-limit groups, mix-and-match discounts, referrers', async () => {
    await call(api.admin, `mutation { settingsUpdate(input: { autoCloseDays: 200, ticketFeeBasisPoints: 450 }) { errors { code } } }`);
    const settings = await eventOf('settings.update', '1');
    byAdminFromAddress(settings);
    expect(changed(settings)).toEqual({ autoCloseDays: [365, 200], ticketFeeBasisPoints: [500, 450] });
    await call(api.admin, `mutation { settingsUpdate(input: { autoCloseDays: 365, ticketFeeBasisPoints: 500 }) { errors { code } } }`);

    const product = await createTicketProduct(api, [{ name: '全票', price: 200, stock: 10 }]);
    const created = await eventOf('product.create', product.id);
    expect(JSON.parse(created.after!)).toMatchObject({ kind: 'TICKET', status: 'ACTIVE', variants: [expect.objectContaining({ name: '全票', price: 200, stock: 10 })] });
    const variantId = product.variants[0]!.id;
    await call(api.admin, `mutation($i: ProductUpdateInput!) { productUpdate(input: $i) { errors { code } } }`, {
      i: { id: product.id, title: '新名稱', status: 'ACTIVE', variants: [{ id: variantId, name: '全票', price: 250, stock: 10 }] },
    });
    const updated = await eventOf('product.update', product.id);
    byAdminFromAddress(updated);
    expect(changed(updated).title![1]).toBe('新名稱');
    expect(changed(updated).variants![0][0].price).toBe(200);
    expect(changed(updated).variants![1][0].price).toBe(250);
    await call(api.admin, `mutation($i: ProductOfflineSettingsUpdateInput!) { productOfflineSettingsUpdate(input: $i) { errors { code } } }`, {
      i: { productId: product.id, enabled: true },
    });
    expect(changed(await eventOf('product.offline_settings.update', product.id))).toEqual({ offlineRedemption: [false, true] });

    const group = await call(api.admin, `mutation($i: PurchaseLimitGroupCreateInput!) { purchaseLimitGroupCreate(input: $i) { purchaseLimitGroup { id } errors { code } } }`, {
      i: { name: '每人限 2', maxQuantity: 2, variantIds: [variantId] },
    });
    const groupEvent = await eventOf('purchase_limit_group.create', group.purchaseLimitGroupCreate.purchaseLimitGroup.id);
    expect(JSON.parse(groupEvent.after!)).toEqual({ name: '每人限 2', maxQuantity: 2, variantIds: [variantId] });
    const discount = await call(api.admin, `mutation($i: MixMatchDiscountCreateInput!) { mixMatchDiscountCreate(input: $i) { mixMatchDiscount { id } errors { code } } }`, {
      i: { name: '任選 2 張 300', requiredQuantity: 2, fixedPrice: 300, variantIds: [variantId] },
    });
    const discountEvent = await eventOf('mix_match_discount.create', discount.mixMatchDiscountCreate.mixMatchDiscount.id);
    expect(JSON.parse(discountEvent.after!)).toMatchObject({ name: '任選 2 張 300', requiredQuantity: 2, fixedPrice: 300, active: true });
    const referrer = await call(api.admin, `mutation($i: ReferrerCreateInput!) { referrerCreate(input: $i) { referrer { id } errors { code } } }`, {
      i: { name: '部落客', code: `R${randomUUID().slice(0, 6)}`, commissionBasisPoints: 1000 },
    });
    expect(JSON.parse((await eventOf('referrer.create', referrer.referrerCreate.referrer.id)).after!)).toMatchObject({ name: '部落客', commissionBasisPoints: 1000 });

    await call(api.admin, `mutation($i: ProductArchiveInput!) { productArchive(input: $i) { errors { code } } }`, { i: { id: product.id } });
    expect(changed(await eventOf('product.archive', product.id)).status).toEqual(['ACTIVE', 'ARCHIVED']);
  });

  it('B5: purchase-limit groups and mix-and-match discounts changed and deleted, a product copied, an API key changed', async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 200, stock: 10 }]);
    const variantId = product.variants[0]!.id;
    const group = (await call(api.admin, `mutation($i: PurchaseLimitGroupCreateInput!) { purchaseLimitGroupCreate(input: $i) { purchaseLimitGroup { id } errors { code } } }`, {
      i: { name: '限 2', maxQuantity: 2, variantIds: [variantId] },
    })).purchaseLimitGroupCreate.purchaseLimitGroup.id;
    await call(api.admin, `mutation($i: PurchaseLimitGroupUpdateInput!) { purchaseLimitGroupUpdate(input: $i) { errors { code } } }`, { i: { id: group, name: '限 3', maxQuantity: 3, variantIds: [variantId] } });
    expect(changed(await eventOf('purchase_limit_group.update', group))).toEqual({ name: ['限 2', '限 3'], maxQuantity: [2, 3] });
    await call(api.admin, `mutation($i: PurchaseLimitGroupDeleteInput!) { purchaseLimitGroupDelete(input: $i) { errors { code } } }`, { i: { id: group } });
    const groupDeleted = await eventOf('purchase_limit_group.delete', group);
    expect(JSON.parse(groupDeleted.before!)).toMatchObject({ name: '限 3', maxQuantity: 3 });
    expect(groupDeleted.after).toBeNull();

    const discount = (await call(api.admin, `mutation($i: MixMatchDiscountCreateInput!) { mixMatchDiscountCreate(input: $i) { mixMatchDiscount { id } errors { code } } }`, {
      i: { name: '任選 2', requiredQuantity: 2, fixedPrice: 300, variantIds: [variantId] },
    })).mixMatchDiscountCreate.mixMatchDiscount.id;
    await call(api.admin, `mutation($i: MixMatchDiscountUpdateInput!) { mixMatchDiscountUpdate(input: $i) { errors { code } } }`, {
      i: { id: discount, name: '任選 2', requiredQuantity: 2, fixedPrice: 280, variantIds: [variantId], active: false },
    });
    expect(changed(await eventOf('mix_match_discount.update', discount))).toEqual({ fixedPrice: [300, 280], active: [true, false] });
    await call(api.admin, `mutation($i: MixMatchDiscountDeleteInput!) { mixMatchDiscountDelete(input: $i) { errors { code } } }`, { i: { id: discount } });
    expect((await eventOf('mix_match_discount.delete', discount)).after).toBeNull();

    const copy = (await call(api.admin, `mutation($i: ProductDuplicateInput!) { productDuplicate(input: $i) { product { id } errors { code } } }`, { i: { id: product.id } })).productDuplicate.product.id;
    expect(JSON.parse((await eventOf('product.duplicate', copy)).after!)).toMatchObject({ status: 'DRAFT', duplicatedFrom: product.id });

    const key = (await call(api.admin, `mutation { apiKeyCreate(input: { name: "BI", scopes: ["orders:read"] }) { apiKey { id } } }`)).apiKeyCreate.apiKey.id;
    await call(api.admin, `mutation($i: ApiKeyUpdateInput!) { apiKeyUpdate(input: $i) { errors { code } } }`, { i: { id: key, name: 'BI 報表', scopes: ['orders:read', 'reports:read'] } });
    expect(changed(await eventOf('api_key.update', key))).toEqual({ name: ['BI', 'BI 報表'], scopes: [['orders:read'], ['orders:read', 'reports:read']] });
  });

  it('B5: order state moves, a refund and a cancel, with the refund in the after-state', async () => {
    const shopper = await api.newShopper();
    const product = await createTicketProduct(api, [{ name: '全票', price: 300, stock: 10 }]);
    const paidAt = new Date(Date.now() - 3 * 86400_000);
    await api.admin.ok(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: paidAt.toISOString() });
    const refunded = (await buy(shopper, [{ variantId: product.variants[0]!.id, quantity: 2 }])).order;
    const cancelled = (await buy(shopper, [{ variantId: product.variants[0]!.id, quantity: 1 }])).order;
    await api.admin.ok(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: new Date().toISOString() });

    await call(api.admin, `mutation($id: ID!) { orderMarkReturning(input: { orderId: $id }) { errors { code } } }`, { id: refunded.id });
    expect(changed(await eventOf('order.mark_returning', refunded.id)).status).toEqual(['PAID', 'RETURNING']);
    await call(api.admin, `mutation($id: ID!) { orderMarkReturnReview(input: { orderId: $id }) { errors { code } } }`, { id: refunded.id });
    expect(changed(await eventOf('order.mark_return_review', refunded.id)).status).toEqual(['RETURNING', 'RETURN_REVIEW']);
    const refund = await call(api.admin, `mutation($i: OrderRefundInput!) { orderRefund(input: $i) { errors { code } } }`, {
      i: { orderId: refunded.id, codes: [refunded.lines[0].codes[0].code], reason: '顧客要求', idempotencyKey: randomUUID() },
    });
    expect(refund.orderRefund.errors).toEqual([]);
    const refundEvent = await eventOf('order.refund', refunded.id);
    byAdminFromAddress(refundEvent);
    expect(changed(refundEvent).status).toEqual(['RETURN_REVIEW', 'PARTIALLY_REFUNDED']);
    expect(changed(refundEvent).refund![1]).toMatchObject({ amount: 600, reason: '顧客要求', codes: [{ code: refunded.lines[0].codes[0].code, quantity: 2, amount: 600 }] });

    await call(api.admin, `mutation($i: OrderCancelInput!) { orderCancel(input: $i) { errors { code } } }`, { i: { orderId: cancelled.id, idempotencyKey: randomUUID() } });
    const cancelEvent = await eventOf('order.cancel', cancelled.id);
    expect(changed(cancelEvent).status).toEqual(['PAID', 'CANCELLED']);
  });

  it('B5: webhook endpoints created, updated (secret rotated), deleted; the secret is never recorded', async () => {
    const created = await call(api.admin, `mutation($i: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $i) { endpoint { id } secret errors { code message } } }`, {
      i: { url: 'http://localhost:9/hook', events: ['order.paid'] },
    });
    expect(created.webhookEndpointCreate.errors).toEqual([]);
    const id = created.webhookEndpointCreate.endpoint.id;
    expect(JSON.parse((await eventOf('webhook_endpoint.create', id)).after!)).toMatchObject({ url: 'http://localhost:9/hook', events: ['order.paid'], enabled: true });
    const rotated = await call(api.admin, `mutation($i: WebhookEndpointUpdateInput!) { webhookEndpointUpdate(input: $i) { secret errors { code } } }`, {
      i: { id, events: ['order.paid', 'ticket_code.redemption_reversed'], rotateSecret: true },
    });
    const updated = await eventOf('webhook_endpoint.update', id);
    expect(changed(updated).events).toEqual([['order.paid'], ['order.paid', 'ticket_code.redemption_reversed']]);
    expect(changed(updated).rotationGraceUntil![1]).toEqual(expect.any(String));
    await call(api.admin, `mutation($i: WebhookEndpointDeleteInput!) { webhookEndpointDelete(input: $i) { errors { code } } }`, { i: { id } });
    const deleted = await eventOf('webhook_endpoint.delete', id);
    expect(deleted.after).toBeNull();
    const secrets = [created.webhookEndpointCreate.secret, rotated.webhookEndpointUpdate.secret];
    for (const secret of secrets) {
      const [{ n }] = await sql(`select count(*)::int as n from audit_event where coalesce(before::text, '') || coalesce(after::text, '') like ?`, [`%${secret.slice(6, 30)}%`]);
      expect(n).toBe(0);
    }
  });

  it("B5: a clerk's offline snapshot is recorded by the clerk (never its hash key or signature)", async () => {
    const product = await createTicketProduct(api, [{ name: '全票', price: 100, stock: 10 }]);
    await api.admin.ok(`mutation($i: ProductOfflineSettingsUpdateInput!) { productOfflineSettingsUpdate(input: $i) { errors { code } } }`, { i: { productId: product.id, enabled: true } });
    const data = await call(api.clerk, `mutation($i: OfflineSnapshotCreateInput!) { offlineSnapshotCreate(input: $i) { snapshot { id hashKey signature } errors { code } } }`, {
      i: { productId: product.id, deviceId: 'gate-2' },
    });
    const { id, hashKey, signature } = data.offlineSnapshotCreate.snapshot;
    const event = await eventOf('offline_snapshot.create', id);
    expect(event.actor).toMatchObject({ type: 'USER', name: expect.any(String) });
    expect(event.actor.id).not.toBe(adminId);
    expect(JSON.parse(event.after!)).toMatchObject({ productId: product.id, deviceId: 'gate-2', entryCount: 0 });
    expect(event.after).not.toContain(hashKey);
    expect(event.after).not.toContain(signature);
  });

  it('B5: a refused action (typed errors) records nothing', async () => {
    const before = (await api.admin.ok(EVENTS, { f: { action: 'settings.update' } })).auditEvents.totalCount;
    const data = await call(api.admin, `mutation { settingsUpdate(input: { autoCloseDays: 0 }) { errors { code } } }`);
    expect(data.settingsUpdate.errors.map((e: { code: string }) => e.code)).toEqual(['INVALID_AUTO_CLOSE_DAYS']);
    expect((await api.admin.ok(EVENTS, { f: { action: 'settings.update' } })).auditEvents.totalCount).toBe(before);
  });
});

describe('B5: staff sign-ins and failed sign-ins (not shoppers\')', () => {
  const LOGIN = `mutation($i: AuthLoginInput!) { authLogin(input: $i) { token errors { code } } }`;

  it('B5: a staff sign-in is recorded as the account signing in, from its address and browser', async () => {
    const staff = await newStaff('TICKET_CLERK');
    await api.client().request(LOGIN, { i: { email: staff.email, password: 'password123', app: 'CLERK' } }, from);
    const event = await eventOf('staff.sign_in', staff.id);
    expect(event.actor).toEqual({ type: 'USER', id: staff.id, name: expect.any(String) });
    expect(event.ipAddress).toBe(ADDRESS);
    expect(event.userAgent).toBe(AGENT);
    expect(JSON.parse(event.after!)).toEqual({ app: 'CLERK', role: 'TICKET_CLERK' });
  });

  it('B5: a failed staff sign-in is recorded though the sign-in rolls back; an unknown email on the admin app too; a shopper\'s is not', async () => {
    const staff = await newStaff('ADMIN', ['ORDERS_READ']);
    const wrong = await api.client().request(LOGIN, { i: { email: staff.email, password: 'wrong-password', app: 'ADMIN' } }, from);
    expect(wrong.data.authLogin.errors).toEqual([{ code: 'INVALID_CREDENTIALS' }]);
    const failed = await eventOf('staff.sign_in.failed', staff.id);
    expect(failed.actor).toEqual({ type: 'USER', id: staff.id, name: expect.any(String) });
    expect(failed.ipAddress).toBe(ADDRESS);
    expect(failed.userAgent).toBe(AGENT);
    expect(JSON.parse(failed.after!)).toEqual({ app: 'ADMIN', reason: 'INVALID_CREDENTIALS', identifier: staff.email });
    expect(failed.after).not.toContain('wrong-password');

    const unknown = `nobody-${randomUUID().slice(0, 8)}@example.com`;
    await api.client().request(LOGIN, { i: { email: unknown, password: 'x', app: 'ADMIN' } }, from);
    const [anonymous] = (await events({ action: 'staff.sign_in.failed' })).filter((e) => e.actor.name === unknown);
    expect(anonymous).toMatchObject({ actor: { type: 'ANONYMOUS', id: null, name: unknown }, objectType: 'account', objectId: null });

    const shopper = await api.newShopper();
    const count = async () => (await sql(`select count(*)::int as n from audit_event where actor_name = ? or after->>'identifier' = ?`, ['測試買家', shopper.email]))[0].n;
    const beforeShopper = await count();
    await api.client().request(LOGIN, { i: { email: shopper.email, password: 'password123', app: 'SHOP' } }, from);
    await api.client().request(LOGIN, { i: { email: shopper.email, password: 'wrong-password', app: 'SHOP' } }, from);
    expect(await count()).toBe(beforeShopper);
  });
});

describe('B5: the audit log is append-only in the database', () => {
  it('B5: UPDATE, DELETE and TRUNCATE of audit_event are refused for the application (through its own pool)', async () => {
    const [{ n }] = await sql(`select count(*)::int as n from audit_event`);
    expect(n).toBeGreaterThan(0);
    const pool = api.app.pool;
    await expect(pool.query(`update audit_event set actor_name = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`update audit_event set after = null where id = (select max(id) from audit_event)`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`delete from audit_event`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`delete from audit_event where id = (select min(id) from audit_event)`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`truncate audit_event`)).rejects.toThrow(/append-only/);
    // And through the ORM's connection, as a service would.
    await expect(api.app.orm.em.fork().getConnection().execute(`delete from audit_event`)).rejects.toThrow(/append-only/);
    expect((await sql(`select count(*)::int as n from audit_event`))[0].n).toBe(n);
    // Appending still works.
    await pool.query(`insert into audit_event (at, action, actor_type, actor_name, object_type) values (now(), 'test.append', 'ANONYMOUS', '', 'test')`);
  });
});

describe('B5: auditEvents (filters, paging, AUDIT_READ) and the CSV export', () => {
  let staff: { id: string; email: string; client: GqlClient };

  beforeAll(async () => {
    staff = await newStaff('ADMIN', ['CATALOG_MANAGE', 'SETTINGS_MANAGE']);
    // Five actions by this admin, in order, after its sign-in (newStaff signs it in).
    for (let i = 0; i < 3; i++) await call(staff.client, `mutation($d: Int!) { settingsUpdate(input: { autoCloseDays: $d }) { errors { code } } }`, { d: 300 + i });
    await createTicketProductAs(staff.client);
    await createTicketProductAs(staff.client);
  });

  async function createTicketProductAs(client: GqlClient) {
    await call(client, `mutation($i: ProductCreateInput!) { productCreate(input: $i) { errors { code } } }`, {
      i: { kind: 'TICKET', title: `審計 ${randomUUID().slice(0, 4)}`, status: 'DRAFT', variants: [{ name: '全票', price: 100 }] },
    });
  }

  it('B5: filters by actor, action (exact and prefix), object and time; newest first', async () => {
    const mine = await events({ actorId: staff.id });
    expect(mine.map((e) => e.action)).toEqual(['product.create', 'product.create', 'settings.update', 'settings.update', 'settings.update', 'staff.sign_in']);
    expect(mine.every((e) => e.actor.id === staff.id)).toBe(true);
    const times = mine.map((e) => new Date(e.at).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await events({ actorId: staff.id, action: 'settings.update' })).length).toBe(3);
    expect((await events({ actorId: staff.id, action: 'product.' })).length).toBe(2);
    expect((await events({ actorId: staff.id, action: 'product*' })).length).toBe(2);
    expect((await events({ actorId: staff.id, objectType: 'settings', objectId: '1' })).length).toBe(3);
    const oldest = mine.at(-2)!;
    const newest = mine[0]!;
    expect((await events({ actorId: staff.id, from: newest.at })).map((e) => e.id)).toContain(newest.id);
    expect((await events({ actorId: staff.id, to: newest.at })).map((e) => e.id)).not.toContain(newest.id);
    expect((await events({ actorId: staff.id, from: oldest.at, to: new Date(new Date(oldest.at).getTime() + 1).toISOString() })).map((e) => e.id)).toEqual([oldest.id]);
    expect(await events({ actorId: randomUUID() })).toEqual([]);
    // The actor and action choices of the admin page.
    const choices = await api.admin.ok(`{ auditActors { type id name } auditActions }`);
    expect(choices.auditActors).toContainEqual({ type: 'USER', id: staff.id, name: expect.any(String) });
    expect(choices.auditActions).toEqual(expect.arrayContaining(['settings.update', 'product.create', 'staff.create']));
  });

  it('B5: pages by cursor, without overlap, stable while new events arrive, with the total', async () => {
    const page1 = (await api.admin.ok(EVENTS, { f: { actorId: staff.id }, first: 2 })).auditEvents;
    expect(page1.totalCount).toBe(6);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    // A new event by this admin arrives between pages: the next page goes on where the first ended.
    await call(staff.client, `mutation { settingsUpdate(input: { autoCloseDays: 365 }) { errors { code } } }`);
    const page2 = (await api.admin.ok(EVENTS, { f: { actorId: staff.id }, first: 2, after: page1.pageInfo.endCursor })).auditEvents;
    const page3 = (await api.admin.ok(EVENTS, { f: { actorId: staff.id }, first: 2, after: page2.pageInfo.endCursor })).auditEvents;
    const ids = [...page1.edges, ...page2.edges, ...page3.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(new Set(ids).size).toBe(6);
    expect(page3.pageInfo.hasNextPage).toBe(false);
    expect(page2.totalCount).toBe(7);
  });

  it('B5: auditEvents is forbidden without AUDIT_READ: clerk, shopper, an admin without it, an API key with every scope, anonymous', async () => {
    const keys = await api.admin.ok(`mutation { apiKeyCreate(input: { name: "all", scopes: ["tickets:read", "tickets:redeem", "orders:read", "catalog:write", "reports:read", "webhooks:manage"] }) { secret } }`);
    const integrator = api.client();
    integrator.token = keys.apiKeyCreate.secret;
    for (const actor of [api.clerk, api.shopper, staff.client, integrator, api.anonymous]) {
      expect(forbidden(await actor.request(EVENTS, {}))).toBe(true);
      expect(forbidden(await actor.request(`{ auditActors { id } }`))).toBe(true);
      expect(forbidden(await actor.request(`{ auditActions }`))).toBe(true);
    }
    // Admins get AUDIT_READ; a clerk's fixed set never has it.
    expect((await api.admin.ok(`{ viewer { permissions } }`)).viewer.permissions).toContain('AUDIT_READ');
    expect((await api.clerk.ok(`{ viewer { permissions } }`)).viewer.permissions).not.toContain('AUDIT_READ');
  });

  it('B5: GET /exports/audit.csv streams the filtered log (UTF-8 BOM, zh-TW headers) for AUDIT_READ only', async () => {
    const url = `${api.url}/exports/audit.csv?actorId=${staff.id}&action=settings.update`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${api.admin.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-\d{8}-\d{4}\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
    expect(lines[0]).toBe('時間 Time (Asia/Taipei),操作 Action,操作者類型 Actor type,操作者 Actor,操作者編號 Actor id,IP 位址 Address,使用者代理 User agent,物件類型 Object type,物件編號 Object id,變更內容 Changes');
    expect(lines.length).toBe(1 + 4);
    expect(lines.slice(1).every((l) => l.includes(',settings.update,USER,') && l.includes(staff.id) && l.includes(ADDRESS) && l.includes(AGENT))).toBe(true);
    expect(lines[1]).toContain('autoCloseDays: 302 → 365');

    // The whole log streams too (more rows than one batch of the reader).
    await parallel(4, async () => {
      for (let i = 0; i < 150; i++) await api.app.pool.query(`insert into audit_event (at, action, actor_type, actor_name, object_type) values (now(), 'test.bulk', 'ANONYMOUS', '', 'test')`);
    });
    const all = await fetch(`${api.url}/exports/audit.csv?action=test.bulk`, { headers: { authorization: `Bearer ${api.admin.token}` } });
    expect((await all.text()).trim().split('\r\n').length).toBe(1 + 600);

    expect((await fetch(url, { headers: { authorization: `Bearer ${staff.client.token}` } })).status).toBe(403);
    expect((await fetch(url, { headers: { authorization: `Bearer ${api.clerk.token}` } })).status).toBe(403);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${api.url}/exports/audit.csv?actorId=nope`, { headers: { authorization: `Bearer ${api.admin.token}` } })).status).toBe(400);
    expect((await fetch(`${api.url}/exports/audit.csv?from=yesterday`, { headers: { authorization: `Bearer ${api.admin.token}` } })).status).toBe(400);
  });
});

/** Mutations that are not privileged actions, and why: each is a record of its own, or a shopper's or anonymous caller's. */
const NOT_AUDITED: Record<string, string> = {
  customerRegister: "a shopper's own account",
  authLogout: 'ends the caller\'s own session',
  passwordResetRequest: 'anonymous; only queues a mail (its completion is audited for staff)',
  checkoutComplete: "a shopper's order, with its payment record",
  ticketCodeSplit: "a shopper's own code (X1)",
  ticketCodeRedeem: 'R2: every redemption is recorded with who, when, channel and device',
  ticketCodeOfflineSync: 'B7: each redemption is recorded (R2) and the sync in offlineActivity',
  orderMessageCreate: 'the inquiry thread is its own record (F1)',
  orderMessagesMarkRead: 'marks messages read, changes nothing else',
};

describe('B5: no privileged mutation escapes the audit log', () => {
  it('B5: every mutation of the schema is audited, audits itself, or is listed as not privileged with a reason', async () => {
    const schema = await createSchema({ testClock: false });
    const unclassified = Object.keys(schema.getMutationType()!.getFields()).filter(
      (name) => !AUDITED_MUTATIONS[name] && !(SELF_AUDITED_MUTATIONS as readonly string[]).includes(name) && !NOT_AUDITED[name],
    );
    expect(unclassified).toEqual([]);
    for (const name of [...Object.keys(AUDITED_MUTATIONS), ...SELF_AUDITED_MUTATIONS]) expect(schema.getMutationType()!.getFields()[name], name).toBeDefined();
  });
});
