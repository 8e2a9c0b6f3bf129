import { Container, Group, Paper, Stack, Title, type MantineSize } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useSession } from '../auth/AuthProvider';
import { safeRedirect } from '../auth/RequireAuth';
import { LanguageSwitch } from './LanguageSwitch';
import { LoginForm } from './LoginForm';
import { PageLoader } from './PageLoader';

export interface LoginPageProps {
  title: ReactNode;
  size?: MantineSize;
  emailLabel?: string;
  /** Under the form, e.g. a link to registration. */
  footer?: ReactNode;
  /** For apps whose login has no header to hold the switch. */
  withLanguageSwitch?: boolean;
}

/** The sign-in screen; once signed in, goes to `?redirect=` (a path of this app) or home. */
export function LoginPage({ title, size, emailLabel, footer, withLanguageSwitch }: LoginPageProps) {
  const { viewer, loading, login } = useSession();
  const [params] = useSearchParams();
  if (loading) return <PageLoader />;
  if (viewer) return <Navigate to={safeRedirect(params.get('redirect'))} replace />;
  return (
    <Container size={440} px="sm" py="xl">
      <Paper withBorder p="lg" shadow="xs">
        <Stack>
          <LoginForm onSubmit={({ email, password }) => login(email, password)} size={size} emailLabel={emailLabel}>
            <Group justify="space-between" wrap="nowrap">
              <Title order={2}>{title}</Title>
              {withLanguageSwitch && <LanguageSwitch />}
            </Group>
          </LoginForm>
          {footer}
        </Stack>
      </Paper>
    </Container>
  );
}
