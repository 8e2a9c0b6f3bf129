import { graphql } from '../../gql';

/** The active 任選折扣 rules, for the cart and checkout estimate (the server prices the order). */
export const CartDiscountsDocument = graphql(`
  query CartDiscounts {
    mixMatchDiscounts {
      id
      active
      requiredQuantity
      fixedPrice
      percentOff
      variants {
        id
      }
    }
  }
`);
