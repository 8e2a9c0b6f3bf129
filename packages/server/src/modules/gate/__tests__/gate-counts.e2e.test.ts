import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buy, createTicketProduct, type TicketProduct } from '../../../../e2e/fixtures.js';
import { forbidden, startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';

const COUNTS_FIELDS = `at products { productId title sold redeemedToday remaining } clerks { clerkId name redeemedToday }`;
const COUNTS = `query($p: ID) { gateCounts(productId: $p) { ${COUNTS_FIELDS} } }`;
const LIVE = `subscription($p: ID) { gateCounts(productId: $p) { ${COUNTS_FIELDS} } }`;
const REDEEM = `mutation($c: String!, $q: Int) { ticketCodeRedeem(input: { code: $c, quantity: $q }) { redemption { id } errors { code } } }`;

let a: TestApi;
/** A second API process on the same database (another replica). */
let b: TestApi;
let shopper: GqlClient;
const clients: Client[] = [];

beforeAll(async () => {
  a = await startTestApi();
  b = await startTestApi({ databaseUrl: a.app.config.databaseUrl });
  shopper = await a.newShopper();
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await b?.close();
  await a?.close();
});

const wsUrl = (api: TestApi) => `${api.url.replace(/^http/, 'ws')}/graphql`;
const tokenOf = (client: GqlClient) => client.token!;

interface Live {
  values: any[];
  errors: unknown[];
  closed: { code: number; reason: string } | null;
  /** Resolves with the first value (from now on, or already received when `past`) that passes `test`. */
  until(test: (counts: any) => boolean, timeoutMs?: number): Promise<any>;
  stop(): void;
}

/** A graphql-ws client (the `ws` WebSocket) subscribed to gateCounts on `api`. */
function live(api: TestApi, auth: { token?: string; cookie?: string }, productId?: string): Live {
  const headers = auth.cookie ? { cookie: auth.cookie } : undefined;
  const Impl = class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
  const state: Live = {
    values: [],
    errors: [],
    closed: null,
    until: (test, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`no matching push in ${timeoutMs} ms: ${JSON.stringify(state.values.at(-1))}`)), timeoutMs);
        const check = () => {
          const found = state.values.find(test);
          if (found) {
            clearTimeout(deadline);
            resolve(found);
          } else if (state.errors.length || state.closed) {
            clearTimeout(deadline);
            reject(new Error(`subscription ended: ${JSON.stringify(state.errors)} ${JSON.stringify(state.closed)}`));
          } else setTimeout(check, 10);
        };
        check();
      }),
    stop: () => unsubscribe(),
  };
  const client = createClient({
    url: wsUrl(api),
    webSocketImpl: Impl,
    retryAttempts: 0,
    lazy: true,
    connectionParams: auth.token ? { authorization: `Bearer ${auth.token}` } : {},
    on: { closed: (event) => (state.closed = { code: (event as { code: number }).code, reason: String((event as { reason: string }).reason) }) },
  });
  clients.push(client);
  const unsubscribe = client.subscribe(
    { query: LIVE, variables: { p: productId ?? null } },
    {
      next: (result) => (result.errors ? state.errors.push(...result.errors) : state.values.push((result.data as any).gateCounts)),
      error: (err) => state.errors.push(err),
      complete: () => undefined,
    },
  );
  return state;
}

async function paidCodes(product: TicketProduct, quantities: number[]): Promise<string[]> {
  const codes: string[] = [];
  for (const quantity of quantities) {
    const { order, errors } = await buy(shopper, [{ variantId: product.variants[0]!.id, quantity }]);
    expect(errors).toEqual([]);
    codes.push(order.lines[0].codes[0].code);
  }
  return codes;
}

/** `count` paid codes of one unit like `code` (same order line), written straight to the table: buying 30 one by one is slow. */
async function copies(code: string, count: number): Promise<string[]> {
  const { rows } = await a.app.pool.query<{ code: string }>(
    `insert into ticket_code (id, code, order_id, order_line_id, quantity, face_value, product_title, variant_name, holder_name, holder_phone, order_number, owner_id, created_at)
     select gen_random_uuid(), upper(substr(md5(random()::text || g), 1, 10)), order_id, order_line_id, quantity, face_value, product_title, variant_name, holder_name, holder_phone, order_number, owner_id, created_at
       from ticket_code, generate_series(1, $2::int) g where code = $1 returning code`,
    [code, count],
  );
  return rows.map((r) => r.code);
}

const redeem = async (client: GqlClient, code: string, q = 1) => expect((await client.ok(REDEEM, { c: code, q })).ticketCodeRedeem.errors).toEqual([]);
const productOf = (counts: any, id: string) => counts.products.find((p: any) => p.productId === id);

