import { lazyPage } from '@ticket/ui/core';
import { Route, Routes } from 'react-router';
import { HomePage } from '../features/catalog/components/HomePage';
import { ProductPage } from '../features/catalog/components/ProductPage';
import { CartProvider, type CartStore } from '../shared/cart';
import { NotFoundPage } from './NotFoundPage';
import { ShopLayout } from './ShopLayout';

/*
 * Issue 15, the first-load budget: the shell, the home page and the product page are drawn without
 * Mantine (shared/lite) and load with the app. Every other page is its own chunk (lazyPage) and sits
 * under <WithMantine />, which brings Mantine's provider and stylesheet with the first of them. A new
 * page: `const XPage = lazyPage(() => import('...'), 'XPage')` and a route inside <WithMantine />.
 * What comes from '@ticket/ui' or '@ticket/ui/password-reset' (Mantine inside) is lazy too.
 */
const WithMantine = lazyPage(() => import('./WithMantine'), 'WithMantine');
const RequireAuth = lazyPage(() => import('@ticket/ui'), 'RequireAuth');
const CartPage = lazyPage(() => import('../features/cart/components/CartPage'), 'CartPage');
const CheckoutPage = lazyPage(() => import('../features/checkout/components/CheckoutPage'), 'CheckoutPage');
const OrdersPage = lazyPage(() => import('../features/orders/components/OrdersPage'), 'OrdersPage');
const OrderPage = lazyPage(() => import('../features/orders/components/OrderPage'), 'OrderPage');
const ShopLoginPage = lazyPage(() => import('../features/auth/components/ShopLoginPage'), 'ShopLoginPage');
const RegisterPage = lazyPage(() => import('../features/auth/components/RegisterPage'), 'RegisterPage');
const PasswordResetRequestPage = lazyPage(() => import('@ticket/ui/password-reset'), 'PasswordResetRequestPage');
const PasswordResetPage = lazyPage(() => import('@ticket/ui/password-reset'), 'PasswordResetPage');

/** The shop's pages. `cartStore` lets tests start from given carts (default: localStorage). */
export function AppRoutes({ cartStore }: { cartStore?: CartStore } = {}) {
  return (
    <CartProvider store={cartStore}>
      <Routes>
        <Route element={<ShopLayout />}>
          <Route index element={<HomePage />} />
          <Route path="products/:id" element={<ProductPage />} />
          <Route element={<WithMantine />}>
            <Route path="cart" element={<CartPage />} />
            <Route
              path="checkout/:kind"
              element={
                <RequireAuth>
                  <CheckoutPage />
                </RequireAuth>
              }
            />
            <Route
              path="account/orders"
              element={
                <RequireAuth>
                  <OrdersPage />
                </RequireAuth>
              }
            />
            <Route
              path="account/orders/:id"
              element={
                <RequireAuth>
                  <OrderPage />
                </RequireAuth>
              }
            />
            <Route path="login" element={<ShopLoginPage />} />
            <Route path="forgot-password" element={<PasswordResetRequestPage app="SHOP" />} />
            <Route path="reset-password" element={<PasswordResetPage />} />
            <Route path="register" element={<RegisterPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </CartProvider>
  );
}
