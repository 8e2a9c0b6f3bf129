import { graphql } from '../../../gql';

/** B10 (首頁): the range's figures, from the ledger (they agree with 對帳). */
export const DashboardDocument = graphql(`
  query Dashboard($range: DashboardRange!) {
    dashboard(range: $range) {
      range
      from
      to
      asOf
      grossSales
      orders
      ticketsSold
      redeemedUnits
      redeemedAmount
      refundedAmount
      refundedUnits
      refunds
      feeAmount
      feeRefundAmount
      liability {
        amount
        quantity
      }
      currentPeriod {
        period
        from
        to
        redeemedAmount
        feeAmount
        feeRefundAmount
        netPayout
      }
      days {
        date
        sales
        ticketsSold
        redeemedAmount
        redeemedUnits
      }
      topProductsBySales {
        productId
        title
        units
        amount
      }
      topProductsByRedemptions {
        productId
        title
        units
        amount
      }
      redemptionHours {
        hour
        redeemedUnits
        redeemedAmount
      }
    }
  }
`);
