import { Anchor, Button, Container } from '@mantine/core';
import { AppFrame, LanguageSwitch, SessionControls, useSession } from '@ticket/ui';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';

function AccountLinks() {
  const { t } = useTranslation();
  const { viewer, loading } = useSession();
  if (loading) return null;
  if (viewer) return <SessionControls />;
  return (
    <>
      <Button component={Link} to="/login" variant="default" size="sm" data-testid="nav-login">
        {t('common.login')}
      </Button>
      <Button component={Link} to="/register" size="sm" data-testid="nav-register">
        {t('shop.register')}
      </Button>
    </>
  );
}

export function ShopLayout() {
  const { t } = useTranslation();
  return (
    <AppFrame
      brand={
        <Anchor component={Link} to="/" fw={700} size="lg" c="inherit" underline="never" data-testid="store-name">
          {t('shop.storeName')}
        </Anchor>
      }
      actions={
        <>
          <LanguageSwitch />
          <AccountLinks />
        </>
      }
    >
      <Container size="lg" px={0}>
        <Outlet />
      </Container>
    </AppFrame>
  );
}
