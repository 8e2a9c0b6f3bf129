import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageLoader } from '../components/PageLoader';
import { useSession } from './AuthProvider';

/** `/login?redirect=<where the user was going>`. */
export function loginPath(target: string): string {
  return target === '/' ? '/login' : `/login?redirect=${encodeURIComponent(target)}`;
}

/** Accepts only same-app paths as a redirect target (no `//evil.example`, no absolute URLs). */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
  return target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : fallback;
}

/** Renders its children for a signed-in user; otherwise sends them to login and back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { viewer, loading } = useSession();
  const location = useLocation();
  if (loading) return <PageLoader />;
  if (!viewer) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  return children;
}
