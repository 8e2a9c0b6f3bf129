import { createHmac, randomBytes } from 'node:crypto';
import type { ApolloClient } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { createOfflineGate, SYNC_BATCH } from './gate';
import { base64url, codeHasher } from './hash';
import { memoryStore } from './memory-store';
import type { OfflineStore, SnapshotEntry, SnapshotInfo } from './store';

const KEY = base64url(randomBytes(32));
const NOW = new Date('2026-11-26T10:00:00+08:00');
/** The server's hash (schema: HMAC-SHA256 keyed with the 32 bytes hashKey encodes, base64url). */
const serverHash = (code: string, key = KEY) => createHmac('sha256', Buffer.from(key, 'base64url')).update(code, 'utf8').digest('base64url');

const SINGLE = 'ABCDEFGHJK';
const SINGLE_2 = 'BCDEFGHJKM';
const SPLIT = '23456789ABCDEFGHJKMNPQRST';
const MULTI = 'CDEFGHJKMN';

function info(overrides: Partial<SnapshotInfo> = {}): SnapshotInfo {
  return {
    id: 'snap-1',
    productId: 'p1',
    productTitle: '草地音樂節',
    issuedAt: '2026-11-26T08:00:00+08:00',
    expiresAt: '2026-11-26T20:00:00+08:00',
    hashKey: KEY,
    signature: 'sig',
    count: 4,
    downloadedAt: '2026-11-26T08:00:00+08:00',
    ...overrides,
  };
}

const entries = (): SnapshotEntry[] => [
  { codeHash: serverHash(SINGLE), remaining: 1, variantName: '早鳥票', splitChild: false },
  { codeHash: serverHash(SINGLE_2), remaining: 1, variantName: '早鳥票', splitChild: false },
  { codeHash: serverHash(SPLIT), remaining: 1, variantName: '團體票', splitChild: true },
  { codeHash: serverHash(MULTI), remaining: 3, variantName: '團體票', splitChild: false },
];

type Mutate = (options: { variables: { input: any } }) => Promise<{ data: any }>;
const fakeClient = (mutate: Mutate) => ({ mutate }) as unknown as ApolloClient;
const noClient = fakeClient(async () => {
  throw new Error('no network in this test');
});

async function gateWith(store: OfflineStore = memoryStore(), client = noClient, now = () => NOW) {
  await store.replaceSnapshot(info(), entries(), []);
  return { store, gate: createOfflineGate({ store, client, deviceId: 'clerk Android 7KQ2', now }) };
}

