/*
 * Compile-time check that the hand-written redemption types in @ticket/ui/redemption match what this app's
 * codegen generates from schema.graphql for the same documents (as the clerk app checks too).
 */
import type { Fits, Same } from '@ticket/ui';
import type {
  RedeemPayload,
  RedeemTicket,
  RedemptionChannel,
  RedemptionRecord,
  TicketCodeRedeemErrorCode,
  TicketCodeRedeemInput,
  TicketCodeRow,
  TicketCodeSearchField,
  TicketCodeStatus,
} from '@ticket/ui/redemption';
import type {
  OrderDetailQuery,
  RedemptionChannel as SchemaChannel,
  RedemptionTicketLookupQuery,
  RedemptionTicketRedeemMutation,
  RedemptionTicketSearchQuery,
  TicketCodeRedeemErrorCode as SchemaErrorCode,
  TicketCodeRedeemInput as SchemaRedeemInput,
  TicketCodeSearchField as SchemaSearchField,
  TicketCodeStatus as SchemaStatus,
} from '../gql/graphql';

/** The order page shows its codes' redemptions with the shared history table. */
type OrderRedemption = NonNullable<NonNullable<OrderDetailQuery['order']>['lines'][number]['codes'][number]['redemptions']>[number];

export const redemptionTypesMatch: [
  Same<TicketCodeStatus, SchemaStatus>,
  Same<RedemptionChannel, SchemaChannel>,
  Same<TicketCodeSearchField, SchemaSearchField>,
  Same<TicketCodeRedeemErrorCode, SchemaErrorCode>,
  Fits<NonNullable<RedemptionTicketLookupQuery['ticketCode']>, RedeemTicket>,
  Fits<RedemptionTicketRedeemMutation['ticketCodeRedeem'], RedeemPayload>,
  Fits<RedemptionTicketSearchQuery['ticketCodes']['edges'][number]['node'], TicketCodeRow>,
  Fits<TicketCodeRedeemInput, SchemaRedeemInput>,
  Fits<OrderRedemption, RedemptionRecord>,
] = [true, true, true, true, true, true, true, true, true];
