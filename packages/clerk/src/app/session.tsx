import { useApolloClient } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ClerkLoginDocument, ClerkLogoutDocument, ClerkViewerDocument, type ClerkViewerQuery } from '../gql/graphql';
import { useI18n } from '../shared/i18n';
import { isNetworkError } from '../shared/network';

export type Viewer = NonNullable<ClerkViewerQuery['viewer']>;

/**
 * Issue 13.3: the signed-in account as last seen, so that a reload with no network still opens the app
 * signed in (the session cookie itself is persistent). Only what the app draws: id, name, role, permissions.
 */
export const VIEWER_KEY = 'clerk.viewer';

function storedViewer(): Viewer | null {
  try {
    return JSON.parse(localStorage.getItem(VIEWER_KEY) ?? 'null') as Viewer | null;
  } catch {
    return null;
  }
}

function storeViewer(viewer: Viewer | null): void {
  if (viewer) localStorage.setItem(VIEWER_KEY, JSON.stringify({ id: viewer.id, name: viewer.name, role: viewer.role, permissions: viewer.permissions }));
  else localStorage.removeItem(VIEWER_KEY);
}

export interface Session {
  viewer: Viewer | null;
  /** Nothing known yet (no answer, nothing stored). */
  loading: boolean;
  /** Resolves to the server's refusal (localized), or null once signed in. */
  login(email: string, password: string): Promise<string | null>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * The clerk's session: `viewer` as the server answers it, or as this device last saw it while the network
 * is away. A stored viewer shows the app at once on a slow link; the server's answer (signed out, say)
 * replaces it.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const { t } = useI18n();
  /** The server's answer (null: signed out), undefined until there is one. */
  const [answered, setAnswered] = useState<Viewer | null | undefined>(undefined);
  const [stored, setStored] = useState(storedViewer);
  const [unreachable, setUnreachable] = useState(false);

  const ask = useCallback(async () => {
    try {
      const { data } = await client.query({ query: ClerkViewerDocument, fetchPolicy: 'network-only' });
      if (!data) return;
      storeViewer(data.viewer);
      setAnswered(data.viewer);
      setUnreachable(false);
    } catch (error) {
      if (isNetworkError(error)) setUnreachable(true);
      else setAnswered((known) => known ?? null);
    }
  }, [client]);

  useEffect(() => {
    void ask();
    // Back online: ask again (the session may have ended meanwhile).
    const again = () => void ask();
    addEventListener('online', again);
    return () => removeEventListener('online', again);
  }, [ask]);

  const login = useCallback(
    async (email: string, password: string) => {
      try {
        const { data } = await client.mutate({ mutation: ClerkLoginDocument, variables: { input: { email: email.trim(), password, app: 'CLERK' } } });
        const refusal = data?.authLogin.errors[0];
        if (refusal) return refusal.message;
        await ask();
        return null;
      } catch {
        return t('common.networkError');
      }
    },
    [ask, client, t],
  );

  const logout = useCallback(async () => {
    try {
      await client.mutate({ mutation: ClerkLogoutDocument });
    } finally {
      storeViewer(null);
      setStored(null);
      setAnswered(null);
      // Drop everything the signed-in account could see.
      await client.clearStore();
    }
  }, [client]);

  const viewer = answered !== undefined ? answered : stored;
  const loading = answered === undefined && !stored && !unreachable;
  const session = useMemo<Session>(() => ({ viewer, loading, login, logout }), [viewer, loading, login, logout]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
