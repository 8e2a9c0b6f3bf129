import { Anchor, Text } from '@mantine/core';
import { LoginPage } from '@ticket/ui';
import { ForgotPasswordLink } from '@ticket/ui/password-reset';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

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

function LoginFooter() {
  return (
    <>
      <ForgotPasswordLink />
      <ToRegister />
    </>
  );
}

/** `/login`: the shared sign-in form, with the way to 忘記密碼 and to register. */
export function ShopLoginPage() {
  const { t } = useTranslation();
  return <LoginPage title={t('shop.loginTitle')} emailLabel={t('shop.loginIdentifier')} footer={<LoginFooter />} />;
}
