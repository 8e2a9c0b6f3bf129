/*
 * Answers of the password-reset API for component tests (MockedProvider). Not exported from
 * '@ticket/ui/password-reset', so apps never bundle them: import '@ticket/ui/password-reset/testing'.
 */
import type { SignInApp } from '../auth/documents';
import {
  PasswordResetCompleteDocument,
  PasswordResetRequestDocument,
  type PasswordResetCompleteErrorCode,
  type PasswordResetError,
  type PasswordResetRequestErrorCode,
} from './documents';

const typed = <C extends string>(typename: string, errors: PasswordResetError<C>[]) => errors.map((e) => ({ __typename: typename, field: null, ...e }));

/** A `passwordResetRequest` answer: accepted, or refused with `errors`. */
export function resetRequestMock(input: { email: string; app: SignInApp }, errors: PasswordResetError<PasswordResetRequestErrorCode>[] = []) {
  return {
    request: { query: PasswordResetRequestDocument, variables: { input } },
    result: {
      data: {
        passwordResetRequest: { __typename: 'PasswordResetRequestPayload', accepted: !errors.length, validMinutes: 30, errors: typed('PasswordResetRequestError', errors) },
      },
    },
  };
}

/** A `passwordResetComplete` answer: changed, or refused with `errors`. */
export function resetCompleteMock(input: { token: string; newPassword: string }, errors: PasswordResetError<PasswordResetCompleteErrorCode>[] = []) {
  return {
    request: { query: PasswordResetCompleteDocument, variables: { input } },
    result: {
      data: {
        passwordResetComplete: { __typename: 'PasswordResetCompletePayload', passwordChanged: !errors.length, errors: typed('PasswordResetCompleteError', errors) },
      },
    },
  };
}

/** A well-formed token (43 base64url characters). */
export const RESET_TOKEN = 'k3Jx0F2b9qWvT7yLm4NpR8sZ1cD5eG6hA-_uVwXyZ0a';
