import { gql, type TypedDocumentNode } from '@apollo/client';
import type { SignInApp } from '../auth/documents';

/*
 * B9: the password-reset operations shared by the shop, the admin console and the clerk app. As with the
 * session documents, the result types are written here by hand; the shop's and the admin's codegen read
 * this folder too and check these types against the generated ones (src/app/password-reset.check.ts).
 */

export type PasswordResetRequestErrorCode = 'INVALID_EMAIL' | 'INVALID_INPUT' | 'TOO_MANY_ATTEMPTS';
export type PasswordResetCompleteErrorCode = 'INVALID_INPUT' | 'INVALID_OR_EXPIRED_TOKEN' | 'PASSWORD_TOO_SHORT';

export interface PasswordResetError<C extends string> {
  code: C;
  message: string;
  field?: string | null;
}

export interface PasswordResetRequestPayload {
  accepted: boolean;
  validMinutes: number;
  errors: PasswordResetError<PasswordResetRequestErrorCode>[];
}

export interface PasswordResetCompletePayload {
  passwordChanged: boolean;
  errors: PasswordResetError<PasswordResetCompleteErrorCode>[];
}

export interface PasswordResetRequestVariables {
  input: { email: string; app: SignInApp };
}

export interface PasswordResetCompleteVariables {
  input: { token: string; newPassword: string };
}

export const PasswordResetRequestDocument: TypedDocumentNode<{ passwordResetRequest: PasswordResetRequestPayload }, PasswordResetRequestVariables> = gql`
  mutation PasswordResetRequest($input: PasswordResetRequestInput!) {
    passwordResetRequest(input: $input) {
      accepted
      validMinutes
      errors {
        code
        message
        field
      }
    }
  }
`;

export const PasswordResetCompleteDocument: TypedDocumentNode<{ passwordResetComplete: PasswordResetCompletePayload }, PasswordResetCompleteVariables> = gql`
  mutation PasswordResetComplete($input: PasswordResetCompleteInput!) {
    passwordResetComplete(input: $input) {
      passwordChanged
      errors {
        code
        message
        field
      }
    }
  }
`;
