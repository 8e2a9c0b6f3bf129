import type { ApolloClient } from '@apollo/client';
import { ClerkOfflineSnapshotCreateDocument, ClerkOfflineSyncDocument } from '../../gql/graphql';
import { newIdempotencyKey } from '../ui-source';
import { codeHasher } from './hash';
import type { OfflineStore, QueuedRedemption, SnapshotInfo } from './store';

/** What an offline scan came to (B7). */
export type OfflineOutcome =
  | { kind: 'redeemed'; code: string; productTitle: string; variantName: string; redeemedAt: string }
  | { kind: 'refused'; reason: OfflineRefusal; code: string; productTitle?: string; variantName?: string };

/**
 * - noSnapshot: offline with nothing downloaded; expired: the snapshot's time is up (go online);
 * - unknown: not in the snapshot; multi: more than one unit left (needs the network);
 * - usedHere: this device redeemed it already; unavailable: no WebCrypto or storage here.
 */
export type OfflineRefusal = 'noSnapshot' | 'expired' | 'unknown' | 'multi' | 'usedHere' | 'unavailable';

export interface SyncReport {
  /** Accepted now or before (REDEEMED, ALREADY_SYNCED). */
  synced: number;
  /** Redeemed elsewhere first: recorded by the server for the admin, never over-redeemed. */
  conflicts: number;
  /** Refused by the server (e.g. refunded since the snapshot). */
  refused: number;
  /** Still queued afterwards. */
  pending: number;
  /** The API was not reached: try again later. */
  networkError?: boolean;
  /** The server's refusal of the whole batch (its message); the batch stays queued. */
  error?: string;
}

/** At most 200 a call (the contract); smaller batches keep a slow link's requests short. */
export const SYNC_BATCH = 100;

export interface OfflineGate {
  snapshot(): Promise<SnapshotInfo | null>;
  /** Downloads the product's snapshot for this device; resolves to the server's refusal, or null. */
  download(productId: string): Promise<string | null>;
  /** Redeems one unit of `code` from the snapshot, at most once on this device. */
  redeem(code: string): Promise<OfflineOutcome>;
  /** After an online redemption of `code`: used here too. */
  redeemedOnline(code: string): Promise<void>;
  /** Sends the queue in order, in batches; one sync at a time (also across tabs). */
  sync(): Promise<SyncReport>;
  pending(): Promise<number>;
}

export interface OfflineGateOptions {
  store: OfflineStore;
  client: ApolloClient;
  /** R2: recorded with each redemption (deviceLabel). */
  deviceId: string;
  now?: () => Date;
}

export function createOfflineGate({ store, client, deviceId, now = () => new Date() }: OfflineGateOptions): OfflineGate {
  let hasher: { key: string; hash: Promise<(code: string) => Promise<string>> } | null = null;
  const hashFor = (info: SnapshotInfo) => {
    if (hasher?.key !== info.hashKey) hasher = { key: info.hashKey, hash: codeHasher(info.hashKey) };
    return hasher.hash;
  };
  let running: Promise<SyncReport> | null = null;

  async function syncNow(): Promise<SyncReport> {
    const report: SyncReport = { synced: 0, conflicts: 0, refused: 0, pending: 0 };
    let queue: QueuedRedemption[] = await store.queue();
    while (queue.length) {
      const snapshotId = queue[0]!.snapshotId;
      const batch: QueuedRedemption[] = [];
      for (const item of queue) {
        if (item.snapshotId !== snapshotId || batch.length === SYNC_BATCH) break;
        batch.push(item);
      }
      let payload;
      try {
        const { data } = await client.mutate({
          mutation: ClerkOfflineSyncDocument,
          variables: { input: { snapshotId, deviceId, redemptions: batch.map(({ code, idempotencyKey, redeemedAt }) => ({ code, idempotencyKey, redeemedAt })) } },
          fetchPolicy: 'no-cache',
        });
        payload = data?.ticketCodeOfflineSync;
      } catch {
        report.networkError = true;
        break;
      }
      if (!payload) {
        report.networkError = true;
        break;
      }
      const sent = new Set(batch.map((b) => b.idempotencyKey));
      const answered = payload.results.filter((r) => sent.has(r.idempotencyKey));
      for (const r of answered) {
        if (r.outcome === 'CONFLICT') report.conflicts++;
        else if (r.outcome === 'REFUSED') report.refused++;
        else report.synced++;
      }
      // Each item leaves the queue by its own result; one without a result stays, and so does what follows it.
      await store.remove(answered.map((r) => r.idempotencyKey));
      const refusal = payload.errors[0];
      if (refusal) {
        // TOO_MANY_ATTEMPTS answers the ones before it: the rest goes at the next try. Anything else
        // (the snapshot unknown or long expired) keeps the batch queued and is shown to the clerk.
        if (refusal.code !== 'TOO_MANY_ATTEMPTS') report.error = refusal.message;
        break;
      }
      if (answered.length < batch.length) break;
      queue = queue.slice(batch.length);
    }
    report.pending = await store.count();
    return report;
  }

  return {
    snapshot: () => store.snapshot(),

    async download(productId) {
      const { data } = await client.mutate({ mutation: ClerkOfflineSnapshotCreateDocument, variables: { input: { productId, deviceId } }, fetchPolicy: 'no-cache' });
      const payload = data?.offlineSnapshotCreate;
      if (!payload?.snapshot) return payload?.errors[0]?.message ?? 'error';
      const { entries, ...info } = payload.snapshot;
      // Codes redeemed here but not yet synced are still redeemable on the server's copy: mark them used.
      const hash = await hashFor(info as SnapshotInfo);
      const used = await Promise.all((await store.queue()).map((q) => hash(q.code)));
      await store.replaceSnapshot(
        { ...info, productId: String(info.productId), count: entries.length, downloadedAt: now().toISOString() },
        entries.map(({ codeHash, remaining, variantName, splitChild }) => ({ codeHash, remaining, variantName, splitChild })),
        used,
      );
      return null;
    },

    async redeem(code) {
      const info = await store.snapshot();
      if (!info) return { kind: 'refused', reason: 'noSnapshot', code };
      if (new Date(info.expiresAt) <= now()) return { kind: 'refused', reason: 'expired', code, productTitle: info.productTitle };
      let codeHash: string;
      try {
        codeHash = await (await hashFor(info))(code);
      } catch {
        return { kind: 'refused', reason: 'unavailable', code };
      }
      const redeemedAt = now().toISOString();
      const local = await store.redeem(info.id, codeHash, { snapshotId: info.id, code, idempotencyKey: newIdempotencyKey(), redeemedAt, productTitle: info.productTitle, variantName: '' });
      const about = { code, productTitle: info.productTitle, variantName: 'entry' in local ? local.entry.variantName : undefined };
      if (local.kind === 'redeemed') return { kind: 'redeemed', ...about, variantName: local.entry.variantName, redeemedAt };
      return { kind: 'refused', reason: local.kind === 'used' ? 'usedHere' : local.kind, ...about };
    },

    async redeemedOnline(code) {
      const info = await store.snapshot();
      if (!info) return;
      try {
        await store.markUsed(info.id, await (await hashFor(info))(code), now().toISOString());
      } catch {
        // no WebCrypto: the server refuses a second redemption at sync (a conflict), never over-redeems
      }
    },

    sync() {
      const run = (): Promise<SyncReport> => (navigator.locks ? navigator.locks.request('clerk-offline-sync', syncNow).then((report) => report) : syncNow());
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },

    pending: () => store.count(),
  };
}
