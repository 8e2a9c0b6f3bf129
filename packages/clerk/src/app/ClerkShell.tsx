import { Box, Button, Container, Group, SimpleGrid, Text } from '@mantine/core';
import { LanguageSwitch, SessionControls } from '@ticket/ui';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useMatch } from 'react-router';

const NAV = [
  { to: '/redeem', key: 'redeem' },
  { to: '/redemptions', key: 'redemptions' },
] as const;

function NavButton({ to, label, testId }: { to: string; label: string; testId: string }) {
  const active = useMatch({ path: to, end: false });
  return (
    <Button component={NavLink} to={to} size="xl" px="xs" variant={active ? 'filled' : 'light'} data-testid={testId} fullWidth>
      {label}
    </Button>
  );
}

/** One-hand, phone-first frame: who is signed in, and the two places a clerk may go. */
export function ClerkShell() {
  const { t } = useTranslation();
  return (
    <Box pb="xl">
      <Box component="header" px="sm" py="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700} size="lg">
            {t('clerk.appName')}
          </Text>
          <LanguageSwitch />
        </Group>
        <Group justify="space-between" wrap="nowrap" mt="xs">
          <SessionControls size="md" />
        </Group>
      </Box>
      <Container size="sm" px="sm">
        <SimpleGrid component="nav" cols={2} spacing="sm" my="md">
          {NAV.map(({ to, key }) => (
            <NavButton key={key} to={to} label={t(`clerk.nav.${key}`)} testId={`nav-${key}`} />
          ))}
        </SimpleGrid>
        <Outlet />
      </Container>
    </Box>
  );
}
