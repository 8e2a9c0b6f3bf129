/*
 * Compile-time check that the hand-written password-reset types in @ticket/ui/password-reset match what
 * this app's codegen generates from schema.graphql for the same documents (B9).
 */
import type { Fits, Same } from '@ticket/ui';
import type {
  PasswordResetCompleteErrorCode,
  PasswordResetCompletePayload,
  PasswordResetCompleteVariables,
  PasswordResetRequestErrorCode,
  PasswordResetRequestPayload,
  PasswordResetRequestVariables,
} from '@ticket/ui/password-reset';
import type {
  PasswordResetCompleteErrorCode as SchemaCompleteErrorCode,
  PasswordResetCompleteMutation,
  PasswordResetCompleteMutationVariables,
  PasswordResetRequestErrorCode as SchemaRequestErrorCode,
  PasswordResetRequestMutation,
  PasswordResetRequestMutationVariables,
} from '../gql/graphql';

export const passwordResetTypesMatch: [
  Same<PasswordResetRequestErrorCode, SchemaRequestErrorCode>,
  Same<PasswordResetCompleteErrorCode, SchemaCompleteErrorCode>,
  Fits<PasswordResetRequestMutation['passwordResetRequest'], PasswordResetRequestPayload>,
  Fits<PasswordResetCompleteMutation['passwordResetComplete'], PasswordResetCompletePayload>,
  Fits<PasswordResetRequestVariables, PasswordResetRequestMutationVariables>,
  Fits<PasswordResetCompleteVariables, PasswordResetCompleteMutationVariables>,
] = [true, true, true, true, true, true];
