import { Anchor, Text } from '@mantine/core';
import { LoginPage } from '@ticket/ui';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import { RegisterPage } from '../features/auth/components/RegisterPage';
import { HomePage } from '../features/catalog/components/HomePage';
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

export function AppRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route element={<ShopLayout />}>
        <Route index element={<HomePage />} />
        <Route path="login" element={<LoginPage title={t('shop.loginTitle')} emailLabel={t('shop.loginIdentifier')} footer={<ToRegister />} />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
