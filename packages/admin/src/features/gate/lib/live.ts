import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import type { GateBoardFiguresFragment, GateBoardLiveSubscription } from '../../../gql/graphql';
import { GateBoardLiveDocument } from '../api/gate';

export type GateCounts = GateBoardFiguresFragment;

/** Where the socket stands: opening for the first time, open and pushing, or trying again after it closed. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface GateCountsSink {
  data(counts: GateCounts): void;
  status(status: LiveStatus): void;
  /** The socket gave up (its retries are spent, or the server ended the subscription): poll instead. */
  fail(): void;
}

/** Starts pushing one product's counts (all products with null) to `sink`; returns the way to stop. */
export type SubscribeGateCounts = (productId: string | null, sink: GateCountsSink) => () => void;

/**
 * B2: gateCounts pushed over graphql-ws on the app's own origin (/graphql, subprotocol
 * graphql-transport-ws), as the clerk app does: the session cookie rides along with the upgrade request,
 * so no connectionParams. A closed socket is tried again a few times (reconnecting) before `fail`.
 * graphql-ws loads with the gate board's chunk only, never with the admin's first load.
 */
export const subscribeGateCounts: SubscribeGateCounts = (productId, sink) => {
  let stopped = false;
  const client = createClient({
    url: `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`,
    retryAttempts: 3,
    connectionAckWaitTimeout: 10_000,
    // A screen left open at the gate all day: pings keep idle proxies from dropping the socket.
    keepAlive: 20_000,
    on: {
      connecting: (isRetry) => !stopped && sink.status(isRetry ? 'reconnecting' : 'connecting'),
      connected: () => !stopped && sink.status('live'),
      closed: () => !stopped && sink.status('reconnecting'),
    },
  });
  const fail = () => {
    if (stopped) return;
    stopped = true;
    sink.fail();
    void client.dispose();
  };
  const unsubscribe = client.subscribe<GateBoardLiveSubscription>(
    { query: print(GateBoardLiveDocument), variables: { productId } },
    {
      next: ({ data }) => {
        if (stopped || !data) return;
        sink.status('live');
        sink.data(data.gateCounts);
      },
      error: fail,
      complete: fail,
    },
  );
  return () => {
    stopped = true;
    unsubscribe();
    void client.dispose();
  };
};
