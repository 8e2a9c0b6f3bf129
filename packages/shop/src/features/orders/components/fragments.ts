import { graphql } from '../../../gql';

/** One row of 電子票券訂單查詢. */
export const OrderRowFragment = graphql(`
  fragment OrderRow_order on Order {
    id
    number
    kind
    status
    createdAt
    total
    lines {
      id
      productTitle
      variantName
      quantity
      codes {
        code
        status
      }
    }
  }
`);

/** A redemption code (核銷碼) with its quantities (T3). */
export const TicketCodeCardFragment = graphql(`
  fragment TicketCodeCard_code on TicketCode {
    code
    quantity
    redeemedQuantity
    refundedQuantity
    remainingQuantity
    status
    qrUrl
    validFrom
    validUntil
  }
`);
