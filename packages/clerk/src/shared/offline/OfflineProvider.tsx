import { useApolloClient } from '@apollo/client/react';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { OfflineController, OfflineState } from './controller';
import type { OfflineOutcome, SyncReport } from './gate';
import type { OfflineStore, SnapshotInfo } from './store';

/** After the API could not be reached, scans go straight to the snapshot for this long. */
const UNREACHABLE_MS = 15_000;

export type { OfflineState } from './controller';

export interface Offline extends OfflineState {
  /** The snapshot as stored (the state may not have it yet right after a reload). */
  currentSnapshot(): Promise<SnapshotInfo | null>;
  redeem(code: string): Promise<OfflineOutcome>;
  download(productId: string): Promise<string | null>;
  sync(): Promise<SyncReport | null>;
  redeemedOnline(code: string): void;
  dismissConflicts(): void;
  /** The API failed to answer a moment ago: don't wait for it again on the next scan. */
  markUnreachable(): void;
  /** Whether to go straight to the snapshot: the browser is offline, or the API just failed. */
  shouldGoOffline(): boolean;
}

const OfflineContext = createContext<Offline | null>(null);

async function defaultStore(): Promise<OfflineStore> {
  try {
    return await (await import('./idb-store')).idbStore();
  } catch {
    return (await import('./memory-store')).memoryStore();
  }
}

export interface OfflineProviderProps {
  /** R2/B7: the device, as recorded with each redemption and sync. */
  deviceId: string;
  /** Where the snapshot and queue live (IndexedDB by default). */
  openStore?: () => Promise<OfflineStore>;
  /** Whether to sync by itself (off while signed out). */
  active?: boolean;
  children: ReactNode;
}

/**
 * B7 for the whole app: the snapshot, the queue of offline redemptions and its sync. The engine
 * (controller.ts, gate.ts, idb) loads after the first screen, from the service worker's cache offline.
 */
export function OfflineProvider({ deviceId, openStore = defaultStore, active = true, children }: OfflineProviderProps) {
  const client = useApolloClient();
  const [state, setState] = useState<OfflineState>(() => ({
    snapshot: null,
    pending: 0,
    conflicts: Number(localStorage.getItem('clerk.offlineConflicts')) || 0,
    refused: 0,
    syncing: false,
    syncError: null,
  }));
  const [controller, setController] = useState<Promise<OfflineController> | null>(null);
  const unreachableUntil = useRef(0);

  useEffect(() => {
    const started = Promise.all([import('./controller'), openStore()]).then(([{ startOffline }, store]) => startOffline({ store, client, deviceId, onState: setState }));
    setController(started);
    return () => void started.then((c) => c.stop());
  }, [client, deviceId, openStore]);

  useEffect(() => {
    void controller?.then((c) => c.setActive(active));
  }, [active, controller]);

  const value = useMemo<Offline>(() => {
    const ready = () => controller ?? Promise.reject(new Error('offline not started'));
    return {
      ...state,
      currentSnapshot: () => ready().then((c) => c.snapshot()),
      redeem: (code) => ready().then((c) => c.redeem(code)),
      download: (productId) => ready().then((c) => c.download(productId)),
      sync: () => ready().then((c) => c.sync()),
      redeemedOnline: (code) => void ready().then((c) => c.redeemedOnline(code)),
      dismissConflicts: () => void ready().then((c) => c.dismissConflicts()),
      markUnreachable: () => {
        unreachableUntil.current = Date.now() + UNREACHABLE_MS;
      },
      shouldGoOffline: () => !navigator.onLine || Date.now() < unreachableUntil.current,
    };
  }, [controller, state]);
  return <OfflineContext.Provider value={value}>{children}</OfflineContext.Provider>;
}

export function useOffline(): Offline {
  const offline = useContext(OfflineContext);
  if (!offline) throw new Error('useOffline must be used inside <OfflineProvider>');
  return offline;
}
