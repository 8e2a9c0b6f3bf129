import { graphql } from '../../../gql';

graphql(`
  fragment ProductRow on Product {
    id
    kind
    title
    status
    images
    variants {
      id
      price
    }
  }
`);

graphql(`
  fragment ProductDetail on Product {
    id
    kind
    title
    description
    terms
    images
    status
    validFrom
    validUntil
    shippingFee
    freeShippingThreshold
    variants {
      id
      name
      price
      stockAvailable
      saleStartsAt
      saleEndsAt
    }
  }
`);

/** 電子票券列表: without `status`, staff see drafts and products on sale; ARCHIVED only when asked for. */
export const ProductsDocument = graphql(`
  query Products($kind: ProductKind, $status: ProductStatus, $first: Int, $after: String) {
    products(kind: $kind, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ProductRow
        }
      }
    }
  }
`);

/** B7: a ticket product's offline redemption (off by default; a snapshot usable 12 hours unless set). */
graphql(`
  fragment ProductOfflineSettings on Product {
    id
    offlineRedemption
    offlineWindowHours
  }
`);

export const ProductDocument = graphql(`
  query Product($id: ID!) {
    product(id: $id) {
      ...ProductDetail
      ...ProductOfflineSettings
    }
  }
`);

/** B7: turns offline redemption on or off and sets the snapshot window (1 to 72 hours). */
export const ProductOfflineSettingsUpdateDocument = graphql(`
  mutation ProductOfflineSettingsUpdate($input: ProductOfflineSettingsUpdateInput!) {
    productOfflineSettingsUpdate(input: $input) {
      product {
        ...ProductOfflineSettings
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const ProductCreateDocument = graphql(`
  mutation ProductCreate($input: ProductCreateInput!) {
    productCreate(input: $input) {
      product {
        ...ProductDetail
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const ProductUpdateDocument = graphql(`
  mutation ProductUpdate($input: ProductUpdateInput!) {
    productUpdate(input: $input) {
      product {
        ...ProductDetail
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const ProductArchiveDocument = graphql(`
  mutation ProductArchive($input: ProductArchiveInput!) {
    productArchive(input: $input) {
      product {
        id
        status
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

graphql(`
  fragment VariantOptionProduct on Product {
    id
    kind
    title
    variants {
      id
      name
    }
  }
`);

/** Every ticket type / goods variant of drafts and products on sale, for "product — ticket type" pickers. */
export const VariantOptionsDocument = graphql(`
  query VariantOptions {
    products(first: 100) {
      edges {
        node {
          ...VariantOptionProduct
        }
      }
    }
  }
`);

/**
 * Archived products, only to name what existing groups already hold. A query of its own: together with
 * the one above it would pass the server's query cost limit.
 */
export const ArchivedVariantLabelsDocument = graphql(`
  query ArchivedVariantLabels {
    products(status: ARCHIVED, first: 100) {
      edges {
        node {
          ...VariantOptionProduct
        }
      }
    }
  }
`);

export const PurchaseLimitGroupsDocument = graphql(`
  query PurchaseLimitGroups {
    purchaseLimitGroups {
      id
      name
      maxQuantity
      variants {
        id
        name
      }
    }
  }
`);

export const PurchaseLimitGroupCreateDocument = graphql(`
  mutation PurchaseLimitGroupCreate($input: PurchaseLimitGroupCreateInput!) {
    purchaseLimitGroupCreate(input: $input) {
      purchaseLimitGroup {
        id
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const MixMatchDiscountsDocument = graphql(`
  query MixMatchDiscounts {
    mixMatchDiscounts {
      id
      name
      active
      requiredQuantity
      fixedPrice
      percentOff
      variants {
        id
        name
      }
    }
  }
`);

export const MixMatchDiscountCreateDocument = graphql(`
  mutation MixMatchDiscountCreate($input: MixMatchDiscountCreateInput!) {
    mixMatchDiscountCreate(input: $input) {
      mixMatchDiscount {
        id
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** A DRAFT copy of a product with its ticket types, nothing sold. */
export const ProductDuplicateDocument = graphql(`
  mutation ProductDuplicate($input: ProductDuplicateInput!) {
    productDuplicate(input: $input) {
      product {
        ...ProductRow
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const PurchaseLimitGroupUpdateDocument = graphql(`
  mutation PurchaseLimitGroupUpdate($input: PurchaseLimitGroupUpdateInput!) {
    purchaseLimitGroupUpdate(input: $input) {
      purchaseLimitGroup {
        id
        name
        maxQuantity
        variants {
          id
          name
        }
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const PurchaseLimitGroupDeleteDocument = graphql(`
  mutation PurchaseLimitGroupDelete($input: PurchaseLimitGroupDeleteInput!) {
    purchaseLimitGroupDelete(input: $input) {
      deletedId
      errors {
        code
        message
        field
      }
    }
  }
`);

export const MixMatchDiscountUpdateDocument = graphql(`
  mutation MixMatchDiscountUpdate($input: MixMatchDiscountUpdateInput!) {
    mixMatchDiscountUpdate(input: $input) {
      mixMatchDiscount {
        id
        name
        active
        requiredQuantity
        fixedPrice
        percentOff
        variants {
          id
          name
        }
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const MixMatchDiscountDeleteDocument = graphql(`
  mutation MixMatchDiscountDelete($input: MixMatchDiscountDeleteInput!) {
    mixMatchDiscountDelete(input: $input) {
      deletedId
      errors {
        code
        message
        field
      }
    }
  }
`);
