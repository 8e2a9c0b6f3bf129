/*
 * B7: what a clerk device keeps for offline redemption, behind one small interface: IndexedDB in the
 * browser (idb-store.ts), memory in tests (memory-store.ts; jsdom has no IndexedDB).
 */

/** A downloaded snapshot without its entries: one product's redeemable codes, until `expiresAt`. */
export interface SnapshotInfo {
  id: string;
  productId: string;
  productTitle: string;
  issuedAt: string;
  expiresAt: string;
  /** base64url; each entry's codeHash is base64url(HMAC-SHA256(hashKey, code)). */
  hashKey: string;
  signature: string;
  /** How many codes it holds. */
  count: number;
  downloadedAt: string;
}

/** One code of a snapshot: no code, no buyer, only what the gate needs. */
export interface SnapshotEntry {
  codeHash: string;
  remaining: number;
  variantName: string;
  splitChild: boolean;
  /** When this device redeemed it (offline, or online once the snapshot was here). */
  usedAt?: string | null;
}

/** A redemption made offline, waiting to be sent (ticketCodeOfflineSync), oldest first. */
export interface QueuedRedemption {
  snapshotId: string;
  code: string;
  idempotencyKey: string;
  redeemedAt: string;
  productTitle: string;
  variantName: string;
}

export type LocalRedemption =
  | { kind: 'redeemed'; entry: SnapshotEntry }
  /** Redeemed on this device already. */
  | { kind: 'used'; entry: SnapshotEntry }
  /** More than one unit left: only online. */
  | { kind: 'multi'; entry: SnapshotEntry }
  /** Not in the snapshot (unknown, void, fully redeemed when it was made, or another snapshot is current). */
  | { kind: 'unknown' };

export interface OfflineStore {
  snapshot(): Promise<SnapshotInfo | null>;
  /** Makes this the device's snapshot; `used` (hashes under its key) are marked as redeemed here. */
  replaceSnapshot(info: SnapshotInfo, entries: SnapshotEntry[], used: string[]): Promise<void>;
  /**
   * In ONE transaction: the entry is single-unit and unused, so it is marked used and `item` queued;
   * two scans of one code at once never both succeed.
   */
  redeem(snapshotId: string, codeHash: string, item: QueuedRedemption): Promise<LocalRedemption>;
  /** After an online redemption: the code is used here too, so it never redeems offline again. */
  markUsed(snapshotId: string, codeHash: string, at: string): Promise<void>;
  /** Every queued redemption, oldest first. */
  queue(): Promise<QueuedRedemption[]>;
  count(): Promise<number>;
  /** Drops these (synced) redemptions from the queue. */
  remove(idempotencyKeys: string[]): Promise<void>;
}

/** The store's decision for an entry, the same in every implementation. */
export function decide(entry: SnapshotEntry | undefined): LocalRedemption | null {
  if (!entry) return { kind: 'unknown' };
  if (entry.usedAt) return { kind: 'used', entry };
  if (entry.remaining !== 1) return { kind: 'multi', entry };
  return null;
}
