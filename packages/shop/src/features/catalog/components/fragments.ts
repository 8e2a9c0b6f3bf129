import { graphql } from '../../../gql';

/** What a product card shows. */
export const ProductCardFragment = graphql(`
  fragment ProductCard_product on Product {
    id
    kind
    title
    images
    validUntil
    variants {
      id
      price
      stockAvailable
    }
  }
`);

/** One ticket type (票種) row on the product page. */
export const VariantRowFragment = graphql(`
  fragment VariantRow_variant on Variant {
    id
    name
    price
    stockAvailable
    saleStartsAt
    saleEndsAt
  }
`);

/** A 任選折扣 offer. */
export const MixMatchOffersFragment = graphql(`
  fragment MixMatchOffers_discount on MixMatchDiscount {
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
`);
