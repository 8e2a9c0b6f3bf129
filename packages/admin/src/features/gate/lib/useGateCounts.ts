import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { GateBoardCountsDocument } from '../api/gate';
import type { GateCounts, LiveStatus, SubscribeGateCounts } from './live';

/** Without a socket, the counts are asked for this often. */
export const GATE_POLL_MS = 10_000;

/** How the board gets its numbers: the socket's states, or polling after it gave up. */
export type GateMode = LiveStatus | 'polling';

export interface GateCountsState {
  /** Null until the first answer for this product (or all products). */
  counts: GateCounts | null;
  mode: GateMode;
  /** Polling, and the last poll failed (the numbers shown are older). */
  pollFailed: boolean;
  /** Tries the socket again after polling began. */
  reconnect(): void;
}

/**
 * B2: the gate counts of one product (all products with null), pushed by the gateCounts subscription; when
 * the socket fails, the gateCounts query every 10 s instead, until `reconnect`. Another product starts from
 * nothing (no numbers of the previous one shown under the new name).
 */
export function useGateCounts(productId: string | null, subscribe: SubscribeGateCounts): GateCountsState {
  const [live, setLive] = useState<{ key: string; counts: GateCounts } | null>(null);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const key = productId ?? '';

  useEffect(() => {
    if (failed) return;
    setStatus('connecting');
    return subscribe(productId, {
      data: (counts) => setLive({ key, counts }),
      status: setStatus,
      fail: () => setFailed(true),
    });
  }, [subscribe, productId, key, failed, attempt]);

  const polled = useQuery(GateBoardCountsDocument, {
    variables: { productId },
    skip: !failed,
    pollInterval: GATE_POLL_MS,
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: false,
  });
  const polledCounts = failed ? polled.data?.gateCounts : undefined;
  const liveCounts = live?.key === key ? live.counts : null;

  return {
    counts: polledCounts ?? liveCounts,
    mode: failed ? 'polling' : status,
    pollFailed: failed && !!polled.error,
    reconnect: () => {
      setFailed(false);
      setAttempt((n) => n + 1);
    },
  };
}
