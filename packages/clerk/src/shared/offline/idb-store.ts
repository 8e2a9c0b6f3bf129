import { openDB, type DBSchema } from 'idb';
import { decide, type OfflineStore, type QueuedRedemption, type SnapshotEntry, type SnapshotInfo } from './store';

interface ClerkOfflineDB extends DBSchema {
  /** The current snapshot's header, under the key 'current'. */
  meta: { key: string; value: SnapshotInfo };
  /** The current snapshot's codes, by hash. */
  entries: { key: string; value: SnapshotEntry };
  /** Offline redemptions waiting to sync, in the order they were made. */
  queue: { key: number; value: QueuedRedemption; indexes: { idempotencyKey: string } };
}

/** B7: the device's snapshot and sync queue in IndexedDB (they survive reloads, restarts and updates). */
export async function idbStore(name = 'clerk-offline'): Promise<OfflineStore> {
  const db = await openDB<ClerkOfflineDB>(name, 1, {
    upgrade(db) {
      db.createObjectStore('meta');
      db.createObjectStore('entries', { keyPath: 'codeHash' });
      db.createObjectStore('queue', { autoIncrement: true }).createIndex('idempotencyKey', 'idempotencyKey', { unique: true });
    },
  });
  return {
    async snapshot() {
      return (await db.get('meta', 'current')) ?? null;
    },
    async replaceSnapshot(info, list, used) {
      const at = new Date().toISOString();
      const usedHere = new Set(used);
      const tx = db.transaction(['meta', 'entries'], 'readwrite');
      const entries = tx.objectStore('entries');
      void entries.clear();
      for (const e of list) void entries.put({ ...e, usedAt: usedHere.has(e.codeHash) ? at : (e.usedAt ?? null) });
      void tx.objectStore('meta').put(info, 'current');
      await tx.done;
    },
    async redeem(snapshotId, codeHash, item) {
      // One readwrite transaction over the three stores: IndexedDB runs overlapping ones one after the
      // other, so a second scan of the code (this tab or another) sees it used.
      const tx = db.transaction(['meta', 'entries', 'queue'], 'readwrite');
      const current = await tx.objectStore('meta').get('current');
      const entry = current?.id === snapshotId ? await tx.objectStore('entries').get(codeHash) : undefined;
      const refused = decide(entry);
      if (refused) {
        tx.abort();
        await tx.done.catch(() => {});
        return refused;
      }
      const used = { ...entry!, usedAt: item.redeemedAt };
      void tx.objectStore('entries').put(used);
      void tx.objectStore('queue').add({ ...item, variantName: used.variantName });
      await tx.done;
      return { kind: 'redeemed', entry: used };
    },
    async markUsed(snapshotId, codeHash, at) {
      const tx = db.transaction(['meta', 'entries'], 'readwrite');
      const current = await tx.objectStore('meta').get('current');
      const entry = current?.id === snapshotId ? await tx.objectStore('entries').get(codeHash) : undefined;
      if (entry) void tx.objectStore('entries').put({ ...entry, usedAt: at });
      await tx.done;
    },
    async queue() {
      return db.getAll('queue');
    },
    async count() {
      return db.count('queue');
    },
    async remove(keys) {
      const tx = db.transaction('queue', 'readwrite');
      const index = tx.store.index('idempotencyKey');
      for (const key of keys) {
        const primary = await index.getKey(key);
        if (primary !== undefined) void tx.store.delete(primary);
      }
      await tx.done;
    },
  };
}
