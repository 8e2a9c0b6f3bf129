import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import { ClerkGateCountsLiveDocument, type ClerkGateCountsLiveSubscription } from '../../gql/graphql';

export type GateCounts = ClerkGateCountsLiveSubscription['gateCounts'];

/**
 * B2: gateCounts pushed over graphql-ws on the app's own origin (/graphql, the session cookie rides along).
 * `onFail` once the socket gave up (a few retries): the caller polls instead.
 */
export function subscribeGateCounts(onData: (counts: GateCounts) => void, onFail: () => void): () => void {
  const client = createClient({
    url: `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`,
    retryAttempts: 3,
    connectionAckWaitTimeout: 10_000,
  });
  let failed = false;
  const fail = () => {
    if (failed) return;
    failed = true;
    onFail();
  };
  const unsubscribe = client.subscribe<ClerkGateCountsLiveSubscription>(
    { query: print(ClerkGateCountsLiveDocument) },
    { next: ({ data }) => data && onData(data.gateCounts), error: fail, complete: fail },
  );
  return () => {
    failed = true;
    unsubscribe();
    void client.dispose();
  };
}
