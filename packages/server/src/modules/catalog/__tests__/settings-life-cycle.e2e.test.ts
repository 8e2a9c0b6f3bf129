import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminWith, apiKeyWith } from '../../../../e2e/actors.js';
import { buy, createTicketProduct, PRODUCT_CREATE } from '../../../../e2e/fixtures.js';
import { forbidden, startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';

const GROUP_CREATE = `mutation($i: PurchaseLimitGroupCreateInput!) { purchaseLimitGroupCreate(input: $i) { purchaseLimitGroup { id } errors { code } } }`;
const GROUP_UPDATE = `mutation($i: PurchaseLimitGroupUpdateInput!) { purchaseLimitGroupUpdate(input: $i) { purchaseLimitGroup { id name maxQuantity variants { id } } errors { code field message } } }`;
const GROUP_DELETE = `mutation($i: PurchaseLimitGroupDeleteInput!) { purchaseLimitGroupDelete(input: $i) { deletedId errors { code field message } } }`;
const DISCOUNT_CREATE = `mutation($i: MixMatchDiscountCreateInput!) { mixMatchDiscountCreate(input: $i) { mixMatchDiscount { id } errors { code } } }`;
const DISCOUNT_UPDATE = `mutation($i: MixMatchDiscountUpdateInput!) { mixMatchDiscountUpdate(input: $i) { mixMatchDiscount { id name requiredQuantity fixedPrice percentOff active variants { id } } errors { code field message } } }`;
const DISCOUNT_DELETE = `mutation($i: MixMatchDiscountDeleteInput!) { mixMatchDiscountDelete(input: $i) { deletedId errors { code field message } } }`;
const DUPLICATE = `mutation($i: ProductDuplicateInput!) { productDuplicate(input: $i) { product { id title status kind terms variants { id name price stockAvailable } } errors { code field message } } }`;
const KEY_UPDATE = `mutation($i: ApiKeyUpdateInput!) { apiKeyUpdate(input: $i) { apiKey { id name scopes prefix } errors { code field message } } }`;
const ORDER = `query($id: ID!) { order(id: $id) { id status subtotal discount total lines { unitPrice discountShare amountPaid quantity codes { code quantity } } } }`;

let api: TestApi;
let shopper: GqlClient;

const codes = (errors: { code: string }[]) => errors.map((e) => e.code);

beforeAll(async () => {
  api = await startTestApi();
  shopper = await api.newShopper();
});
afterAll(async () => {
  await api?.close();
});

async function group(maxQuantity: number, variantIds: string[]) {
  const data = await api.admin.ok(GROUP_CREATE, { i: { name: `限購 ${randomUUID().slice(0, 4)}`, maxQuantity, variantIds } });
  expect(data.purchaseLimitGroupCreate.errors).toEqual([]);
  return data.purchaseLimitGroupCreate.purchaseLimitGroup.id as string;
}

describe('C2: purchase-limit groups can be changed and deleted; past orders keep what they bought', () => {
  it('C2: lowering the limit leaves a past order as it was and refuses new checkouts over it; other ticket types can be put in the group', async () => {
    const p = await createTicketProduct(api, [
      { name: '早鳥票', price: 200, stock: 100 },
      { name: '全票', price: 300, stock: 100 },
    ]);
    const [early, full] = p.variants;
    const id = await group(4, [early!.id]);
    const past = await buy(shopper, [{ variantId: early!.id, quantity: 3 }]);
    expect(past.errors).toEqual([]);

    const updated = await api.admin.ok(GROUP_UPDATE, { i: { id, name: ' 音樂會限購 ', maxQuantity: 3, variantIds: [early!.id, full!.id] } });
    expect(updated.purchaseLimitGroupUpdate.errors).toEqual([]);
    expect(updated.purchaseLimitGroupUpdate.purchaseLimitGroup).toMatchObject({ id, name: '音樂會限購', maxQuantity: 3 });
    expect(updated.purchaseLimitGroupUpdate.purchaseLimitGroup.variants.map((v: any) => v.id).sort()).toEqual([early!.id, full!.id].sort());

    const order = (await api.admin.ok(ORDER, { id: past.order.id })).order;
    expect(order).toMatchObject({ status: 'PAID', total: 600, lines: [{ quantity: 3, unitPrice: 200, amountPaid: 600, codes: [{ quantity: 3 }] }] });
    // The group now counts the other ticket type too: 3 held, so one more of either is over the limit.
    const refused = await buy(shopper, [{ variantId: full!.id, quantity: 1 }]);
    expect(codes(refused.errors)).toEqual(['PURCHASE_LIMIT_EXCEEDED']);
    expect(refused.errors[0]!.message).toContain('音樂會限購');
  });

  it('C2: update refusals are typed: unknown group, blank name, a limit below 1, unknown or mixed ticket types; nothing changes', async () => {
    const ticket = await createTicketProduct(api);
    const goods = await api.admin.ok(PRODUCT_CREATE, { i: { kind: 'GOODS', title: '馬克杯', status: 'ACTIVE', variants: [{ name: '白', price: 250, stock: 5 }] } });
    const id = await group(2, [ticket.variants[0]!.id]);
    const update = async (i: Record<string, unknown>) => (await api.admin.ok(GROUP_UPDATE, { i: { id, name: '限購', maxQuantity: 2, variantIds: [ticket.variants[0]!.id], ...i } })).purchaseLimitGroupUpdate;
    expect(codes((await update({ id: randomUUID() })).errors)).toEqual(['NOT_FOUND']);
    // An id that is no id at all is refused by the input's bounds, like every ID argument.
    expect(codes((await update({ id: 'not-a-uuid' })).errors)).toEqual(['INVALID_INPUT']);
    expect((await update({ name: '  ', maxQuantity: 0 })).errors.map((e: any) => [e.code, e.field])).toEqual([
      ['NAME_REQUIRED', 'name'],
      ['INVALID_QUANTITY', 'maxQuantity'],
    ]);
    expect(codes((await update({ variantIds: [randomUUID()] })).errors)).toEqual(['VARIANT_NOT_FOUND']);
    expect(codes((await update({ variantIds: [ticket.variants[0]!.id, goods.productCreate.product.variants[0].id] })).errors)).toEqual(['MIXED_KINDS']);
    const [row] = (await api.admin.ok(`query { purchaseLimitGroups { id maxQuantity variants { id } } }`)).purchaseLimitGroups.filter((g: any) => g.id === id);
    expect(row).toEqual({ id, maxQuantity: 2, variants: [{ id: ticket.variants[0]!.id }] });
  });

  it('C2: a deleted group no longer applies to new checkouts; past orders are untouched; deleting it again says it is gone', async () => {
    const p = await createTicketProduct(api);
    const id = await group(2, [p.variants[0]!.id]);
    const past = await buy(shopper, [{ variantId: p.variants[0]!.id, quantity: 2 }]);
    expect(codes((await buy(shopper, [{ variantId: p.variants[0]!.id, quantity: 1 }])).errors)).toEqual(['PURCHASE_LIMIT_EXCEEDED']);

    const deleted = await api.admin.ok(GROUP_DELETE, { i: { id } });
    expect(deleted.purchaseLimitGroupDelete).toEqual({ deletedId: id, errors: [] });
    expect((await api.admin.ok(`query { purchaseLimitGroups { id } }`)).purchaseLimitGroups.map((g: any) => g.id)).not.toContain(id);
    expect((await buy(shopper, [{ variantId: p.variants[0]!.id, quantity: 3 }])).errors).toEqual([]);
    expect((await api.admin.ok(ORDER, { id: past.order.id })).order).toMatchObject({ status: 'PAID', total: 400 });
    expect((await api.admin.ok(GROUP_DELETE, { i: { id } })).purchaseLimitGroupDelete.errors.map((e: any) => [e.code, e.field])).toEqual([['NOT_FOUND', 'id']]);
  });
});

describe('C3: mix-and-match discounts can be changed, paused and deleted; past orders keep their prices', () => {
  async function discountOn(variantId: string) {
    const data = await api.admin.ok(DISCOUNT_CREATE, { i: { name: '任選 2 張 $600', requiredQuantity: 2, fixedPrice: 600, variantIds: [variantId] } });
    expect(data.mixMatchDiscountCreate.errors).toEqual([]);
    return data.mixMatchDiscountCreate.mixMatchDiscount.id as string;
  }

  it('C3/F8: a new price applies to new checkouts only; the order placed before keeps its discount share and total', async () => {
    const p = await createTicketProduct(api, [{ name: '兌換組', price: 400, stock: 100 }]);
    const id = await discountOn(p.variants[0]!.id);
    const before = await buy(shopper, [{ variantId: p.variants[0]!.id, quantity: 2 }]);
    expect(before.order).toMatchObject({ subtotal: 800, discount: 200, total: 600 });

    const updated = await api.admin.ok(DISCOUNT_UPDATE, { i: { id, name: '任選 2 張 9 折', requiredQuantity: 2, fixedPrice: null, percentOff: 10, variantIds: [p.variants[0]!.id] } });
    expect(updated.mixMatchDiscountUpdate.errors).toEqual([]);
    expect(updated.mixMatchDiscountUpdate.mixMatchDiscount).toMatchObject({ name: '任選 2 張 9 折', fixedPrice: null, percentOff: 10, active: true });
    const after = await buy(shopper, [{ variantId: p.variants[0]!.id, quantity: 2 }]);
    expect(after.order).toMatchObject({ subtotal: 800, discount: 80, total: 720 });
    expect((await api.admin.ok(ORDER, { id: before.order.id })).order).toMatchObject({ discount: 200, total: 600, lines: [{ unitPrice: 400, discountShare: 200, amountPaid: 600 }] });
  });

  it('C3: paused (active: false) it gives no discount and leaves the shop, but staff still see it; active again it applies again', async () => {
    const p = await createTicketProduct(api, [{ name: '兌換組', price: 400, stock: 100 }]);
    const id = await discountOn(p.variants[0]!.id);
    const input = { id, name: '任選 2 張 $600', requiredQuantity: 2, fixedPrice: 600, variantIds: [p.variants[0]!.id] };
    expect((await api.admin.ok(DISCOUNT_UPDATE, { i: { ...input, active: false } })).mixMatchDiscountUpdate.mixMatchDiscount.active).toBe(false);
    expect((await buy(shopper, [{ variantId: p.variants[0]!.id, quantity: 2 }])).order.discount).toBe(0);
    const listed = async (client: GqlClient) => (await client.ok(`query { mixMatchDiscounts { id active } }`)).mixMatchDiscounts.filter((d: any) => d.id === id);
    expect(await listed(api.anonymous)).toEqual([]);
    expect(await listed(api.admin)).toEqual([{ id, active: false }]);
    // Left out, `active` stays as it is.
    expect((await api.admin.ok(DISCOUNT_UPDATE, { i: input })).mixMatchDiscountUpdate.mixMatchDiscount.active).toBe(false);
    expect((await api.admin.ok(DISCOUNT_UPDATE, { i: { ...input, active: true } })).mixMatchDiscountUpdate.mixMatchDiscount.active).toBe(true);
    expect((await buy(shopper, [{ variantId: p.variants[0]!.id, quantity: 2 }])).order.discount).toBe(200);
  });

  it('C3: update refusals are typed (unknown discount, both or neither price, a bundle of 1, unknown ticket types); delete: gone for new checkouts, past orders unchanged, then NOT_FOUND', async () => {
    const p = await createTicketProduct(api, [{ name: '兌換組', price: 400, stock: 100 }]);
    const id = await discountOn(p.variants[0]!.id);
    const update = async (i: Record<string, unknown>) =>
      (await api.admin.ok(DISCOUNT_UPDATE, { i: { id, name: 'x', requiredQuantity: 2, fixedPrice: 600, variantIds: [p.variants[0]!.id], ...i } })).mixMatchDiscountUpdate;
    expect(codes((await update({ id: randomUUID() })).errors)).toEqual(['NOT_FOUND']);
    expect(codes((await update({ percentOff: 10 })).errors)).toEqual(['INVALID_DISCOUNT']);
    expect(codes((await update({ fixedPrice: null })).errors)).toEqual(['INVALID_DISCOUNT']);
    expect(codes((await update({ requiredQuantity: 1, name: '' })).errors)).toEqual(['NAME_REQUIRED', 'INVALID_QUANTITY']);
    expect(codes((await update({ variantIds: [] })).errors)).toEqual(['VARIANT_NOT_FOUND']);

    const past = await buy(shopper, [{ variantId: p.variants[0]!.id, quantity: 2 }]);
    expect((await api.admin.ok(DISCOUNT_DELETE, { i: { id } })).mixMatchDiscountDelete).toEqual({ deletedId: id, errors: [] });
    expect((await buy(shopper, [{ variantId: p.variants[0]!.id, quantity: 2 }])).order).toMatchObject({ discount: 0, total: 800 });
    expect((await api.admin.ok(ORDER, { id: past.order.id })).order).toMatchObject({ discount: 200, total: 600, lines: [{ discountShare: 200, amountPaid: 600 }] });
    expect(codes((await api.admin.ok(DISCOUNT_DELETE, { i: { id } })).mixMatchDiscountDelete.errors)).toEqual(['NOT_FOUND']);
  });
});

describe('product duplicate', () => {
  it('copies a product as a DRAFT with its ticket types (archived ones left out) and nothing sold: the whole stock again', async () => {
    const original = await createTicketProduct(
      api,
      [
        { name: '早鳥票', price: 200, stock: 10 },
        { name: '全票', price: 300, stock: null },
        { name: '團體票', price: 900, stock: 5 },
      ],
      { terms: '限本人使用' },
    );
    // The group ticket type is removed (archived), and 3 early-bird tickets are sold.
    await api.admin.ok(`mutation($i: ProductUpdateInput!) { productUpdate(input: $i) { errors { code } } }`, {
      i: {
        id: original.id,
        title: '夏日音樂會',
        terms: '限本人使用',
        status: 'ACTIVE',
        variants: original.variants.slice(0, 2).map((v) => ({ id: v.id, name: v.name, price: v.price, stock: v.name === '早鳥票' ? 10 : null })),
      },
    });
    expect((await buy(shopper, [{ variantId: original.variants[0]!.id, quantity: 3 }])).errors).toEqual([]);

    const data = await api.admin.ok(DUPLICATE, { i: { id: original.id } });
    expect(data.productDuplicate.errors).toEqual([]);
    const copy = data.productDuplicate.product;
    expect(copy).toMatchObject({ title: '夏日音樂會（複製）', status: 'DRAFT', kind: 'TICKET', terms: '限本人使用' });
    expect(copy.id).not.toBe(original.id);
    expect(copy.variants.map((v: any) => [v.name, v.price, v.stockAvailable])).toEqual([
      ['早鳥票', 200, 10],
      ['全票', 300, null],
    ]);
    expect(copy.variants.map((v: any) => v.id)).not.toContain(original.variants[0]!.id);
    // A draft: not in the shop.
    expect((await api.anonymous.ok(`query($id: ID!) { product(id: $id) { id } }`, { id: copy.id })).product).toBeNull();
    const en = api.client('en');
    en.token = api.admin.token;
    expect((await en.ok(DUPLICATE, { i: { id: original.id } })).productDuplicate.product.title).toBe('夏日音樂會 (copy)');
    expect((await api.admin.ok(DUPLICATE, { i: { id: randomUUID() } })).productDuplicate.errors.map((e: any) => [e.code, e.field])).toEqual([['PRODUCT_NOT_FOUND', 'id']]);
  });
});

describe('I1: API key scopes are editable, with the rule of creation', () => {
  it('I1: a key is renamed and its scopes replaced; its callers get the new scopes at once', async () => {
    const key = await apiKeyWith(api, ['tickets:read']);
    const TICKETS = `query { ticketCodes(first: 1) { totalCount } }`;
    const ORDERS = `query { orders(first: 1) { totalCount } }`;
    expect(forbidden(await key.request(ORDERS))).toBe(true);
    expect((await key.request(TICKETS)).errors).toBeUndefined();
    const data = await api.admin.ok(KEY_UPDATE, { i: { id: key.apiKeyId, name: ' BI 報表 ', scopes: ['orders:read', 'orders:read'] } });
    expect(data.apiKeyUpdate.errors).toEqual([]);
    expect(data.apiKeyUpdate.apiKey).toMatchObject({ id: key.apiKeyId, name: 'BI 報表', scopes: ['orders:read'] });
    expect((await key.request(ORDERS)).errors).toBeUndefined();
    expect(forbidden(await key.request(TICKETS))).toBe(true);
    // The name alone: the scopes stay.
    const renamed = await api.admin.ok(KEY_UPDATE, { i: { id: key.apiKeyId, name: 'CRM' } });
    expect(renamed.apiKeyUpdate.apiKey).toMatchObject({ name: 'CRM', scopes: ['orders:read'] });
  });

  it('I1: nobody grants a scope they do not hold (SCOPE_NOT_HELD); scopes the key has may stay; typed refusals for the rest', async () => {
    const key = await apiKeyWith(api, ['orders:read', 'tickets:read']);
    const keysAdmin = await adminWith(api, ['API_KEYS_MANAGE', 'TICKETS_READ']);
    const update = async (i: Record<string, unknown>, client = keysAdmin) => (await client.ok(KEY_UPDATE, { i: { id: key.apiKeyId, ...i } })).apiKeyUpdate;
    expect((await update({ scopes: ['tickets:read', 'catalog:write'] })).errors.map((e: any) => [e.code, e.field])).toEqual([['SCOPE_NOT_HELD', 'scopes']]);
    // orders:read was there already: keeping it is no grant; dropping tickets:read is allowed.
    expect((await update({ scopes: ['orders:read'] })).apiKey.scopes).toEqual(['orders:read']);
    // Adding it back is a grant again, by someone holding TICKETS_READ: fine.
    expect((await update({ scopes: ['orders:read', 'tickets:read'] })).apiKey.scopes).toEqual(['orders:read', 'tickets:read']);
    expect(codes((await update({ scopes: ['orders:write'] })).errors)).toEqual(['INVALID_SCOPE']);
    expect(codes((await update({ scopes: [] })).errors)).toEqual(['INVALID_SCOPE']);
    expect(codes((await update({ name: '  ' })).errors)).toEqual(['NAME_REQUIRED']);
    expect(codes((await update({ id: randomUUID(), name: 'x' })).errors)).toEqual(['API_KEY_NOT_FOUND']);
    await api.admin.ok(`mutation($i: ApiKeyRevokeInput!) { apiKeyRevoke(input: $i) { errors { code } } }`, { i: { apiKeyId: key.apiKeyId } });
    expect(codes((await update({ name: 'x' })).errors)).toEqual(['API_KEY_REVOKED']);
  });
});

describe('S4: the staff list shows disabled accounts', () => {
  it('S4: a disabled admin stays in 管理者列表 with when it was disabled', async () => {
    const email = `staff-${randomUUID()}@example.com`;
    const created = await api.admin.ok(`mutation($i: StaffCreateInput!) { staffCreate(input: $i) { staff { id } errors { code } } }`, {
      i: { email, password: 'password123', name: '離職員工', role: 'TICKET_CLERK' },
    });
    const id = created.staffCreate.staff.id;
    await api.admin.ok(`mutation($i: StaffDisableInput!) { staffDisable(input: $i) { errors { code } } }`, { i: { staffId: id } });
    const list = (await api.admin.ok(`query { staffMembers(first: 100) { edges { node { id email disabledAt } } } }`)).staffMembers.edges.map((e: any) => e.node);
    expect(list.find((s: any) => s.id === id)).toMatchObject({ email, disabledAt: expect.any(String) });
    expect(list.filter((s: any) => !s.disabledAt).length).toBeGreaterThan(1);
  });
});

describe('forbidden per role: clerk, shopper, API key without the scope, admin without the permission', () => {
  it('catalog settings (CATALOG_MANAGE) and API keys (API_KEYS_MANAGE) refuse everyone else; a catalog:write key may change the catalog', async () => {
    const p = await createTicketProduct(api);
    const id = await group(2, [p.variants[0]!.id]);
    const discount = (await api.admin.ok(DISCOUNT_CREATE, { i: { name: 'x', requiredQuantity: 2, fixedPrice: 100, variantIds: [p.variants[0]!.id] } })).mixMatchDiscountCreate.mixMatchDiscount.id;
    const key = await apiKeyWith(api, ['reports:read']);
    const catalogCalls: [string, Record<string, unknown>][] = [
      [GROUP_UPDATE, { i: { id, name: 'x', maxQuantity: 1, variantIds: [p.variants[0]!.id] } }],
      [GROUP_DELETE, { i: { id } }],
      [DISCOUNT_UPDATE, { i: { id: discount, name: 'x', requiredQuantity: 2, fixedPrice: 1, variantIds: [p.variants[0]!.id] } }],
      [DISCOUNT_DELETE, { i: { id: discount } }],
      [DUPLICATE, { i: { id: p.id } }],
    ];
    const notCatalog = [api.clerk, shopper, api.anonymous, await apiKeyWith(api, ['tickets:read', 'orders:read']), await adminWith(api, ['ORDERS_READ', 'TICKETS_READ', 'API_KEYS_MANAGE'])];
    for (const actor of notCatalog) for (const [query, variables] of catalogCalls) expect(forbidden(await actor.request(query, variables))).toBe(true);
    const notKeys = [api.clerk, shopper, api.anonymous, await apiKeyWith(api, ['catalog:write', 'reports:read']), await adminWith(api, ['CATALOG_MANAGE', 'REPORTS_READ'])];
    for (const actor of notKeys) expect(forbidden(await actor.request(KEY_UPDATE, { i: { id: key.apiKeyId, name: 'x' } }))).toBe(true);
    // Nothing was changed by the refused calls.
    expect((await api.admin.ok(`query { purchaseLimitGroups { id } }`)).purchaseLimitGroups.map((g: any) => g.id)).toContain(id);

    const catalogKey = await apiKeyWith(api, ['catalog:write']);
    expect((await catalogKey.ok(GROUP_DELETE, { i: { id } })).purchaseLimitGroupDelete.deletedId).toBe(id);
    expect((await catalogKey.ok(DUPLICATE, { i: { id: p.id } })).productDuplicate.product.status).toBe('DRAFT');
  });
});
