import { Container, Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** The card the reset screens share with the sign-in page: a title (and the language switch) over the content. */
export function ResetFrame({ title, withLanguageSwitch, children }: { title: ReactNode; withLanguageSwitch?: boolean; children: ReactNode }) {
  return (
    <Container size={440} px="sm" py="xl">
      <Paper withBorder p="lg" shadow="xs">
        <Stack>
          <Group justify="space-between" wrap="nowrap">
            <Title order={2}>{title}</Title>
            {withLanguageSwitch && <LanguageSwitch />}
          </Group>
          {children}
        </Stack>
      </Paper>
    </Container>
  );
}
