import '@mantine/core/styles.css';
import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { createTheme, MantineProvider } from '@mantine/core';
import type { ReactNode } from 'react';
import { AuthProvider } from './auth/AuthProvider';
import type { SignInApp } from './auth/documents';

export const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", sans-serif',
  defaultRadius: 'md',
});

/** Mantine, Apollo and the session, in that order. Routing stays with each app. */
export function AppProviders({ client, app, children }: { client: ApolloClient; app: SignInApp; children: ReactNode }) {
  return (
    <MantineProvider theme={theme}>
      <ApolloProvider client={client}>
        <AuthProvider app={app}>{children}</AuthProvider>
      </ApolloProvider>
    </MantineProvider>
  );
}
