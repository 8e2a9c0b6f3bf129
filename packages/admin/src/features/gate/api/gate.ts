import { graphql } from '../../../gql';

/** B2: what the live gate board shows (the query and the subscription answer the same). */
graphql(`
  fragment GateBoardFigures on GateCounts {
    at
    products {
      productId
      title
      sold
      redeemedToday
      remaining
    }
    clerks {
      clerkId
      name
      redeemedToday
    }
  }
`);

/** B2: pushed at once, then after every redemption that changes the counts (graphql-ws on /graphql). */
export const GateBoardLiveDocument = graphql(`
  subscription GateBoardLive($productId: ID) {
    gateCounts(productId: $productId) {
      ...GateBoardFigures
    }
  }
`);

/** B2: the same counts over HTTP, polled when the socket cannot be used. */
export const GateBoardCountsDocument = graphql(`
  query GateBoardCounts($productId: ID) {
    gateCounts(productId: $productId) {
      ...GateBoardFigures
    }
  }
`);

/** The ticket products to choose from (drafts and products on sale; ARCHIVED only by address). */
export const GateBoardProductsDocument = graphql(`
  query GateBoardProducts {
    products(kind: TICKET, first: 100) {
      edges {
        node {
          id
          title
        }
      }
    }
  }
`);
