import { LoginPage, RequireAuth, useViewer } from '@ticket/ui';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { ApiKeysPage } from '../features/api-keys/components/ApiKeysPage';
import { MixMatchDiscountsPage } from '../features/catalog/components/MixMatchDiscountsPage';
import { ProductEditPage, ProductNewPage } from '../features/catalog/components/ProductFormPage';
import { ProductListPage } from '../features/catalog/components/ProductListPage';
import { PurchaseLimitGroupsPage } from '../features/catalog/components/PurchaseLimitGroupsPage';
import { OrderDetailPage } from '../features/orders/components/OrderDetailPage';
import { OrderListPage } from '../features/orders/components/OrderListPage';
import { CommissionPage } from '../features/reconciliation/components/CommissionPage';
import { PaymentReconciliationPage } from '../features/reconciliation/components/PaymentReconciliationPage';
import { ReferrersPage } from '../features/reconciliation/components/ReferrersPage';
import { StatementPage } from '../features/reconciliation/components/StatementPage';
import { StatementsPage } from '../features/reconciliation/components/StatementsPage';
import { RedeemPage } from '../features/redemption/components/RedeemPage';
import { RedemptionListPage } from '../features/redemption/components/RedemptionListPage';
import { SettingsPage } from '../features/settings/components/SettingsPage';
import { StaffListPage } from '../features/staff/components/StaffListPage';
import { AdminLayout } from './AdminLayout';
import { landingPath } from './nav';

/** `/`: the first page of the menu this admin may open. */
function Landing() {
  const permissions = useViewer()?.permissions ?? [];
  return <Navigate to={landingPath(permissions)} replace />;
}

export function AppRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route path="/login" element={<LoginPage title={t('admin.loginTitle')} withLanguageSwitch />} />
      <Route
        element={
          <RequireAuth>
            <AdminLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Landing />} />
        <Route path="products" element={<ProductListPage />} />
        <Route path="products/new" element={<ProductNewPage />} />
        <Route path="products/:id" element={<ProductEditPage />} />
        <Route path="purchase-limits" element={<PurchaseLimitGroupsPage />} />
        <Route path="mix-match" element={<MixMatchDiscountsPage />} />
        <Route path="redemptions" element={<RedemptionListPage />} />
        <Route path="redeem/:code?" element={<RedeemPage />} />
        <Route path="orders" element={<OrderListPage />} />
        <Route path="orders/:id" element={<OrderDetailPage />} />
        <Route path="staff" element={<StaffListPage />} />
        <Route path="settings/registration" element={<SettingsPage section="registration" />} />
        <Route path="settings/auto-close" element={<SettingsPage section="autoClose" />} />
        <Route path="api-keys" element={<ApiKeysPage />} />
        <Route path="reconciliation" element={<StatementsPage />} />
        <Route path="reconciliation/:period" element={<StatementPage />} />
        <Route path="payment-reconciliation" element={<PaymentReconciliationPage />} />
        <Route path="referrers" element={<ReferrersPage />} />
        <Route path="commission" element={<CommissionPage />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