describe('gateCounts (B2)', () => {
  it('B2: per product sold, redeemed today and remaining; per clerk redeemed today (split and partly redeemed codes)', async () => {
    const product = await createTicketProduct(a, [{ name: '全票', price: 100, stock: 100 }]);
    const [three, one, two] = await paidCodes(product, [3, 1, 2]);
    await redeem(a.clerk, three!, 2);
    await redeem(a.admin, one!);
    const split = await shopper.ok(`mutation($i: TicketCodeSplitInput!) { ticketCodeSplit(input: $i) { children { code } errors { code } } }`, { i: { code: two } });
    await redeem(a.clerk, split.ticketCodeSplit.children[0].code);
    const counts = (await a.admin.ok(COUNTS, { p: product.id })).gateCounts;
    expect(counts.products).toEqual([{ productId: product.id, title: expect.any(String), sold: 6, redeemedToday: 4, remaining: 2 }]);
    const clerk = counts.clerks.find((c: any) => c.name === '林店員 Ticket Clerk');
    const admin = counts.clerks.find((c: any) => c.clerkId !== clerk.clerkId);
    expect(clerk.redeemedToday).toBe(3);
    expect(admin.redeemedToday).toBe(1);
    expect(Math.abs(new Date(counts.at).getTime() - Date.now())).toBeLessThan(5000);
    // Without productId an admin sees every product redeemed today.
    expect(productOf((await a.admin.ok(COUNTS)).gateCounts, product.id)).toMatchObject({ redeemedToday: 4 });
  });

  it('B2/S1: a clerk sees only their own count and the products they redeemed today; shoppers and anonymous callers are refused', async () => {
    const mine = await createTicketProduct(a);
    const others = await createTicketProduct(a);
    const [m] = await paidCodes(mine, [1]);
    const [o] = await paidCodes(others, [1]);
    await redeem(a.clerk, m!);
    await redeem(a.admin, o!);
    const counts = (await a.clerk.ok(COUNTS)).gateCounts;
    expect(counts.clerks.map((c: any) => c.name)).toEqual(['林店員 Ticket Clerk']);
    expect(productOf(counts, mine.id)).toBeDefined();
    expect(productOf(counts, others.id)).toBeUndefined();
    // Asking for a product gives its counts (the gate's own product), still only their own clerk count.
    const asked = (await a.clerk.ok(COUNTS, { p: others.id })).gateCounts;
    expect(asked.products).toEqual([expect.objectContaining({ productId: others.id, sold: 1, redeemedToday: 1, remaining: 0 })]);
    expect(asked.clerks).toEqual([expect.objectContaining({ name: '林店員 Ticket Clerk', redeemedToday: 0 })]);
    expect(forbidden(await shopper.request(COUNTS))).toBe(true);
    expect(forbidden(await a.anonymous.request(COUNTS))).toBe(true);
  });
});

