import { ActionIcon, Anchor, Badge, Button, Container, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { AppFrame, LanguageSwitch, SessionControls, useSession } from '@ticket/ui';
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { unitCount, useCarts } from '../shared/cart';
import { CartIcon, MenuIcon } from '../shared/components/icons';
import { rememberReferral } from '../shared/referral';

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

/** The cart link with the number of units in both carts. */
function CartButton() {
  const { t } = useTranslation();
  const { carts } = useCarts();
  const count = unitCount(carts.TICKET) + unitCount(carts.GOODS);
  return (
    <UnstyledButton
      component={Link}
      to="/cart"
      aria-label={t('shop.nav.cartCount', { count })}
      data-testid="nav-cart"
      style={{ display: 'flex', alignItems: 'center', gap: 4, padding: '4px 6px', borderRadius: 8 }}
    >
      <CartIcon size={22} />
      <Text size="sm" visibleFrom="sm" aria-hidden>
        {t('shop.nav.cart')}
      </Text>
      <Badge size="sm" circle={count < 10} color={count > 0 ? 'teal' : 'gray'} variant={count > 0 ? 'filled' : 'light'} data-testid="cart-badge" aria-hidden>
        {count}
      </Badge>
    </UnstyledButton>
  );
}

/** On phones, account and language live behind one menu button. */
function MobileMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { viewer, logout } = useSession();
  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <ActionIcon variant="default" size="lg" aria-label={t('common.menu')} hiddenFrom="sm" data-testid="nav-menu">
          <MenuIcon />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {viewer && <Menu.Label>{viewer.name}</Menu.Label>}
        <Menu.Item onClick={() => navigate('/account/orders')}>{t('shop.nav.orders')}</Menu.Item>
        <Menu.Item onClick={() => navigate('/cart')}>{t('shop.nav.cart')}</Menu.Item>
        <Menu.Divider />
        {viewer ? (
          <Menu.Item onClick={() => void logout()}>{t('common.logout')}</Menu.Item>
        ) : (
          <>
            <Menu.Item onClick={() => navigate('/login')}>{t('common.login')}</Menu.Item>
            <Menu.Item onClick={() => navigate('/register')}>{t('shop.register')}</Menu.Item>
          </>
        )}
        <Menu.Divider />
        <Group px="sm" py={6}>
          <LanguageSwitch />
        </Group>
      </Menu.Dropdown>
    </Menu>
  );
}

export function ShopLayout() {
  const { t } = useTranslation();
  const { search } = useLocation();
  useEffect(() => rememberReferral(search), [search]);
  return (
    <AppFrame
      brand={
        <Anchor component={Link} to="/" fw={700} size="lg" c="inherit" underline="never" data-testid="store-name" style={{ whiteSpace: 'nowrap' }}>
          {t('shop.storeName')}
        </Anchor>
      }
      actions={
        <>
          <Anchor component={Link} to="/account/orders" size="sm" c="inherit" visibleFrom="sm" data-testid="nav-account-orders" style={{ whiteSpace: 'nowrap' }}>
            {t('shop.nav.orders')}
          </Anchor>
          <Group gap="sm" wrap="nowrap" visibleFrom="sm">
            <LanguageSwitch />
            <AccountLinks />
          </Group>
          <CartButton />
          <MobileMenu />
        </>
      }
    >
      <Container size="lg" px={0}>
        <Outlet />
      </Container>
    </AppFrame>
  );
}
