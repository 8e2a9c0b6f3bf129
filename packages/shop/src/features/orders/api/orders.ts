import { graphql } from '../../../gql';

export const MyOrdersDocument = graphql(`
  query MyOrders($first: Int!, $after: String) {
    myOrders(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          ...OrderRow_order
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export const OrderDetailDocument = graphql(`
  query OrderDetail($id: ID!) {
    order(id: $id) {
      id
      number
      kind
      status
      createdAt
      paidAt
      paymentMethod
      payment {
        gateway
        cardBrand
        cardLastFour
        threeDomainSecure
        status
        lateRefundReference
      }
      subtotal
      discount
      shippingFee
      total
      recipient {
        name
        phone
      }
      lines {
        id
        productTitle
        variantName
        quantity
        unitPrice
        amountPaid
        discountShare
        codes {
          code
          parent {
            code
          }
          ...TicketCodeCard_code
          ...SplitCard_code
        }
      }
      refund {
        ...RefundSummary_refund
      }
      messages {
        id
        ...OrderMessage_message
      }
    }
  }
`);

/** X1/X2: the buyer splits a code's remaining quantity into codes of one ticket each (irreversible). */
export const TicketCodeSplitDocument = graphql(`
  mutation TicketCodeSplit($input: TicketCodeSplitInput!) {
    ticketCodeSplit(input: $input) {
      ticketCode {
        code
        status
      }
      children {
        ...SplitCard_code
      }
      errors {
        code
        message
      }
    }
  }
`);

/** F1: the buyer writes on the order (詢問紀錄); refunds are asked for this way. */
export const OrderMessageCreateDocument = graphql(`
  mutation OrderMessageCreate($input: OrderMessageCreateInput!) {
    orderMessageCreate(input: $input) {
      message {
        id
        ...OrderMessage_message
      }
      errors {
        code
        message
        field
      }
    }
  }
`);
