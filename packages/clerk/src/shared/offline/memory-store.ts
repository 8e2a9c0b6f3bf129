import { decide, type OfflineStore, type QueuedRedemption, type SnapshotEntry, type SnapshotInfo } from './store';

/** The offline store in memory: for tests, and where IndexedDB is missing (then nothing survives a reload). */
export function memoryStore(): OfflineStore {
  let info: SnapshotInfo | null = null;
  let entries = new Map<string, SnapshotEntry>();
  let queue: QueuedRedemption[] = [];
  return {
    async snapshot() {
      return info;
    },
    async replaceSnapshot(next, list, used) {
      const at = new Date().toISOString();
      info = next;
      entries = new Map(list.map((e) => [e.codeHash, { ...e, usedAt: used.includes(e.codeHash) ? at : (e.usedAt ?? null) }]));
    },
    async redeem(snapshotId, codeHash, item) {
      // Check and mark with no await in between: the same atomicity as one IndexedDB transaction.
      const entry = info?.id === snapshotId ? entries.get(codeHash) : undefined;
      const refused = decide(entry);
      if (refused) return refused;
      const used = { ...entry!, usedAt: item.redeemedAt };
      entries.set(codeHash, used);
      queue.push({ ...item, variantName: used.variantName });
      return { kind: 'redeemed', entry: used };
    },
    async markUsed(snapshotId, codeHash, at) {
      const entry = info?.id === snapshotId ? entries.get(codeHash) : undefined;
      if (entry) entries.set(codeHash, { ...entry, usedAt: at });
    },
    async queue() {
      return [...queue];
    },
    async count() {
      return queue.length;
    },
    async remove(keys) {
      queue = queue.filter((q) => !keys.includes(q.idempotencyKey));
    },
  };
}
