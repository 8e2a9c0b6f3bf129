import { graphql } from '../../../gql';

/** The home page: ticket products first, then goods (each list capped by `first`). */
export const CatalogHomeDocument = graphql(`
  query CatalogHome($first: Int!) {
    tickets: products(kind: TICKET, first: $first) {
      edges {
        node {
          id
          ...ProductCard_product
        }
      }
      pageInfo {
        hasNextPage
      }
      totalCount
    }
    goods: products(kind: GOODS, first: $first) {
      edges {
        node {
          id
          ...ProductCard_product
        }
      }
      pageInfo {
        hasNextPage
      }
      totalCount
    }
  }
`);

export const ProductPageDocument = graphql(`
  query ProductPage($id: ID!) {
    product(id: $id) {
      id
      kind
      status
      title
      description
      terms
      images
      validFrom
      validUntil
      shippingFee
      freeShippingThreshold
      variants {
        id
        ...VariantRow_variant
      }
    }
    mixMatchDiscounts {
      id
      ...MixMatchOffers_discount
    }
  }
`);