describe('B7: the offline snapshot on the device', () => {
  it('B7: hashes a scanned code as the server does (HMAC-SHA256 keyed with the decoded hashKey, base64url)', async () => {
    const hash = await codeHasher(KEY);
    expect(await hash(SINGLE)).toBe(serverHash(SINGLE));
    expect(await hash(SPLIT)).toBe(serverHash(SPLIT));
  });

  it('B7: a single-unit code redeems once, queued with a uuid idempotency key and the time; the same code again is refused (此票券已在本機核銷)', async () => {
    const { gate, store } = await gateWith();
    expect(await gate.redeem(SINGLE)).toEqual({ kind: 'redeemed', code: SINGLE, productTitle: '草地音樂節', variantName: '早鳥票', redeemedAt: NOW.toISOString() });
    expect(await gate.redeem(SINGLE)).toMatchObject({ kind: 'refused', reason: 'usedHere' });
    expect(await store.queue()).toEqual([
      { snapshotId: 'snap-1', code: SINGLE, idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/), redeemedAt: NOW.toISOString(), productTitle: '草地音樂節', variantName: '早鳥票' },
    ]);
    expect(await gate.redeem(SPLIT)).toMatchObject({ kind: 'redeemed', variantName: '團體票' });
    expect(await gate.pending()).toBe(2);
  });

  it('B7: a double scan at the same moment redeems once', async () => {
    const { gate, store } = await gateWith();
    const outcomes = await Promise.all([gate.redeem(SINGLE), gate.redeem(SINGLE), gate.redeem(SINGLE)]);
    expect(outcomes.filter((o) => o.kind === 'redeemed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'refused' && o.reason === 'usedHere')).toHaveLength(2);
    expect(await store.count()).toBe(1);
  });

  it('B7: multi-unit codes need the network; unknown codes are not in the list; nothing is queued', async () => {
    const { gate, store } = await gateWith();
    expect(await gate.redeem(MULTI)).toMatchObject({ kind: 'refused', reason: 'multi', variantName: '團體票' });
    expect(await gate.redeem('ZZZZZZZZZZ')).toMatchObject({ kind: 'refused', reason: 'unknown' });
    expect(await store.count()).toBe(0);
  });

  it('B7: an expired snapshot refuses (go online); no snapshot refuses', async () => {
    const { gate } = await gateWith(memoryStore(), noClient, () => new Date('2026-11-26T20:00:00+08:00'));
    expect(await gate.redeem(SINGLE)).toMatchObject({ kind: 'refused', reason: 'expired' });
    const empty = createOfflineGate({ store: memoryStore(), client: noClient, deviceId: 'd' });
    expect(await empty.redeem(SINGLE)).toMatchObject({ kind: 'refused', reason: 'noSnapshot' });
  });

  it('B7: a code redeemed online while the snapshot is here never redeems offline afterwards', async () => {
    const { gate } = await gateWith();
    await gate.redeemedOnline(SINGLE_2);
    expect(await gate.redeem(SINGLE_2)).toMatchObject({ kind: 'refused', reason: 'usedHere' });
  });

  it('B7: downloading a snapshot keeps it with its count; codes redeemed here and not synced stay used in the new one', async () => {
    const newKey = base64url(randomBytes(32));
    const seen: any[] = [];
    const client = fakeClient(async ({ variables }) => {
      seen.push(variables.input);
      return {
        data: {
          offlineSnapshotCreate: {
            snapshot: {
              ...info({ id: 'snap-2', hashKey: newKey }),
              entries: [SINGLE, SINGLE_2].map((c) => ({ codeHash: serverHash(c, newKey), remaining: 1, variantName: '早鳥票', splitChild: false })),
            },
            errors: [],
          },
        },
      };
    });
    const { gate, store } = await gateWith(memoryStore(), client);
    await gate.redeem(SINGLE);
    expect(await gate.download('p1')).toBeNull();
    expect(seen).toEqual([{ productId: 'p1', deviceId: 'clerk Android 7KQ2' }]);
    expect(await store.snapshot()).toMatchObject({ id: 'snap-2', count: 2, productTitle: '草地音樂節', hashKey: newKey });
    // The server still counts SINGLE as redeemable: it has not been synced yet.
    expect(await gate.redeem(SINGLE)).toMatchObject({ kind: 'refused', reason: 'usedHere' });
    expect(await gate.redeem(SINGLE_2)).toMatchObject({ kind: 'redeemed' });
  });

  it('B7: a refused download says why and keeps the snapshot', async () => {
    const client = fakeClient(async () => ({ data: { offlineSnapshotCreate: { snapshot: null, errors: [{ code: 'OFFLINE_NOT_ENABLED', message: '此商品未開放離線核銷' }] } } }));
    const { gate, store } = await gateWith(memoryStore(), client);
    expect(await gate.download('p9')).toBe('此商品未開放離線核銷');
    expect((await store.snapshot())?.id).toBe('snap-1');
  });
});

describe('B7: syncing what was redeemed offline', () => {
  async function queued(codes: number) {
    const store = memoryStore();
    const list: SnapshotEntry[] = Array.from({ length: codes }, (_, i) => ({ codeHash: serverHash(`CODE${String(i).padStart(6, '0')}`), remaining: 1, variantName: '早鳥票', splitChild: false }));
    await store.replaceSnapshot(info({ count: codes }), list, []);
    const gate = createOfflineGate({ store, client: noClient, deviceId: 'd', now: () => NOW });
    for (let i = 0; i < codes; i++) await gate.redeem(`CODE${String(i).padStart(6, '0')}`);
    return store;
  }

  it('B7: sends the queue in order, in batches, and drops each item by its own result (conflicts counted)', async () => {
    const store = await queued(SYNC_BATCH + 20);
    const calls: any[] = [];
    const client = fakeClient(async ({ variables }) => {
      calls.push(variables.input);
      return {
        data: {
          ticketCodeOfflineSync: {
            results: variables.input.redemptions.map((r: any, i: number) => ({ idempotencyKey: r.idempotencyKey, outcome: i === 0 ? 'CONFLICT' : i === 1 ? 'ALREADY_SYNCED' : 'REDEEMED', conflictId: null, message: null })),
            errors: [],
          },
        },
      };
    });
    const gate = createOfflineGate({ store, client, deviceId: 'clerk Android 7KQ2' });
    const sent = (await store.queue()).map((q) => q.code);
    expect(await gate.sync()).toEqual({ synced: SYNC_BATCH + 20 - 2, conflicts: 2, refused: 0, pending: 0 });
    expect(calls.map((c) => c.redemptions.length)).toEqual([SYNC_BATCH, 20]);
    expect(calls.flatMap((c) => c.redemptions.map((r: any) => r.code))).toEqual(sent);
    expect(calls[0]).toMatchObject({ snapshotId: 'snap-1', deviceId: 'clerk Android 7KQ2' });
    expect(calls[0].redemptions[0]).toEqual({ code: sent[0], idempotencyKey: expect.any(String), redeemedAt: NOW.toISOString() });
    expect(await store.count()).toBe(0);
  });

  it('B7: without the network nothing leaves the queue; an item without a result stays with what follows', async () => {
    const store = await queued(3);
    const offline = createOfflineGate({ store, client: noClient, deviceId: 'd' });
    expect(await offline.sync()).toMatchObject({ networkError: true, pending: 3 });

    const partial = createOfflineGate({
      store,
      deviceId: 'd',
      client: fakeClient(async ({ variables }) => ({
        data: { ticketCodeOfflineSync: { results: [{ idempotencyKey: variables.input.redemptions[0].idempotencyKey, outcome: 'REDEEMED', conflictId: null, message: null }], errors: [] } },
      })),
    });
    expect(await partial.sync()).toMatchObject({ synced: 1, pending: 2 });
  });

  it('B7: a refused batch stays queued and its message is reported; TOO_MANY_ATTEMPTS keeps what was applied and waits', async () => {
    const store = await queued(3);
    const refused = createOfflineGate({
      store,
      deviceId: 'd',
      client: fakeClient(async () => ({ data: { ticketCodeOfflineSync: { results: [], errors: [{ code: 'SNAPSHOT_NOT_FOUND', message: '離線名單不存在' }] } } })),
    });
    expect(await refused.sync()).toMatchObject({ error: '離線名單不存在', pending: 3 });

    const limited = createOfflineGate({
      store,
      deviceId: 'd',
      client: fakeClient(async ({ variables }) => ({
        data: {
          ticketCodeOfflineSync: {
            results: [{ idempotencyKey: variables.input.redemptions[0].idempotencyKey, outcome: 'REDEEMED', conflictId: null, message: null }],
            errors: [{ code: 'TOO_MANY_ATTEMPTS', message: 'later' }],
          },
        },
      })),
    });
    const report = await limited.sync();
    expect(report).toMatchObject({ synced: 1, pending: 2 });
    expect(report.error).toBeUndefined();
  });

  it('B7: two syncs at once send the queue once', async () => {
    const store = await queued(2);
    let calls = 0;
    const gate = createOfflineGate({
      store,
      deviceId: 'd',
      client: fakeClient(async ({ variables }) => {
        calls++;
        await new Promise((r) => setTimeout(r, 20));
        return { data: { ticketCodeOfflineSync: { results: variables.input.redemptions.map((r: any) => ({ idempotencyKey: r.idempotencyKey, outcome: 'REDEEMED', conflictId: null, message: null })), errors: [] } } };
      }),
    });
    await Promise.all([gate.sync(), gate.sync()]);
    expect(calls).toBe(1);
    expect(await store.count()).toBe(0);
  });
});
