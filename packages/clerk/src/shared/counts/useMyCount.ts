import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { ClerkGateCountsDocument } from '../../gql/graphql';
import { subscribeGateCounts, type GateCounts } from './live';

/** Without a socket, the count is asked for this often. */
export const COUNT_POLL_MS = 30_000;

export type SubscribeCounts = (onData: (counts: GateCounts) => void, onFail: () => void) => () => void;

/**
 * B2 (loaded after the first screen, with graphql-ws, by MyCount): how many this clerk redeemed today, pushed by the gateCounts subscription; if the socket fails,
 * the gateCounts query every 30 s. Null until the first answer.
 */
export function useMyCount(clerkId: string | undefined, subscribe: SubscribeCounts = subscribeGateCounts): number | null {
  const client = useApolloClient();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!clerkId) return;
    const take = (counts: GateCounts) => {
      const mine = counts.clerks.find((c) => String(c.clerkId) === clerkId) ?? counts.clerks[0];
      setCount(mine?.redeemedToday ?? 0);
    };
    let timer: ReturnType<typeof setInterval> | undefined;
    const poll = () =>
      client
        .query({ query: ClerkGateCountsDocument, fetchPolicy: 'network-only' })
        .then(({ data }) => data && take(data.gateCounts))
        .catch(() => {});
    const stop = subscribe(take, () => {
      if (timer) return;
      void poll();
      timer = setInterval(poll, COUNT_POLL_MS);
    });
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [client, clerkId, subscribe]);
  return count;
}
