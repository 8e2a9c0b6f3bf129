import { lazyPage, LoginPage, RequireAuth, useViewer } from '@ticket/ui';
import { ForgotPasswordLink, PasswordResetPage, PasswordResetRequestPage } from '@ticket/ui/password-reset';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { AdminLayout } from './AdminLayout';
import { landingPath } from './nav';

/*
 * Route-level code splitting (issue 15: the admin's first load stays under 250 KB gzip, checked by the
 * build): each page is its own chunk, loaded when first opened, with a loader in the frame meanwhile
 * (AppFrame's Suspense). A new page: `const XPage = lazyPage(() => import('../features/x/components/XPage'), 'XPage');`.
 * The sign-in pages load with the app.
 */
const ApiKeysPage = lazyPage(() => import('../features/api-keys/components/ApiKeysPage'), 'ApiKeysPage');
const DashboardPage = lazyPage(() => import('../features/dashboard/components/DashboardPage'), 'DashboardPage');
const AuditLogPage = lazyPage(() => import('../features/audit/components/AuditLogPage'), 'AuditLogPage');
const GateBoardPage = lazyPage(() => import('../features/gate/components/GateBoardPage'), 'GateBoardPage');
const OfflinePage = lazyPage(() => import('../features/gate/components/OfflinePage'), 'OfflinePage');
const MixMatchDiscountsPage = lazyPage(() => import('../features/catalog/components/MixMatchDiscountsPage'), 'MixMatchDiscountsPage');
const ProductEditPage = lazyPage(() => import('../features/catalog/components/ProductFormPage'), 'ProductEditPage');
const ProductNewPage = lazyPage(() => import('../features/catalog/components/ProductFormPage'), 'ProductNewPage');
const ProductListPage = lazyPage(() => import('../features/catalog/components/ProductListPage'), 'ProductListPage');
const PurchaseLimitGroupsPage = lazyPage(() => import('../features/catalog/components/PurchaseLimitGroupsPage'), 'PurchaseLimitGroupsPage');
const OrderDetailPage = lazyPage(() => import('../features/orders/components/OrderDetailPage'), 'OrderDetailPage');
const OrderListPage = lazyPage(() => import('../features/orders/components/OrderListPage'), 'OrderListPage');
const CommissionPage = lazyPage(() => import('../features/reconciliation/components/CommissionPage'), 'CommissionPage');
const PaymentReconciliationPage = lazyPage(() => import('../features/reconciliation/components/PaymentReconciliationPage'), 'PaymentReconciliationPage');
const ReferrersPage = lazyPage(() => import('../features/reconciliation/components/ReferrersPage'), 'ReferrersPage');
const StatementPage = lazyPage(() => import('../features/reconciliation/components/StatementPage'), 'StatementPage');
const StatementsPage = lazyPage(() => import('../features/reconciliation/components/StatementsPage'), 'StatementsPage');
const RedeemPage = lazyPage(() => import('../features/redemption/components/RedeemPage'), 'RedeemPage');
const RedemptionListPage = lazyPage(() => import('../features/redemption/components/RedemptionListPage'), 'RedemptionListPage');
const SettingsPage = lazyPage(() => import('../features/settings/components/SettingsPage'), 'SettingsPage');
const StaffListPage = lazyPage(() => import('../features/staff/components/StaffListPage'), 'StaffListPage');
const WebhookDeliveriesPage = lazyPage(() => import('../features/webhooks/components/WebhookDeliveriesPage'), 'WebhookDeliveriesPage');
const WebhooksPage = lazyPage(() => import('../features/webhooks/components/WebhooksPage'), 'WebhooksPage');

/** `/`: the first page of the menu this admin may open. */
function Landing() {
  const permissions = useViewer()?.permissions ?? [];
  return <Navigate to={landingPath(permissions)} replace />;
}

export function AppRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route path="/login" element={<LoginPage title={t('admin.loginTitle')} withLanguageSwitch footer={<ForgotPasswordLink />} />} />
      <Route path="/forgot-password" element={<PasswordResetRequestPage app="ADMIN" withLanguageSwitch />} />
      <Route path="/reset-password" element={<PasswordResetPage withLanguageSwitch />} />
      <Route
        element={
          <RequireAuth>
            <AdminLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Landing />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="products" element={<ProductListPage />} />
        <Route path="products/new" element={<ProductNewPage />} />
        <Route path="products/:id" element={<ProductEditPage />} />
        <Route path="purchase-limits" element={<PurchaseLimitGroupsPage />} />
        <Route path="mix-match" element={<MixMatchDiscountsPage />} />
        <Route path="redemptions" element={<RedemptionListPage />} />
        <Route path="redeem/:code?" element={<RedeemPage />} />
        <Route path="gate-board" element={<GateBoardPage />} />
        <Route path="offline" element={<OfflinePage />} />
        <Route path="orders" element={<OrderListPage />} />
        <Route path="orders/:id" element={<OrderDetailPage />} />
        <Route path="staff" element={<StaffListPage />} />
        <Route path="settings/registration" element={<SettingsPage section="registration" />} />
        <Route path="settings/auto-close" element={<SettingsPage section="autoClose" />} />
        <Route path="api-keys" element={<ApiKeysPage />} />
        <Route path="audit-log" element={<AuditLogPage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="webhooks/:id" element={<WebhookDeliveriesPage />} />
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
