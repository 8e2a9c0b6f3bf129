/*
 * Compile-time check that the hand-written redemption types in @ticket/ui/redemption match what codegen
 * generates from schema.graphql for the same documents (see session.check.ts).
 */
import type { Fits, Same } from '@ticket/ui';
import type {
  RedeemPayload,
  RedeemTicket,
  RedemptionChannel,
  TicketCodeRedeemErrorCode,
  TicketCodeRedeemInput,
  TicketCodeRow,
  TicketCodeSearchField,
  TicketCodeStatus,
} from '@ticket/ui/redemption';
import type {
  RedemptionChannel as SchemaChannel,
  RedemptionTicketLookupQuery,
  RedemptionTicketRedeemMutation,
  RedemptionTicketSearchQuery,
  TicketCodeRedeemErrorCode as SchemaErrorCode,
  TicketCodeRedeemInput as SchemaRedeemInput,
  TicketCodeSearchField as SchemaSearchField,
  TicketCodeStatus as SchemaStatus,
} from '../gql/graphql';

export const redemptionTypesMatch: [
  Same<TicketCodeStatus, SchemaStatus>,
  Same<RedemptionChannel, SchemaChannel>,
  Same<TicketCodeSearchField, SchemaSearchField>,
  Same<TicketCodeRedeemErrorCode, SchemaErrorCode>,
  Fits<NonNullable<RedemptionTicketLookupQuery['ticketCode']>, RedeemTicket>,
  Fits<RedemptionTicketRedeemMutation['ticketCodeRedeem'], RedeemPayload>,
  Fits<RedemptionTicketSearchQuery['ticketCodes']['edges'][number]['node'], TicketCodeRow>,
  Fits<TicketCodeRedeemInput, SchemaRedeemInput>,
] = [true, true, true, true, true, true, true, true];
