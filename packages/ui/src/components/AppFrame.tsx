import { AppShell, Burger, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { PageLoader } from './PageLoader';

export interface AppFrameProps {
  /** Left side of the header: the app or store name. */
  brand: ReactNode;
  /** Right side of the header: language switch, account. */
  actions?: ReactNode;
  /** Side navigation; collapses behind a burger on small screens. */
  navbar?: ReactNode;
  children: ReactNode;
}

/** Header, optional side navigation, content (under a Suspense boundary, for lazy pages). */
export function AppFrame({ brand, actions, navbar, children }: AppFrameProps) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  useEffect(close, [pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={navbar ? { width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {navbar && <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('common.menu')} />}
            {brand}
          </Group>
          <Group gap="sm" wrap="nowrap">
            {actions}
          </Group>
        </Group>
      </AppShell.Header>
      {navbar && (
        <AppShell.Navbar p="sm" component="nav">
          {navbar}
        </AppShell.Navbar>
      )}
      <AppShell.Main>
        {/* Pages are lazy chunks (lazyPage): the frame stays, a loader shows while one arrives. */}
        <Suspense fallback={<PageLoader />}>{children}</Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
