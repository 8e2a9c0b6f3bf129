import { useApolloClient, useQuery } from '@apollo/client/react';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthLoginDocument, AuthLogoutDocument, ViewerDocument, type SignInApp, type Viewer } from './documents';

export interface Session {
  /** The signed-in account, or null. */
  viewer: Viewer | null;
  /** True until the first `viewer` answer arrives. */
  loading: boolean;
  /** Signs in for this app; resolves to the server's (localized) refusal, or null on success. */
  login(email: string, password: string): Promise<string | null>;
  logout(): Promise<void>;
  /** Re-reads `viewer`, e.g. after registration signed the shopper in. */
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Holds the session of one SPA. The session itself is an HttpOnly cookie; this only reads `viewer`. */
export function AuthProvider({ app, children }: { app: SignInApp; children: ReactNode }) {
  const client = useApolloClient();
  const { t } = useTranslation();
  const { data, loading, refetch } = useQuery(ViewerDocument);

  const refresh = useCallback(async () => {
    await refetch();
  }, [refetch]);

  const login = useCallback(
    async (email: string, password: string) => {
      try {
        const { data: result } = await client.mutate({
          mutation: AuthLoginDocument,
          variables: { input: { email: email.trim(), password, app } },
        });
        const refusal = result?.authLogin.errors[0];
        if (refusal) return refusal.message;
        await refetch();
        return null;
      } catch {
        return t('common.networkError');
      }
    },
    [app, client, refetch, t],
  );

  const logout = useCallback(async () => {
    try {
      await client.mutate({ mutation: AuthLogoutDocument });
    } finally {
      // Drop everything the signed-in account could see; active queries (viewer) refetch.
      await client.resetStore();
    }
  }, [client]);

  const session = useMemo<Session>(
    () => ({ viewer: data?.viewer ?? null, loading: loading && !data, login, logout, refresh }),
    [data, loading, login, logout, refresh],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <AuthProvider>');
  return session;
}

/** Shorthand for the signed-in account (or null). */
export function useViewer(): Viewer | null {
  return useSession().viewer;
}
