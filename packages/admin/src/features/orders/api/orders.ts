import { graphql } from '../../../gql';

graphql(`
  fragment OrderRow on Order {
    id
    number
    kind
    status
    createdAt
    total
    hasUnreadInquiry
    recipient {
      name
      phone
    }
  }
`);

/** 所有訂單: newest first, filtered (F1: unread inquiries only). */
export const OrdersDocument = graphql(`
  query Orders($filter: OrdersFilterInput, $first: Int, $after: String) {
    orders(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...OrderRow
        }
      }
    }
  }
`);

graphql(`
  fragment OrderMessageFields on OrderMessage {
    id
    body
    fromStaff
    createdAt
    readByStaffAt
  }
`);

graphql(`
  fragment OrderRefundFields on Refund {
    id
    kind
    amount
    feeRefund
    reason
    createdAt
    codes {
      code
      quantity
      amount
      feeRefund
    }
  }
`);

/** B6/P4/P5: the card payment as the gateway reported it, for the order page's 付款資訊. */
graphql(`
  fragment OrderPaymentFields on Payment {
    gateway
    transactionId
    amount
    refundedAmount
    status
    threeDomainSecure
    cardBrand
    cardLastFour
    bankResult
    lateRefundReference
    createdAt
  }
`);

/** P4: one notification the gateway posted about the order. */
graphql(`
  fragment OrderPaymentNotificationFields on PaymentNotification {
    gateway
    transactionId
    receivedAt
  }
`);

/**
 * One order with everything the detail page shows. Redemption history (R2) needs TICKETS_READ on top of
 * ORDERS_READ, so it is asked for only when the viewer has it.
 */
export const OrderDetailDocument = graphql(`
  query OrderDetail($id: ID!, $withRedemptions: Boolean!) {
    order(id: $id) {
      id
      number
      kind
      status
      createdAt
      paidAt
      closedAt
      cancelledAt
      subtotal
      discount
      shippingFee
      total
      paymentMethod
      referralCode
      termsAcceptedAt
      hasUnreadInquiry
      recipient {
        name
        phone
      }
      messages {
        ...OrderMessageFields
      }
      refund {
        ...OrderRefundFields
      }
      payment {
        ...OrderPaymentFields
      }
      paymentNotifications {
        ...OrderPaymentNotificationFields
      }
      lines {
        id
        productTitle
        variantName
        quantity
        unitPrice
        discountShare
        amountPaid
        codes {
          code
          quantity
          redeemedQuantity
          refundedQuantity
          remainingQuantity
          status
          parent {
            code
          }
          children {
            code
            status
            remainingQuantity
          }
          redemptions @include(if: $withRedemptions) {
            id
            kind
            quantity
            channel
            device
            redeemedBy
            createdAt
            reason
            reversedQuantity
          }
        }
      }
    }
  }
`);

/** F1: opening an order marks the buyer's messages read. */
export const OrderMessagesMarkReadDocument = graphql(`
  mutation OrderMessagesMarkRead($input: OrderMessagesMarkReadInput!) {
    orderMessagesMarkRead(input: $input) {
      messages {
        ...OrderMessageFields
      }
      errors {
        code
        message
      }
    }
  }
`);

/** F1: the store's reply on the thread. */
export const OrderMessageCreateDocument = graphql(`
  mutation OrderMessageCreate($input: OrderMessageCreateInput!) {
    orderMessageCreate(input: $input) {
      message {
        ...OrderMessageFields
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** F6: PAID -> RETURNING (退貨中). */
export const OrderMarkReturningDocument = graphql(`
  mutation OrderMarkReturning($input: OrderTransitionInput!) {
    orderMarkReturning(input: $input) {
      order {
        id
        status
      }
      errors {
        code
        message
      }
    }
  }
`);

/** F6: RETURNING -> RETURN_REVIEW (退貨審查). */
export const OrderMarkReturnReviewDocument = graphql(`
  mutation OrderMarkReturnReview($input: OrderTransitionInput!) {
    orderMarkReturnReview(input: $input) {
      order {
        id
        status
      }
      errors {
        code
        message
      }
    }
  }
`);

/** F5: cancel while nothing is redeemed; the order's one refund. */
export const OrderCancelDocument = graphql(`
  mutation OrderCancel($input: OrderCancelInput!) {
    orderCancel(input: $input) {
      order {
        id
        status
        cancelledAt
      }
      refund {
        ...OrderRefundFields
      }
      errors {
        code
        message
      }
    }
  }
`);

/** F8: what refunding these codes would return, before confirming. */
export const RefundQuoteDocument = graphql(`
  query RefundQuote($orderId: ID!, $codes: [String!]!) {
    refundQuote(orderId: $orderId, codes: $codes) {
      amount
      feeRefund
      lines {
        code
        refundable
        quantity
        amount
        feeRefund
      }
    }
  }
`);

/** F2-F8: refunds the chosen codes whole. */
export const OrderRefundDocument = graphql(`
  mutation OrderRefund($input: OrderRefundInput!) {
    orderRefund(input: $input) {
      order {
        id
        status
      }
      refund {
        ...OrderRefundFields
      }
      errors {
        code
        message
      }
    }
  }
`);
