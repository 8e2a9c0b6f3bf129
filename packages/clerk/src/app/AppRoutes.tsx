import { LoginPage, RequireAuth } from '@ticket/ui';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { RedeemPage } from '../features/redeem/components/RedeemPage';
import { RedemptionListPage } from '../features/redemptions/components/RedemptionListPage';
import { ClerkShell } from './ClerkShell';

/** The clerk app is locked down: sign-in, then only the redeem page and the redemption list (S1). */
export function AppRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route path="/login" element={<LoginPage title={t('clerk.loginTitle')} size="lg" withLanguageSwitch />} />
      <Route
        element={
          <RequireAuth>
            <ClerkShell />
          </RequireAuth>
        }
      >
        <Route path="/redeem/:code?" element={<RedeemPage />} />
        <Route path="/redemptions" element={<RedemptionListPage />} />
        <Route path="*" element={<Navigate to="/redeem" replace />} />
      </Route>
    </Routes>
  );
}
