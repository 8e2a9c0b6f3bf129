import { randomBytes } from 'node:crypto';
import { base64url, codeHasher } from '../shared/offline/hash';
import { memoryStore } from '../shared/offline/memory-store';
import type { SnapshotInfo } from '../shared/offline/store';

export const HASH_KEY = base64url(randomBytes(32));

export function snapshotInfo(overrides: Partial<SnapshotInfo> = {}): SnapshotInfo {
  const issued = new Date();
  return {
    id: 'snap-1',
    productId: 'p1',
    productTitle: '草地音樂節',
    issuedAt: issued.toISOString(),
    expiresAt: new Date(issued.getTime() + 12 * 3600_000 - 60_000).toISOString(),
    hashKey: HASH_KEY,
    signature: 'sig',
    count: 0,
    downloadedAt: issued.toISOString(),
    ...overrides,
  };
}

/** A device store holding a snapshot of these codes (remaining units each). */
export async function storeWith(codes: Record<string, number>, overrides: Partial<SnapshotInfo> = {}) {
  const store = memoryStore();
  const hash = await codeHasher(HASH_KEY);
  const entries = await Promise.all(Object.entries(codes).map(async ([code, remaining]) => ({ codeHash: await hash(code), remaining, variantName: '早鳥票', splitChild: false })));
  await store.replaceSnapshot(snapshotInfo({ count: entries.length, ...overrides }), entries, []);
  return store;
}

/** The browser's network switch, as navigator.onLine and the online/offline events. */
export function setOnline(online: boolean): void {
  Object.defineProperty(navigator, 'onLine', { value: online, configurable: true });
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

export function restoreOnline(): void {
  delete (navigator as { onLine?: boolean }).onLine;
}
