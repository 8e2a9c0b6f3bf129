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
          ...TicketCodeCard_code
        }
      }
    }
  }
`);
