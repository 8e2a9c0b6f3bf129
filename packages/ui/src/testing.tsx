/**
 * Helpers for component tests (jsdom). Not exported from the main entry, so apps never bundle them:
 * import from '@ticket/ui/testing'.
 */
import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { MantineProvider } from '@mantine/core';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { AuthProvider } from './auth/AuthProvider';
import { AuthLoginDocument, ViewerDocument, type PayloadError, type SignInApp, type Viewer } from './auth/documents';
import { theme } from './providers';

/** jsdom lacks what Mantine measures with. */
export function installDomShims(): void {
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  Element.prototype.scrollIntoView ??= () => {};
}

/** A `viewer` query answer, for MockedProvider. */
export function viewerMock(viewer: Viewer | null) {
  return { request: { query: ViewerDocument }, result: { data: { viewer: viewer && { __typename: 'Viewer', ...viewer } } } };
}

/** An `authLogin` answer for these credentials: refused with `errors`, or accepted when empty. */
export function loginMock(input: { email: string; password: string; app: SignInApp }, errors: PayloadError[] = []) {
  return {
    request: { query: AuthLoginDocument, variables: { input } },
    result: {
      data: {
        authLogin: { __typename: 'AuthLoginPayload', errors: errors.map((e) => ({ __typename: 'AuthLoginError', field: null, ...e })) },
      },
    },
  };
}

export interface TestProvidersProps {
  mocks?: MockedProviderProps['mocks'];
  /** Answers the session's first `viewer` query (else put a viewerMock in `mocks` yourself). */
  viewer?: Viewer | null;
  app?: SignInApp;
  route?: string;
  children: ReactNode;
}

/** Mantine, a mocked Apollo client, the session and a router at `route`. */
export function TestProviders({ mocks = [], viewer, app = 'SHOP', route = '/', children }: TestProvidersProps) {
  return (
    <MantineProvider theme={theme}>
      <MockedProvider mocks={viewer === undefined ? mocks : [viewerMock(viewer), ...mocks]}>
        <AuthProvider app={app}>
          <MemoryRouter initialEntries={[route]}>{children}</MemoryRouter>
        </AuthProvider>
      </MockedProvider>
    </MantineProvider>
  );
}
