import { gql, type TypedDocumentNode } from '@apollo/client';

/*
 * The identity operations every SPA shares. Their result types are written by hand here, and each app's
 * codegen also reads this folder, so an operation that no longer matches schema.graphql fails the build.
 */

export type SignInApp = 'SHOP' | 'ADMIN' | 'CLERK';
export type Role = 'ADMIN' | 'CUSTOMER' | 'INTEGRATION' | 'TICKET_CLERK';

export interface Viewer {
  id: string;
  name: string;
  email?: string | null;
  role: Role;
  permissions: string[];
}

export interface PayloadError {
  code: string;
  message: string;
  field?: string | null;
}

export const ViewerDocument: TypedDocumentNode<{ viewer: Viewer | null }, Record<string, never>> = gql`
  query SessionViewer {
    viewer {
      id
      name
      email
      role
      permissions
    }
  }
`;

export const AuthLoginDocument: TypedDocumentNode<
  { authLogin: { errors: PayloadError[] } },
  { input: { email: string; password: string; app: SignInApp } }
> = gql`
  mutation SessionLogin($input: AuthLoginInput!) {
    authLogin(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`;

export const AuthLogoutDocument: TypedDocumentNode<{ authLogout: { signedOut: boolean } }, Record<string, never>> = gql`
  mutation SessionLogout {
    authLogout {
      signedOut
    }
  }
`;
