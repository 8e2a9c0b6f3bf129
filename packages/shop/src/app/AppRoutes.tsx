import { Anchor, Text } from '@mantine/core';
import { LoginPage, RequireAuth } from '@ticket/ui';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import { RegisterPage } from '../features/auth/components/RegisterPage';
import { CartPage } from '../features/cart/components/CartPage';
import { HomePage } from '../features/catalog/components/HomePage';
import { ProductPage } from '../features/catalog/components/ProductPage';
import { CheckoutPage } from '../features/checkout/components/CheckoutPage';
import { OrderPage } from '../features/orders/components/OrderPage';
import { OrdersPage } from '../features/orders/components/OrdersPage';
import { CartProvider, type CartStore } from '../shared/cart';
import { NotFoundPage } from './NotFoundPage';
import { ShopLayout } from './ShopLayout';

function ToRegister() {
  const { t } = useTranslation();
  const { search } = useLocation();
  return (
    <Text size="sm" ta="center">
      {t('shop.noAccount')}{' '}
      <Anchor component={Link} to={`/register${search}`}>
        {t('shop.register')}
      </Anchor>
    </Text>
  );
}

/** The shop's pages. `cartStore` lets tests start from given carts (default: localStorage). */
export function AppRoutes({ cartStore }: { cartStore?: CartStore } = {}) {
  const { t } = useTranslation();
  return (
    <CartProvider store={cartStore}>
      <Routes>
        <Route element={<ShopLayout />}>
          <Route index element={<HomePage />} />
          <Route path="products/:id" element={<ProductPage />} />
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
          <Route path="login" element={<LoginPage title={t('shop.loginTitle')} emailLabel={t('shop.loginIdentifier')} footer={<ToRegister />} />} />
          <Route path="register" element={<RegisterPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </CartProvider>
  );
}