describe('Subscription.gateCounts over graphql-ws (B2)', () => {
  it('B2/R1: a subscriber on API process A sees a redemption made through process B within a second', async () => {
    const product = await createTicketProduct(a);
    const [code] = await paidCodes(product, [5]);
    const sub = live(a, { token: tokenOf(a.admin) }, product.id);
    const first = await sub.until((c) => !!productOf(c, product.id));
    expect(productOf(first, product.id)).toMatchObject({ sold: 5, redeemedToday: 0, remaining: 5 });
    const started = Date.now();
    await redeem(b.clerk, code!, 2);
    const pushed = await sub.until((c) => productOf(c, product.id)?.redeemedToday === 2, 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(productOf(pushed, product.id)).toMatchObject({ sold: 5, redeemedToday: 2, remaining: 3 });
    expect(pushed.clerks).toEqual([expect.objectContaining({ name: '林店員 Ticket Clerk', redeemedToday: 2 })]);
    sub.stop();
  });

  it('B2/B7: an offline sync through process B reaches a clerk subscribed on A, who sees only their own count', async () => {
    const product = await createTicketProduct(a);
    await a.admin.ok(`mutation($i: ProductOfflineSettingsUpdateInput!) { productOfflineSettingsUpdate(input: $i) { errors { code } } }`, { i: { productId: product.id, enabled: true } });
    const [code] = await paidCodes(product, [1]);
    const sub = live(a, { token: tokenOf(a.clerk) }, product.id);
    await sub.until(() => true);
    const snapshot = (await b.clerk.ok(`mutation($i: OfflineSnapshotCreateInput!) { offlineSnapshotCreate(input: $i) { snapshot { id } } }`, { i: { productId: product.id, deviceId: 'd1' } }))
      .offlineSnapshotCreate.snapshot;
    await b.clerk.ok(`mutation($i: TicketCodeOfflineSyncInput!) { ticketCodeOfflineSync(input: $i) { results { outcome } } }`, {
      i: { snapshotId: snapshot.id, deviceId: 'd1', redemptions: [{ code, idempotencyKey: randomUUID(), redeemedAt: new Date().toISOString() }] },
    });
    const pushed = await sub.until((c) => productOf(c, product.id)?.redeemedToday === 1, 1500);
    expect(pushed.clerks.map((c: any) => c.name)).toEqual(['林店員 Ticket Clerk']);
    sub.stop();
  });

  it('B2: pushes are coalesced: 30 redemptions at once give at most one push per 250 ms, the last with all 30', async () => {
    const product = await createTicketProduct(a, [{ name: '全票', price: 100, stock: 100 }]);
    const { order } = await buy(shopper, [{ variantId: product.variants[0]!.id, quantity: 1 }]);
    const codes = await copies(order.lines[0].codes[0].code, 30);
    const sub = live(a, { token: tokenOf(a.admin) }, product.id);
    await sub.until(() => true);
    const before = sub.values.length;
    const started = Date.now();
    await Promise.all(codes.map((c, i) => redeem(i % 2 ? a.clerk : b.clerk, c)));
    await sub.until((c) => productOf(c, product.id)?.redeemedToday === 30, 3000);
    const elapsed = Date.now() - started;
    const pushes = sub.values.length - before;
    expect(pushes).toBeGreaterThanOrEqual(1);
    expect(pushes).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 1);
    sub.stop();
  });

  it('B2: live counts stay exact when earlier redemptions are folded into the running sums (only recent ones are read again)', async () => {
    const product = await createTicketProduct(a, [{ name: '全票', price: 100, stock: 100 }]);
    const [code] = await paidCodes(product, [10]);
    const sub = live(a, { token: tokenOf(a.admin) }, product.id);
    await sub.until(() => true);
    await redeem(b.clerk, code!, 2);
    await sub.until((c) => productOf(c, product.id)?.redeemedToday === 2);
    const setClocks = (ms: number) =>
      Promise.all([a, b].map((api) => api.admin.ok(`mutation($n: DateTime!) { testClockSet(input: { now: $n }) { now } }`, { n: new Date(Date.now() + ms).toISOString() })));
    try {
      // 10 s later the first redemptions are older than the 3 s after which they are summed and not read again.
      await setClocks(10_000);
      await redeem(b.clerk, code!, 3);
      await sub.until((c) => productOf(c, product.id)?.redeemedToday === 5);
      await setClocks(20_000);
      await redeem(a.clerk, code!, 1);
      const pushed = await sub.until((c) => productOf(c, product.id)?.redeemedToday === 6);
      const read = (await a.admin.ok(COUNTS, { p: product.id })).gateCounts;
      expect(pushed.products).toEqual(read.products);
      expect(pushed.clerks).toEqual(read.clerks);
      expect(productOf(pushed, product.id)).toMatchObject({ sold: 10, redeemedToday: 6, remaining: 4 });
    } finally {
      await setClocks(0);
      sub.stop();
    }
  });

  it('B2: the session cookie of the upgrade request authenticates a connection as well as connectionParams', async () => {
    const product = await createTicketProduct(a);
    const sub = live(a, { cookie: `ets_sid=${tokenOf(a.admin)}` }, product.id);
    expect(productOf(await sub.until(() => true), product.id)).toMatchObject({ sold: 0, remaining: 0, redeemedToday: 0 });
    sub.stop();
  });

  it('B2: an anonymous connection is refused (4403); a shopper may connect but their subscription is refused as a query would be', async () => {
    const anonymous = live(a, {});
    await expect(anonymous.until(() => true)).rejects.toThrow(/subscription ended/);
    expect(anonymous.closed?.code).toBe(4403);
    const bogus = live(a, { token: 'not-a-token' });
    await expect(bogus.until(() => true)).rejects.toThrow(/subscription ended/);
    expect(bogus.closed?.code).toBe(4403);
    const shopperSub = live(a, { token: tokenOf(shopper) });
    await expect(shopperSub.until(() => true)).rejects.toThrow(/subscription ended/);
    expect(JSON.stringify(shopperSub.errors)).toMatch(/UNAUTHORIZED/);
    expect(shopperSub.values).toEqual([]);
  });

  it('B2: a session that ends (logout) stops receiving: its connection is closed at the next push', async () => {
    const clerk = await a.client().login('clerk@example.com', 'clerk1234');
    const product = await createTicketProduct(a);
    const [code] = await paidCodes(product, [2]);
    const sub = live(a, { token: tokenOf(clerk) }, product.id);
    await sub.until(() => true);
    expect((await clerk.ok(`mutation { authLogout { signedOut } }`)).authLogout.signedOut).toBe(true);
    await redeem(b.clerk, code!);
    await expect(sub.until((c) => productOf(c, product.id)?.redeemedToday === 1, 3000)).rejects.toThrow(/subscription ended/);
    expect(sub.closed?.code).toBe(4403);
  });

  it('B2: only subscriptions are served over WebSocket; queries and mutations are refused there', async () => {
    const client = createClient({ url: wsUrl(a), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${tokenOf(a.admin)}` } });
    clients.push(client);
    const errors = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: COUNTS }, { next: () => undefined, error: resolve, complete: () => resolve(null) });
    });
    expect(JSON.stringify(errors)).toMatch(/Only subscriptions are served over WebSocket/);
  });
});
