import { gql, type TypedDocumentNode } from '@apollo/client';

/*
 * The redemption operations shared by the clerk app and the admin's redeem page and redemption list.
 * As with the session documents, the result types are written here by hand; each app's codegen reads this
 * folder too, and the clerk and admin apps check these types against the generated ones
 * (src/app/redemption.check.ts), so a document that no longer matches schema.graphql fails the build.
 *
 * S3: only what a ticket clerk may read. Never `faceValue` or `order` here.
 */

export type TicketCodeStatus = 'ACTIVE' | 'FULLY_REDEEMED' | 'REFUNDED' | 'SPLIT';
/** R2: how the clerk reached the code; OFFLINE for a redemption made offline and synced later (B7). */
export type RedemptionChannel = 'CAMERA' | 'LIST' | 'MANUAL' | 'OFFLINE' | 'SCANNER';
export type TicketCodeSearchField = 'CODE' | 'ORDER_NUMBER' | 'RECIPIENT_NAME' | 'RECIPIENT_PHONE' | 'TICKET_NAME';
export type TicketCodeRedeemErrorCode =
  | 'CODE_NOT_FOUND'
  | 'CODE_VOID'
  | 'FULLY_REDEEMED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'INVALID_INPUT'
  | 'INVALID_QUANTITY'
  | 'OUTSIDE_VALIDITY'
  | 'QUANTITY_EXCEEDS_REMAINING'
  | 'SPLIT_CODE_QUANTITY_FIXED'
  | 'TOO_MANY_ATTEMPTS';

/** R2: one redemption of a code. */
export interface RedemptionRecord {
  id: string;
  quantity: number;
  channel: RedemptionChannel;
  device?: string | null;
  redeemedBy: string;
  createdAt: string;
  /** B3: REVERSAL for a correction (negative quantity, with the admin's reason). */
  kind: 'REDEMPTION' | 'REVERSAL';
  reason?: string | null;
}

/** A split code of a code (X4). */
export interface SplitChild {
  code: string;
  status: TicketCodeStatus;
  quantity: number;
  remainingQuantity: number;
}

/** What the redeem page shows of a code (R4). */
export interface RedeemTicket {
  code: string;
  quantity: number;
  redeemedQuantity: number;
  refundedQuantity: number;
  remainingQuantity: number;
  status: TicketCodeStatus;
  productTitle: string;
  variantName: string;
  validFrom?: string | null;
  validUntil?: string | null;
  holderName: string;
  holderPhoneMasked: string;
  orderNumber: string;
  parent?: { code: string } | null;
  children: SplitChild[];
  redemptions: RedemptionRecord[];
}

/** One row of the redemption list (R3, X4). */
export interface TicketCodeRow {
  code: string;
  quantity: number;
  redeemedQuantity: number;
  remainingQuantity: number;
  status: TicketCodeStatus;
  productTitle: string;
  variantName: string;
  holderName: string;
  holderPhoneMasked: string;
  orderNumber: string;
  parent?: { code: string } | null;
  children: SplitChild[];
}

export interface RedeemError {
  code: TicketCodeRedeemErrorCode;
  message: string;
  field?: string | null;
}

export interface TicketCodeRedeemInput {
  code: string;
  quantity: number;
  idempotencyKey: string;
  channel: RedemptionChannel;
  device?: string | null;
}

export interface RedeemPayload {
  redemption?: { id: string; quantity: number; redeemedBy: string; createdAt: string } | null;
  ticketCode?: RedeemTicket | null;
  retryAfterSeconds?: number | null;
  errors: RedeemError[];
}

export interface TicketCodePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: { cursor: string; node: TicketCodeRow }[];
}

export const RedemptionTicketFragment = gql`
  fragment RedemptionTicket on TicketCode {
    code
    quantity
    redeemedQuantity
    refundedQuantity
    remainingQuantity
    status
    productTitle
    variantName
    validFrom
    validUntil
    holderName
    holderPhoneMasked
    orderNumber
    parent {
      code
    }
    children {
      code
      status
      quantity
      remainingQuantity
    }
    redemptions {
      id
      quantity
      channel
      device
      redeemedBy
      createdAt
      kind
      reason
    }
  }
`;

/** R4/R6: null when the code is unknown; a TOO_MANY_ATTEMPTS GraphQL error when look-ups are blocked. */
export const RedemptionTicketLookupDocument: TypedDocumentNode<{ ticketCode: RedeemTicket | null }, { code: string }> = gql`
  query RedemptionTicketLookup($code: String!) {
    ticketCode(code: $code) {
      ...RedemptionTicket
    }
  }
  ${RedemptionTicketFragment}
`;

/** R1/R2/R5: the redemption itself. */
export const RedemptionTicketRedeemDocument: TypedDocumentNode<{ ticketCodeRedeem: RedeemPayload }, { input: TicketCodeRedeemInput }> = gql`
  mutation RedemptionTicketRedeem($input: TicketCodeRedeemInput!) {
    ticketCodeRedeem(input: $input) {
      redemption {
        id
        quantity
        redeemedBy
        createdAt
      }
      ticketCode {
        ...RedemptionTicket
      }
      retryAfterSeconds
      errors {
        code
        message
        field
      }
    }
  }
  ${RedemptionTicketFragment}
`;

/** R3: the redemption list (票券核銷列表), newest first. */
export const RedemptionTicketSearchDocument: TypedDocumentNode<
  { ticketCodes: TicketCodePage },
  { search?: { field: TicketCodeSearchField; query: string } | null; first?: number | null; after?: string | null }
> = gql`
  query RedemptionTicketSearch($search: TicketCodeSearchInput, $first: Int, $after: String) {
    ticketCodes(search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          code
          quantity
          redeemedQuantity
          remainingQuantity
          status
          productTitle
          variantName
          holderName
          holderPhoneMasked
          orderNumber
          parent {
            code
          }
          children {
            code
            status
            quantity
            remainingQuantity
          }
        }
      }
    }
  }
`;
