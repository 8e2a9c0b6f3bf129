import { graphql } from '../../../gql';

/** B3: gives back part or all of one redemption to its code, with a reason (REDEMPTIONS_ADJUST). */
export const TicketCodeRedemptionReverseDocument = graphql(`
  mutation TicketCodeRedemptionReverse($input: TicketCodeRedemptionReverseInput!) {
    ticketCodeRedemptionReverse(input: $input) {
      reversal {
        id
        kind
        quantity
        reason
        redeemedBy
        createdAt
      }
      ticketCode {
        code
        redeemedQuantity
        remainingQuantity
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
