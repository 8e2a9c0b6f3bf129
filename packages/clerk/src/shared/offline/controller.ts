import type { ApolloClient } from '@apollo/client';
import { createOfflineGate, type OfflineOutcome, type SyncReport } from './gate';
import type { OfflineStore, SnapshotInfo } from './store';

/** Conflicts reported by syncs and not yet acknowledged by the clerk (kept across reloads). */
const CONFLICTS_KEY = 'clerk.offlineConflicts';
/** While redemptions wait, a sync is tried this often (and at once when the browser is back online). */
export const SYNC_RETRY_MS = 30_000;

export interface OfflineState {
  /** The device's snapshot, or null. */
  snapshot: SnapshotInfo | null;
  /** Offline redemptions waiting to sync. */
  pending: number;
  /** Conflicts reported by the server since the clerk last dismissed them. */
  conflicts: number;
  /** Redemptions the server refused at the last sync. */
  refused: number;
  syncing: boolean;
  /** The server's refusal of the last sync, if any. */
  syncError: string | null;
}

export const readConflicts = (): number => Number(localStorage.getItem(CONFLICTS_KEY)) || 0;

export interface OfflineController {
  snapshot(): Promise<SnapshotInfo | null>;
  redeem(code: string): Promise<OfflineOutcome>;
  download(productId: string): Promise<string | null>;
  /** Sends the queue now (null when it is empty). */
  sync(): Promise<SyncReport | null>;
  redeemedOnline(code: string): Promise<void>;
  dismissConflicts(): void;
  /** Whether to sync by itself (off while signed out: the queue is sent as the signed-in clerk). */
  setActive(active: boolean): void;
  stop(): void;
}

/**
 * B7 for the app (loaded after the first screen): the offline gate plus its upkeep: state for the screens,
 * a sync when the browser comes back online, and every 30 s while redemptions wait.
 */
export function startOffline(options: { store: OfflineStore; client: ApolloClient; deviceId: string; onState(update: (state: OfflineState) => OfflineState): void }): OfflineController {
  const gate = createOfflineGate(options);
  const set = (patch: Partial<OfflineState>) => options.onState((s) => ({ ...s, ...patch }));
  let active = false;

  const refresh = async () => {
    const [snapshot, pending] = await Promise.all([gate.snapshot(), gate.pending()]);
    set({ snapshot, pending });
    return pending;
  };

  async function sync(): Promise<SyncReport | null> {
    if ((await gate.pending()) === 0) return null;
    set({ syncing: true });
    const report = await gate.sync();
    const conflicts = readConflicts() + report.conflicts;
    if (report.conflicts) localStorage.setItem(CONFLICTS_KEY, String(conflicts));
    options.onState((s) => ({
      ...s,
      syncing: false,
      pending: report.pending,
      conflicts,
      refused: report.networkError ? s.refused : report.refused,
      syncError: report.error ?? null,
    }));
    return report;
  }

  const onOnline = () => void (active && sync());
  addEventListener('online', onOnline);
  const timer = setInterval(() => void (active && navigator.onLine && sync()), SYNC_RETRY_MS);
  void refresh();

  return {
    snapshot: () => gate.snapshot(),
    async redeem(code) {
      const outcome = await gate.redeem(code);
      if (outcome.kind === 'redeemed') options.onState((s) => ({ ...s, pending: s.pending + 1 }));
      return outcome;
    },
    async download(productId) {
      const refusal = await gate.download(productId);
      await refresh();
      return refusal;
    },
    sync,
    redeemedOnline: (code) => gate.redeemedOnline(code),
    dismissConflicts() {
      localStorage.removeItem(CONFLICTS_KEY);
      set({ conflicts: 0, refused: 0 });
    },
    setActive(next) {
      const starting = next && !active;
      active = next;
      if (starting)
        void refresh().then((pending) => {
          if (pending && navigator.onLine) void sync();
        });
    },
    stop() {
      removeEventListener('online', onOnline);
      clearInterval(timer);
    },
  };
}
