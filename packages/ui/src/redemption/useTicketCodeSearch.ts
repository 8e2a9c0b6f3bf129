import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useCallback } from 'react';
import { RedemptionTicketSearchDocument, type TicketCodeRow } from './documents';
import type { TicketCodeSearch } from './TicketCodeSearchForm';

export interface TicketCodeSearchResult {
  rows: TicketCodeRow[];
  totalCount: number;
  hasMore: boolean;
  /** The first page is on its way. */
  loading: boolean;
  loadingMore: boolean;
  error: Error | null;
  loadMore(): Promise<void>;
  refetch(): Promise<void>;
}

/** R3: the redemption list, `pageSize` at a time ("載入更多" appends the next page). Fresh on every visit. */
export function useTicketCodeSearch(search: TicketCodeSearch | null, pageSize = 20): TicketCodeSearchResult {
  const query = search?.query.trim();
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(RedemptionTicketSearchDocument, {
    variables: { search: search && query ? { field: search.field, query } : null, first: pageSize },
    fetchPolicy: 'network-only',
    nextFetchPolicy: 'cache-first',
    notifyOnNetworkStatusChange: true,
  });
  const page = data?.ticketCodes;

  const loadMore = useCallback(async () => {
    if (!page?.pageInfo.hasNextPage) return;
    await fetchMore({
      variables: { after: page.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        ticketCodes: {
          ...fetchMoreResult.ticketCodes,
          edges: [...previous.ticketCodes.edges, ...fetchMoreResult.ticketCodes.edges],
        },
      }),
    });
  }, [fetchMore, page]);

  const again = useCallback(async () => {
    await refetch();
  }, [refetch]);

  return {
    rows: page?.edges.map((e) => e.node) ?? [],
    totalCount: page?.totalCount ?? 0,
    hasMore: page?.pageInfo.hasNextPage ?? false,
    loading: !page && (networkStatus === NetworkStatus.loading || networkStatus === NetworkStatus.setVariables),
    loadingMore: networkStatus === NetworkStatus.fetchMore,
    error: error ?? null,
    loadMore,
    refetch: again,
  };
}
