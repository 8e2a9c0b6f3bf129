import { graphql } from '../../../gql';

/** L4: the latest periods with their totals, newest first. */
export const SettlementStatementsDocument = graphql(`
  query SettlementStatements($count: Int) {
    settlementStatements(count: $count) {
      period
      from
      to
      redeemedAmount
      feeAmount
      feeRefundAmount
      netPayout
    }
  }
`);

/** L2-L4: one period's statement with its ledger lines. */
export const SettlementStatementDocument = graphql(`
  query SettlementStatement($period: String!) {
    settlementStatement(period: $period) {
      period
      from
      to
      redeemedAmount
      feeAmount
      feeRefundAmount
      netPayout
      lines {
        occurredAt
        kind
        orderNumber
        code
        ticketName
        quantity
        faceValue
        fee
        feeRefund
      }
    }
  }
`);

/** L5 (履約保障): outstanding face value at a moment (now when not given). */
export const TicketLiabilityDocument = graphql(`
  query TicketLiability($asOf: DateTime) {
    ticketLiability(asOf: $asOf) {
      asOf
      amount
      quantity
    }
  }
`);

/** The books agree: statement = ledger, and every code adds up. */
export const LedgerConsistencyDocument = graphql(`
  query LedgerConsistency($period: String!) {
    ledgerConsistency(period: $period) {
      period
      ok
      statementMatchesLedger
      codesChecked
      mismatchedCodes
    }
  }
`);

graphql(`
  fragment ReferrerRow on Referrer {
    id
    name
    code
    commissionBasisPoints
    createdAt
  }
`);

export const ReferrersDocument = graphql(`
  query Referrers {
    referrers {
      ...ReferrerRow
    }
  }
`);

export const ReferrerCreateDocument = graphql(`
  mutation ReferrerCreate($input: ReferrerCreateInput!) {
    referrerCreate(input: $input) {
      referrer {
        ...ReferrerRow
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** A2: commissions made in a period, per referrer. */
export const CommissionReportDocument = graphql(`
  query CommissionReport($period: String!) {
    commissionReport(period: $period) {
      period
      total
      rows {
        referrer {
          id
          name
          code
        }
        orders
        baseAmount
        commission
      }
    }
  }
`);

/** 金流對帳: the gateway's charges in [from, to) beside our books, with how many disagree. */
export const PaymentReconciliationDocument = graphql(`
  query PaymentReconciliation($from: DateTime!, $to: DateTime!) {
    paymentReconciliation(from: $from, to: $to) {
      from
      to
      differences
      rows {
        transactionId
        orderId
        orderNumber
        chargedAt
        gatewayStatus
        gatewayAmount
        gatewayRefunded
        booksStatus
        booksAmount
        booksRefunded
        difference
      }
    }
  }
`);
