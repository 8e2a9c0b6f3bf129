import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { RedeemPage } from '../features/redeem/components/RedeemPage';
import { useI18n } from '../shared/i18n';
import { Navigate, useLocation } from '../shared/router';
import { ClerkShell } from './ClerkShell';
import { loginPath } from './login-path';
import { useSession } from './session';
import { UpdatePrompt } from './UpdatePrompt';

// Not needed for the first scan: loaded after it (and cached by the service worker for offline use).
const RedemptionListPage = lazy(() => import('../features/redemptions/components/RedemptionListPage'));
const OfflinePanel = lazy(() => import('../features/offline/components/OfflinePanel'));
// Only while signed out.
const LoginPage = lazy(() => import('./LoginPage'));
// B9: account recovery, open to everyone.
const SIGNED_OUT_PAGES: Record<string, LazyExoticComponent<ComponentType>> = {
  '/login': LoginPage,
  '/forgot-password': lazy(() => import('../features/password-reset/ForgotPasswordPage')),
  '/reset-password': lazy(() => import('../features/password-reset/ResetPasswordPage')),
};

const REDEEM = /^\/redeem(?:\/([^/]+))?\/?$/;

function Loading() {
  const { t } = useI18n();
  return <div className="loader" role="status" aria-label={t('common.loading')} />;
}

/** The clerk app is locked down (S1): sign-in, then only the redeem page and the redemption list. */
export function AppRoutes() {
  const { pathname, search } = useLocation();
  const { viewer, loading } = useSession();
  const SignedOutPage = SIGNED_OUT_PAGES[pathname];
  if (SignedOutPage)
    return (
      <Suspense fallback={<Loading />}>
        <SignedOutPage />
      </Suspense>
    );
  if (loading) return <Loading />;
  if (!viewer) return <Navigate to={loginPath(pathname + search)} replace />;
  const redeem = REDEEM.exec(pathname);
  let page;
  if (redeem) {
    let code = redeem[1];
    try {
      code = code && decodeURIComponent(code);
    } catch {
      // left as typed: the page says it is not a code
    }
    page = (
      <RedeemPage
        code={code}
        footer={
          <Suspense fallback={null}>
            <OfflinePanel />
          </Suspense>
        }
      />
    );
  } else if (pathname === '/redemptions') {
    page = (
      <Suspense fallback={<Loading />}>
        <RedemptionListPage />
      </Suspense>
    );
  } else return <Navigate to="/redeem" replace />;
  return <ClerkShell>{page}</ClerkShell>;
}

/** The app inside its providers and router: the routes, and the update prompt over any of them. */
export function ClerkApp() {
  return (
    <>
      <AppRoutes />
      <UpdatePrompt />
    </>
  );
}
