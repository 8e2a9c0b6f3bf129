import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buy, createTicketProduct, eventually } from '../../../../e2e/fixtures.js';
import { forbidden, startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';
import { Inbox } from '../../../../e2e/inbox.js';
import { freePort } from '../../../common/http/free-port.js';
import { Webhook } from 'standardwebhooks';
import { HiddenSecret } from '../../../config.js';
import { RETRY_DELAYS_MS, RETRY_WINDOW_MS } from '../webhook-delivery.js';
import { checkWebhookUrl } from '../webhook.service.js';
import { WebhookReceiver } from './webhook-receiver.js';

/** Issue 14, item 2 (B1): signed webhooks, retried, with a delivery log, against a real receiver and real PostgreSQL. */

const ALL_EVENTS = ['order.paid', 'order.cancelled', 'refund.created', 'ticket_code.redeemed', 'ticket_code.split'];
const ENDPOINT_FIELDS = 'id url description events enabled disabledReason disabledAt failingSince previousSecretExpiresAt createdAt updatedAt';
const CREATE = `mutation($i: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $i) { endpoint { ${ENDPOINT_FIELDS} } secret errors { code message field } } }`;
const UPDATE = `mutation($i: WebhookEndpointUpdateInput!) { webhookEndpointUpdate(input: $i) { endpoint { ${ENDPOINT_FIELDS} } secret errors { code message field } } }`;
const DELETE = `mutation($i: WebhookEndpointDeleteInput!) { webhookEndpointDelete(input: $i) { deletedId errors { code message field } } }`;
const LIST = `{ webhookEndpoints { ${ENDPOINT_FIELDS} lastDelivery { status statusCode eventType } } }`;
const DELIVERY_FIELDS = 'id eventType webhookId payload status attempt statusCode durationMs responseExcerpt error attemptedAt nextAttemptAt createdAt attempts { attempt attemptedAt statusCode durationMs responseExcerpt error nextAttemptAt }';
const DELIVERIES = `query($id: ID!, $first: Int, $after: String) { webhookDeliveries(endpointId: $id, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${DELIVERY_FIELDS} } } } }`;
const RETRY = `mutation($i: WebhookDeliveryRetryInput!) { webhookDeliveryRetry(input: $i) { delivery { ${DELIVERY_FIELDS} } errors { code message field } } }`;
const REDEEM = `mutation($i: TicketCodeRedeemInput!) { ticketCodeRedeem(input: $i) { redemption { id quantity } ticketCode { code } errors { code } } }`;
const SPLIT = `mutation($i: TicketCodeSplitInput!) { ticketCodeSplit(input: $i) { ticketCode { code status } children { code } errors { code } } }`;
const CANCEL = `mutation($i: OrderCancelInput!) { orderCancel(input: $i) { refund { id amount } order { status } errors { code } } }`;
const RETURNING = `mutation($id: ID!) { orderMarkReturning(input: { orderId: $id }) { errors { code } } }`;
const REVIEW = `mutation($id: ID!) { orderMarkReturnReview(input: { orderId: $id }) { errors { code } } }`;
const REFUND = `mutation($i: OrderRefundInput!) { orderRefund(input: $i) { refund { id amount } errors { code } } }`;
const STAFF_CREATE = `mutation($i: StaffCreateInput!) { staffCreate(input: $i) { staff { id } errors { code } } }`;
const KEY_CREATE = `mutation($i: ApiKeyCreateInput!) { apiKeyCreate(input: $i) { secret errors { code } } }`;

const DAY = 86_400_000;
/** The key sealing secrets at rest in this run (WEBHOOK_SECRET_KEY). */
const SECRET_KEY = randomBytes(32).toString('base64');

let api: TestApi;
let inbox: Inbox;
let shopper: GqlClient;
const receivers: WebhookReceiver[] = [];

const sql = async <T = any>(query: string, params: unknown[] = []): Promise<T[]> => api.app.orm.em.fork().getConnection().execute(query, params);
const setClock = (now: Date) => api.admin.ok(`mutation($now: DateTime!) { testClockSet(input: { now: $now }) { now } }`, { now: now.toISOString() });
const codes = (errors: { code: string }[]) => errors.map((e) => e.code);

beforeAll(async () => {
  inbox = new Inbox(await freePort());
  await inbox.up();
  api = await startTestApi({ smtpUrl: `smtp://127.0.0.1:${inbox.port}`, webhookSecretKey: new HiddenSecret(SECRET_KEY) });
  shopper = await api.newShopper();
});
afterEach(async () => {
  // Each test has its own endpoints and receivers: nothing of one reaches the next.
  for (const e of (await api.admin.ok(LIST)).webhookEndpoints) await api.admin.ok(DELETE, { i: { id: e.id } });
  for (const r of receivers.splice(0)) await r.down();
  await setClock(new Date());
});
afterAll(async () => {
  await api?.close();
  await inbox?.down();
});

/** A receiver on a free port, up unless asked otherwise. */
async function receiver(up = true): Promise<WebhookReceiver> {
  const r = new WebhookReceiver(await freePort());
  receivers.push(r);
  if (up) await r.up();
  return r;
}

/** An endpoint posting to `r` for `events`; `r` verifies with its secret. */
async function endpointFor(r: WebhookReceiver, events = ALL_EVENTS): Promise<{ id: string; secret: string }> {
  const data = await api.admin.ok(CREATE, { i: { url: r.url, events, description: 'test receiver' } });
  expect(data.webhookEndpointCreate.errors).toEqual([]);
  r.secrets.push(data.webhookEndpointCreate.secret);
  return { id: data.webhookEndpointCreate.endpoint.id, secret: data.webhookEndpointCreate.secret };
}

async function deliveries(endpointId: string): Promise<any[]> {
  return (await api.admin.ok(DELIVERIES, { id: endpointId, first: 100 })).webhookDeliveries.edges.map((e: any) => e.node);
}

/** A paid ticket order of `quantity` (one code); returns its id, number and code. */
async function paidOrder(quantity = 3): Promise<{ id: string; number: string; code: string }> {
  const product = await createTicketProduct(api, [{ name: '全票', price: 300, stock: 100 }]);
  const { order, errors } = await buy(shopper, [{ variantId: product.variants[0]!.id, quantity }]);
  expect(errors).toEqual([]);
  return { id: order.id, number: order.number, code: order.lines[0].codes[0].code };
}

describe('webhookEndpointCreate / Update / Delete and webhookEndpoints (B1)', () => {
  it('B1: creating answers a Standard Webhooks secret once (whsec_ + base64 of 24 bytes), kept sealed at rest, never listed', async () => {
    const r = await receiver();
    const data = await api.admin.ok(CREATE, { i: { url: r.url, events: ['order.paid', 'ticket_code.redeemed', 'order.paid'], description: ' POS 對帳 ' } });
    const { endpoint, secret, errors } = data.webhookEndpointCreate;
    expect(errors).toEqual([]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(endpoint).toMatchObject({ url: r.url, events: ['order.paid', 'ticket_code.redeemed'], description: 'POS 對帳', enabled: true, disabledReason: null });
    const [row] = await sql(`select secret from webhook_endpoint where id = ?`, [endpoint.id]);
    expect(row.secret).toMatch(/^v1:/);
    expect(row.secret).not.toContain(secret.slice(6));
    const listed = await api.admin.ok(LIST);
    expect(listed.webhookEndpoints.map((e: any) => e.id)).toEqual([endpoint.id]);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(6));
    expect(listed.webhookEndpoints[0].lastDelivery).toBeNull();
  });

  it('B1: webhookEndpointCreate refuses a malformed URL, http to another host, no events, an unknown event and a 21st endpoint, with typed errors', async () => {
    const en = api.client('en');
    en.token = api.admin.token;
    const create = async (i: Record<string, unknown>) => (await en.ok(CREATE, { i })).webhookEndpointCreate;
    const bad = await create({ url: 'not a url', events: [] });
    expect(bad.errors).toEqual([
      { code: 'INVALID_URL', message: 'That URL is not valid (and must not carry a user name or password)', field: 'url' },
      { code: 'EVENTS_REQUIRED', message: 'Choose at least one event', field: 'events' },
    ]);
    expect(bad.secret).toBeNull();
    expect(codes((await create({ url: 'http://example.com/hooks', events: ['order.paid'] })).errors)).toEqual(['URL_NOT_HTTPS']);
    expect(codes((await create({ url: 'ftp://example.com/hooks', events: ['order.paid'] })).errors)).toEqual(['INVALID_URL']);
    expect(codes((await create({ url: 'https://user:pw@example.com/hooks', events: ['order.paid'] })).errors)).toEqual(['INVALID_URL']);
    expect((await create({ url: 'https://example.com/hooks', events: ['order.paid', 'order.shipped'] })).errors).toEqual([
      { code: 'UNKNOWN_EVENT_TYPE', message: 'Unknown event "order.shipped"', field: 'events.1' },
    ]);
    expect(await sql(`select id from webhook_endpoint`)).toEqual([]);
    // http is only for this machine, and never in production
    expect(checkWebhookUrl('http://localhost:8080/x', false)).toEqual({ url: 'http://localhost:8080/x' });
    expect(checkWebhookUrl('http://127.0.0.1:8080/x', true)).toMatchObject({ code: 'URL_NOT_HTTPS' });
    expect(checkWebhookUrl('https://hooks.example.com/x', true)).toEqual({ url: 'https://hooks.example.com/x' });

    for (let i = 0; i < 20; i++) expect((await create({ url: `https://hooks.example.com/${i}`, events: ['refund.created'] })).errors).toEqual([]);
    const twentyFirst = await create({ url: 'https://hooks.example.com/21', events: ['refund.created'] });
    expect(twentyFirst.errors).toEqual([{ code: 'TOO_MANY_ENDPOINTS', message: 'At most 20 webhook endpoints', field: 'url' }]);
    expect(twentyFirst.endpoint).toBeNull();
    expect(await sql(`select count(*)::int as n from webhook_endpoint`)).toEqual([{ n: 20 }]);
  });

  it('B1: webhookEndpointUpdate changes url, events, description and enabled, refuses bad ones and unknown ids; webhookEndpointDelete removes it (ENDPOINT_NOT_FOUND after)', async () => {
    const r = await receiver();
    const { id } = await endpointFor(r, ['order.paid']);
    const update = async (i: Record<string, unknown>) => (await api.admin.ok(UPDATE, { i: { id, ...i } })).webhookEndpointUpdate;
    const other = await receiver();
    const changed = await update({ url: other.url, events: ['ticket_code.split', 'order.cancelled'], description: '' });
    expect(changed.errors).toEqual([]);
    expect(changed.secret).toBeNull();
    expect(changed.endpoint).toMatchObject({ url: other.url, events: ['ticket_code.split', 'order.cancelled'], description: null });
    expect((await update({ enabled: false })).endpoint).toMatchObject({ enabled: false, disabledReason: 'MANUAL' });
    expect((await update({ enabled: true })).endpoint).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });
    expect(codes((await update({ url: 'http://hooks.example.com/x' })).errors)).toEqual(['URL_NOT_HTTPS']);
    expect(codes((await update({ events: [] })).errors)).toEqual(['EVENTS_REQUIRED']);
    expect(codes((await update({ events: ['refund.made'] })).errors)).toEqual(['UNKNOWN_EVENT_TYPE']);
    expect((await update({})).endpoint.url).toBe(other.url);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(codes((await api.admin.ok(UPDATE, { i: { id: missing, enabled: false } })).webhookEndpointUpdate.errors)).toEqual(['ENDPOINT_NOT_FOUND']);
    expect(codes((await api.admin.ok(UPDATE, { i: { id: 'nope' } })).webhookEndpointUpdate.errors)).toEqual(['INVALID_INPUT']);
    expect((await api.admin.ok(DELETE, { i: { id } })).webhookEndpointDelete).toEqual({ deletedId: id, errors: [] });
    expect(codes((await api.admin.ok(DELETE, { i: { id } })).webhookEndpointDelete.errors)).toEqual(['ENDPOINT_NOT_FOUND']);
    expect((await api.admin.ok(DELIVERIES, { id })).webhookDeliveries).toBeNull();
  });

  it('B1: rotating the secret answers the new one once; for 24 hours the old one still verifies beside it', async () => {
    const r = await receiver();
    const { id, secret: old } = await endpointFor(r, ['order.paid']);
    const rotated = (await api.admin.ok(UPDATE, { i: { id, rotateSecret: true } })).webhookEndpointUpdate;
    expect(rotated.errors).toEqual([]);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(old);
    expect(Date.parse(rotated.endpoint.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(DAY - 60_000);
    // a receiver that only knows the new secret, and one that still has the old one, both accept
    const fresh = await receiver();
    fresh.secrets.push(rotated.secret);
    await api.admin.ok(UPDATE, { i: { id, url: fresh.url } });
    const order = await paidOrder(1);
    const got = await eventually(async () => fresh.ofType('order.paid').find((x) => x.verified!.data.order.id === order.id));
    expect(got.signature.split(' ')).toHaveLength(2);
    expect(() => new Webhook(old).verify(got.body, { 'webhook-id': got.webhookId, 'webhook-timestamp': got.timestamp, 'webhook-signature': got.signature })).not.toThrow();
    // after the 24 hours, only the new secret signs
    await setClock(new Date(Date.now() + DAY + 60_000));
    const later = await paidOrder(1);
    const next = await eventually(async () => fresh.ofType('order.paid').find((x) => x.verified!.data.order.id === later.id));
    expect(next.signature.split(' ')).toHaveLength(1);
    expect(() => new Webhook(old).verify(next.body, { 'webhook-id': next.webhookId, 'webhook-timestamp': next.timestamp, 'webhook-signature': next.signature })).toThrow();
  });

  it('B1: every webhook operation is forbidden to clerks, shoppers, anonymous callers, API keys without webhooks:manage and admins without WEBHOOKS_MANAGE; a key with webhooks:manage may', async () => {
    const r = await receiver();
    const { id } = await endpointFor(r, ['order.paid']);
    await paidOrder(1);
    const [delivery] = await eventually(async () => {
      const list = await deliveries(id);
      return list.length ? list : null;
    });
    const email = `no-webhooks-${randomUUID()}@example.com`;
    const staff = await api.admin.ok(STAFF_CREATE, { i: { email, password: 'password123', name: '無 Webhook 權限', role: 'ADMIN', permissions: ['ORDERS_READ', 'API_KEYS_MANAGE'] } });
    expect(staff.staffCreate.errors).toEqual([]);
    const otherAdmin = await api.client().login(email, 'password123');
    const key = await api.admin.ok(KEY_CREATE, { i: { name: 'pos', scopes: ['orders:read', 'tickets:redeem'] } });
    const integrator = api.client();
    integrator.token = key.apiKeyCreate.secret;
    const operations: [string, Record<string, unknown>][] = [
      [LIST, {}],
      [DELIVERIES, { id }],
      [CREATE, { i: { url: r.url, events: ['order.paid'] } }],
      [UPDATE, { i: { id, enabled: false } }],
      [DELETE, { i: { id } }],
      [RETRY, { i: { deliveryId: delivery.id } }],
    ];
    for (const actor of [api.clerk, api.shopper, api.anonymous, integrator, otherAdmin]) {
      for (const [query, variables] of operations) expect(forbidden(await actor.request(query, variables)), query.slice(0, 60)).toBe(true);
    }
    expect((await api.admin.ok(LIST)).webhookEndpoints[0].enabled).toBe(true);
    // an admin without WEBHOOKS_MANAGE can't give the scope to a key either
    expect(codes((await otherAdmin.ok(KEY_CREATE, { i: { name: 'x', scopes: ['webhooks:manage'] } })).apiKeyCreate.errors)).toEqual(['SCOPE_NOT_HELD']);
    const managerKey = await api.admin.ok(KEY_CREATE, { i: { name: 'ops', scopes: ['webhooks:manage'] } });
    const manager = api.client();
    manager.token = managerKey.apiKeyCreate.secret;
    expect((await manager.ok(LIST)).webhookEndpoints.map((e: any) => e.id)).toEqual([id]);
    expect((await manager.ok(RETRY, { i: { deliveryId: delivery.id } })).webhookDeliveryRetry.errors).toEqual([]);
  });
});

describe('events and their delivery (B1)', () => {
  it('B1: each event type arrives at a real receiver, signed (standardwebhooks verifier), with its payload, and is logged as delivered', async () => {
    const r = await receiver();
    const { id } = await endpointFor(r);
    const order = await paidOrder(3);
    const paid = await eventually(async () => r.ofType('order.paid').find((x) => x.verified!.data.order.id === order.id));
    expect(paid.webhookId).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(paid.verified!.data.order).toMatchObject({ number: order.number, kind: 'TICKET', status: 'PAID', total: 900, lines: [{ variantName: '全票', quantity: 3, unitPrice: 300 }] });
    expect(paid.verified!.data.order.ticketCodes).toEqual([expect.objectContaining({ code: order.code, quantity: 3, remainingQuantity: 3, status: 'ACTIVE', orderNumber: order.number })]);
    expect(JSON.stringify(paid.verified)).not.toContain('0912345678'); // never the holder's phone

    const redeemed = (await api.clerk.ok(REDEEM, { i: { code: order.code, quantity: 1, idempotencyKey: randomUUID(), channel: 'SCANNER' } })).ticketCodeRedeem;
    expect(redeemed.errors).toEqual([]);
    const redeemEvent = await eventually(async () => r.ofType('ticket_code.redeemed').find((x) => x.verified!.data.redemption.id === redeemed.redemption.id));
    expect(redeemEvent.verified!.data).toMatchObject({
      ticketCode: { code: order.code, quantity: 3, redeemedQuantity: 1, remainingQuantity: 2, status: 'ACTIVE' },
      redemption: { quantity: 1, channel: 'SCANNER', redeemedBy: expect.any(String) },
    });

    const split = (await shopper.ok(SPLIT, { i: { code: order.code } })).ticketCodeSplit;
    expect(split.errors).toEqual([]);
    const splitEvent = await eventually(async () => r.ofType('ticket_code.split').find((x) => x.verified!.data.ticketCode.code === order.code));
    expect(splitEvent.verified!.data.ticketCode.status).toBe('SPLIT');
    expect(splitEvent.verified!.data.children.map((c: any) => c.code).sort()).toEqual(split.children.map((c: any) => c.code).sort());
    expect(splitEvent.verified!.data.children[0]).toMatchObject({ quantity: 1, parentCode: order.code });

    const other = await paidOrder(2);
    const cancelled = (await api.admin.ok(CANCEL, { i: { orderId: other.id, idempotencyKey: randomUUID(), reason: '顧客取消' } })).orderCancel;
    expect(cancelled.errors).toEqual([]);
    const cancelEvent = await eventually(async () => r.ofType('order.cancelled').find((x) => x.verified!.data.order.id === other.id));
    expect(cancelEvent.verified!.data).toMatchObject({ order: { number: other.number, status: 'CANCELLED' }, refund: { id: cancelled.refund.id, kind: 'CANCELLATION', amount: 600 } });
    const cancelRefund = await eventually(async () => r.ofType('refund.created').find((x) => x.verified!.data.refund.id === cancelled.refund.id));
    expect(cancelRefund.verified!.data.refund).toMatchObject({ kind: 'CANCELLATION', amount: 600, reason: '顧客取消', order: { id: other.id, number: other.number }, codes: [{ code: other.code, quantity: 2 }] });

    // a partial refund, the business day after payment (F6)
    const third = await paidOrder(2);
    await setClock(new Date(Date.now() + DAY));
    expect((await api.admin.ok(RETURNING, { id: third.id })).orderMarkReturning.errors).toEqual([]);
    expect((await api.admin.ok(REVIEW, { id: third.id })).orderMarkReturnReview.errors).toEqual([]);
    const refunded = (await api.admin.ok(REFUND, { i: { orderId: third.id, codes: [third.code], idempotencyKey: randomUUID() } })).orderRefund;
    expect(refunded.errors).toEqual([]);
    const refundEvent = await eventually(async () => r.ofType('refund.created').find((x) => x.verified!.data.refund.id === refunded.refund.id));
    expect(refundEvent.verified!.data.refund).toMatchObject({ kind: 'PARTIAL', amount: 600, codes: [{ code: third.code, quantity: 2, amount: 600 }] });

    // every request verified; the log shows each delivered once, with status, duration and excerpt
    expect(r.received.every((x) => x.verified)).toBe(true);
    const log = await eventually(async () => {
      const list = await deliveries(id);
      return list.length >= 8 && list.every((d) => d.status === 'SUCCEEDED') ? list : null;
    });
    expect(log.map((d: any) => d.eventType).sort()).toEqual(['order.cancelled', 'order.paid', 'order.paid', 'order.paid', 'refund.created', 'refund.created', 'ticket_code.redeemed', 'ticket_code.split']);
    for (const d of log) {
      expect(d).toMatchObject({ attempt: 1, statusCode: 200, responseExcerpt: 'ok', error: null, nextAttemptAt: null });
      expect(d.durationMs).toBeGreaterThanOrEqual(0);
      expect(r.withId(d.webhookId)).toHaveLength(1);
      expect(JSON.parse(d.payload)).toEqual(r.withId(d.webhookId)[0]!.verified);
    }
    const [listed] = (await api.admin.ok(LIST)).webhookEndpoints;
    expect(listed.lastDelivery).toMatchObject({ status: 'SUCCEEDED', statusCode: 200 });
  });

  it('B1: only subscribed event types are written and sent; with no endpoint subscribed nothing is written at all', async () => {
    const before = new Set((await sql(`select id from webhook_event`)).map((e: any) => e.id));
    const written = async () => (await sql(`select id, type from webhook_event order by created_at`)).filter((e: any) => !before.has(e.id)).map((e: any) => e.type);
    const order = await paidOrder(2);
    await api.clerk.ok(REDEEM, { i: { code: order.code, quantity: 1 } });
    expect(await written()).toEqual([]);
    const r = await receiver();
    const { id } = await endpointFor(r, ['ticket_code.split']);
    await paidOrder(1);
    await api.clerk.ok(REDEEM, { i: { code: order.code, quantity: 1 } });
    await shopper.ok(SPLIT, { i: { code: (await paidOrder(2)).code } });
    await eventually(async () => r.ofType('ticket_code.split').length === 1);
    expect(await written()).toEqual(['ticket_code.split']);
    expect(await deliveries(id)).toHaveLength(1);
  });

  it('B1: with the receiver down for a while then up, every event arrives, none lost (the retries follow the schedule)', async () => {
    const r = await receiver(false);
    const { id } = await endpointFor(r, ['order.paid']);
    const orders = [await paidOrder(1), await paidOrder(1), await paidOrder(1)];
    // the first attempt fails at once (refused), the second 5 s later
    const pending = await eventually(async () => {
      const list = await deliveries(id);
      return list.length === 3 && list.every((d) => d.attempt === 2 && d.attempts[1].error) ? list : null;
    }, 30_000);
    for (const d of pending) {
      expect(d.status).toBe('PENDING');
      expect(d.attempts[0].error).toMatch(/ECONNREFUSED/);
      expect(d.statusCode).toBeNull();
      const gap = Date.parse(d.attempts[1].attemptedAt) - Date.parse(d.attempts[0].attemptedAt);
      expect(gap).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[0]! - 100);
      // the next one 5 minutes after the second
      expect(Date.parse(d.nextAttemptAt) - Date.parse(d.attempts[1].attemptedAt)).toBe(RETRY_DELAYS_MS[1]);
    }
    await r.up();
    await setClock(new Date(Math.max(...pending.map((d) => Date.parse(d.nextAttemptAt))) + 60_000));
    await eventually(async () => orders.every((o) => r.ofType('order.paid').some((x) => x.verified!.data.order.id === o.id)));
    const done = await eventually(async () => {
      const list = await deliveries(id);
      return list.every((d) => d.status === 'SUCCEEDED') ? list : null;
    });
    for (const d of done) {
      expect(d.attempt).toBe(3);
      expect(r.withId(d.webhookId)).toHaveLength(1);
    }
  }, 60_000);

  it('B1: a receiver answering 500 then 200 gets the same webhook-id twice, 5 s apart; the log shows both attempts', async () => {
    const r = await receiver();
    r.answer = ({ nth }) => (nth === 1 ? 500 : 200);
    const { id } = await endpointFor(r, ['order.paid']);
    await paidOrder(1);
    const [d] = await eventually(async () => {
      const list = await deliveries(id);
      return list[0]?.status === 'SUCCEEDED' ? list : null;
    }, 30_000);
    const requests = r.withId(d.webhookId);
    expect(requests.map((x) => x.status)).toEqual([500, 200]);
    expect(requests[0]!.body).toBe(requests[1]!.body);
    expect(d.attempts.map((a: any) => [a.statusCode, a.responseExcerpt])).toEqual([
      [500, 'no: 500'],
      [200, 'ok'],
    ]);
    expect(d.attempts[0].nextAttemptAt).toBeTruthy();
  }, 60_000);

  it('B1: a crash between sending and recording repeats the attempt with the same webhook-id: a duplicate, never a loss', async () => {
    const r = await receiver();
    const { id } = await endpointFor(r, ['order.paid']);
    const deliverer = api.app.services.webhooks.deliverer as unknown as { post: (...args: unknown[]) => Promise<unknown> };
    const post = deliverer.post;
    let crashes = 0;
    try {
      deliverer.post = async function (this: unknown, ...args: unknown[]) {
        const outcome = await post.apply(this, args);
        if (crashes++ === 0) throw new Error('the process died before recording the outcome');
        return outcome;
      };
      await paidOrder(1);
      // sent and answered, but never recorded: the delivery stays due at the time its retry was set for
      const [lost] = await eventually(async () => {
        const list = await deliveries(id);
        return list[0]?.attempt === 1 && r.received.length === 1 ? list : null;
      });
      expect(lost).toMatchObject({ status: 'PENDING', statusCode: null, error: null });
      // the sweep (every minute; here the test clock moving on) finds it due and sends it again
      await setClock(new Date(Date.parse(lost.nextAttemptAt) + 60_000));
      const [d] = await eventually(async () => {
        const list = await deliveries(id);
        return list[0]?.status === 'SUCCEEDED' ? list : null;
      }, 30_000);
      expect(r.withId(d.webhookId).map((x) => x.status)).toEqual([200, 200]);
      // the first attempt's outcome never came: the log says so, the follow-up delivered
      expect(d.attempts.map((a: any) => [a.attempt, a.statusCode])).toEqual([
        [1, null],
        [2, 200],
      ]);
    } finally {
      deliverer.post = post;
    }
  }, 60_000);

  it('B1: deleting an endpoint in the middle of its retries stops them', async () => {
    const r = await receiver();
    r.answer = () => 500;
    const { id } = await endpointFor(r, ['order.paid']);
    await paidOrder(1);
    await eventually(async () => (await deliveries(id))[0]?.attempts[1]?.statusCode === 500, 30_000);
    const seen = r.received.length;
    expect(seen).toBe(2);
    expect((await api.admin.ok(DELETE, { i: { id } })).webhookEndpointDelete.errors).toEqual([]);
    expect(await sql(`select id from webhook_delivery where endpoint_id = ?`, [id])).toEqual([]);
    // whatever was queued finds nothing: moving a day on (the sweep) and waiting sends nothing more
    await setClock(new Date(Date.now() + DAY));
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(r.received.length).toBe(seen);
  }, 60_000);

  it('B1: a failed delivery is sent again by webhookDeliveryRetry with the same webhook-id; not while the endpoint is disabled (ENDPOINT_DISABLED), not an unknown one (DELIVERY_NOT_FOUND)', async () => {
    const r = await receiver();
    r.answer = () => 503;
    const { id } = await endpointFor(r, ['order.paid']);
    await paidOrder(1);
    await eventually(async () => (await deliveries(id))[0]?.statusCode === 503);
    // turning the endpoint off fails what was pending
    await api.admin.ok(UPDATE, { i: { id, enabled: false } });
    const [failed] = await deliveries(id);
    expect(failed).toMatchObject({ status: 'FAILED', nextAttemptAt: null, statusCode: 503 });
    const refused = (await api.admin.ok(RETRY, { i: { deliveryId: failed.id } })).webhookDeliveryRetry;
    expect(codes(refused.errors)).toEqual(['ENDPOINT_DISABLED']);
    expect(codes((await api.admin.ok(RETRY, { i: { deliveryId: '00000000-0000-4000-8000-000000000000' } })).webhookDeliveryRetry.errors)).toEqual(['DELIVERY_NOT_FOUND']);
    await api.admin.ok(UPDATE, { i: { id, enabled: true } });
    r.answer = () => 200;
    const retried = (await api.admin.ok(RETRY, { i: { deliveryId: failed.id } })).webhookDeliveryRetry;
    expect(retried.errors).toEqual([]);
    expect(retried.delivery.status).toBe('PENDING');
    const [done] = await eventually(async () => {
      const list = await deliveries(id);
      return list[0]?.status === 'SUCCEEDED' ? list : null;
    });
    expect(done.attempt).toBe(2);
    expect(r.withId(failed.webhookId).map((x) => x.status)).toEqual([503, 200]);
  }, 60_000);

  it('B1: an endpoint failing for 3 days gets attempts on the schedule until then, is disabled, and the admins are mailed (SMTP)', async () => {
    const r = await receiver();
    r.answer = () => 500;
    const { id } = await endpointFor(r, ['order.paid']);
    await paidOrder(1);
    // follow the schedule with the test clock: each time to the next attempt, then wait for it
    for (let step = 0; step < 30; step++) {
      // the attempt made and its outcome recorded (an attempt is counted when it is taken, before it is sent)
      const [d] = await eventually(async () => {
        const list = await deliveries(id);
        return list[0]?.attempt > step && list[0].attempts.at(-1).statusCode ? list : null;
      }, 20_000);
      if (d.status !== 'PENDING') break;
      await setClock(new Date(Date.parse(d.nextAttemptAt) + 31_000));
    }
    const [d] = await deliveries(id);
    expect(d.status).toBe('FAILED');
    const times = d.attempts.map((a: any) => Date.parse(a.attemptedAt));
    // 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then every 10 h, the last one at 3 days after the first
    const gaps = times.slice(1).map((t: number, i: number) => t - times[i]);
    gaps.slice(0, 8).forEach((gap: number, i: number) => {
      const planned = RETRY_DELAYS_MS[i] ?? 10 * 3600_000;
      expect(gap).toBeGreaterThanOrEqual(planned - 100);
      expect(gap).toBeLessThan(planned + 60_000);
    });
    expect(times.at(-1)! - times[0]).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    expect(times.at(-2)! - times[0]).toBeLessThan(RETRY_WINDOW_MS);
    expect(r.received.length).toBe(d.attempts.length);
    expect(new Set(r.received.map((x) => x.webhookId)).size).toBe(1);

    const [endpoint] = (await api.admin.ok(LIST)).webhookEndpoints;
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'FAILING' });
    expect(Date.parse(endpoint.disabledAt) - Date.parse(endpoint.failingSince)).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    const mail = await eventually(async () => inbox.messages.find((m) => m.headers.get('x-webhook-endpoint-id') === id));
    expect((mail.to as { text: string }).text).toContain('admin@example.com');
    expect(mail.subject).toContain(r.url);
    expect(mail.text).toContain('管理中心 > Webhooks');
    // no more events go to it
    await paidOrder(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await deliveries(id)).toHaveLength(1);
  }, 120_000);

  it('B1: the delivery log pages newest first (first/after, totalCount)', async () => {
    const r = await receiver();
    const { id } = await endpointFor(r, ['order.paid']);
    for (let i = 0; i < 3; i++) await paidOrder(1);
    await eventually(async () => (await deliveries(id)).length === 3);
    const page1 = (await api.admin.ok(DELIVERIES, { id, first: 2 })).webhookDeliveries;
    expect(page1.totalCount).toBe(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await api.admin.ok(DELIVERIES, { id, first: 2, after: page1.pageInfo.endCursor })).webhookDeliveries;
    expect(page2.edges).toHaveLength(1);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const all = [...page1.edges, ...page2.edges].map((e: any) => Date.parse(e.node.createdAt));
    expect(all).toEqual([...all].sort((a, b) => b - a));
  });
});
