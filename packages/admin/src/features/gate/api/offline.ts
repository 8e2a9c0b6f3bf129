import { graphql } from '../../../gql';

graphql(`
  fragment OfflineConflictRow on OfflineConflict {
    id
    code
    productId
    productTitle
    variantName
    createdAt
    resolvedAt
    resolvedByName
    resolution
    note
    winner {
      deviceId
      clerkName
      at
      channel
    }
    loser {
      deviceId
      clerkName
      at
      channel
    }
  }
`);

graphql(`
  fragment OfflineActivityRow on OfflineActivity {
    id
    kind
    snapshotId
    productId
    productTitle
    deviceId
    byName
    at
    entries
    expiresAt
    redeemed
    alreadySynced
    conflicts
    refused
  }
`);

/** B7: codes redeemed offline after they were used up elsewhere, newest first (CATALOG_MANAGE or REPORTS_READ). */
export const OfflineConflictsDocument = graphql(`
  query OfflineConflicts($resolved: Boolean, $first: Int, $after: String) {
    offlineConflicts(resolved: $resolved, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...OfflineConflictRow
        }
      }
    }
  }
`);

/** B7: marks a conflict seen, with what the admin concluded and a note (CATALOG_MANAGE); the books do not change. */
export const OfflineConflictResolveDocument = graphql(`
  mutation OfflineConflictResolve($input: OfflineConflictResolveInput!) {
    offlineConflictResolve(input: $input) {
      conflict {
        ...OfflineConflictRow
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** B7: snapshot downloads and syncs, newest first (CATALOG_MANAGE or REPORTS_READ). */
export const OfflineActivityDocument = graphql(`
  query OfflineActivity($first: Int, $after: String) {
    offlineActivity(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...OfflineActivityRow
        }
      }
    }
  }
`);
