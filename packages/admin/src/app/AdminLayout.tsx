import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { AppFrame, LanguageSwitch, SessionControls, useViewer } from '@ticket/ui';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useMatch } from 'react-router';
import { canSee, NAV, navTestId, type NavEntry } from './nav';

function NavItem({ to, label }: Pick<NavEntry, 'to' | 'label'>) {
  const { t } = useTranslation();
  const active = useMatch({ path: to, end: false });
  return <NavLink component={RouterLink} to={to} label={t(`admin.nav.${label}`)} active={!!active} data-testid={navTestId(to)} />;
}

function Navigation() {
  const { t } = useTranslation();
  const permissions = useViewer()?.permissions ?? [];
  return (
    <ScrollArea>
      <Stack gap="md">
        {NAV.map((group) => {
          const entries = group.entries.filter((e) => canSee(e, permissions));
          if (!entries.length) return null;
          return (
            <div key={group.label}>
              <Text size="xs" fw={700} c="dimmed" px="sm" mb={4}>
                {t(`admin.nav.${group.label}`)}
              </Text>
              {entries.map((entry) => (
                <NavItem key={entry.to} {...entry} />
              ))}
            </div>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}

export function AdminLayout() {
  const { t } = useTranslation();
  return (
    <AppFrame
      brand={
        <Text fw={700} size="lg" truncate>
          {t('admin.appName')}
        </Text>
      }
      actions={
        <>
          <LanguageSwitch />
          <SessionControls />
        </>
      }
      navbar={<Navigation />}
    >
      <Outlet />
    </AppFrame>
  );
}
