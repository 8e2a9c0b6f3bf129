import { useQuery } from '@apollo/client/react';
import { Button, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { formatDateTime, formatMoney } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { taipeiDay, taipeiDayEnd } from '../../../lib/taipeiDate';
import { TicketLiabilityDocument } from '../api/reconciliation';

/** The last moment of a Taipei day, or nothing (= now) for today, later days and blanks. */
export function liabilityAsOf(day: string, now = new Date()): string | undefined {
  if (!day || day >= taipeiDay(now)) return undefined;
  const end = taipeiDayEnd(day);
  return end ? new Date(new Date(end).getTime() - 1000).toISOString() : undefined;
}

/** L5 履約保障: face value sold and neither redeemed nor refunded, now or at the end of a chosen day. */
export function LiabilityCard() {
  const { t, i18n } = useTranslation();
  const [day, setDay] = useState('');
  const asOf = liabilityAsOf(day);
  const { data, previousData, loading, error } = useQuery(TicketLiabilityDocument, { variables: { asOf }, fetchPolicy: 'cache-and-network' });
  const liability = (data ?? previousData)?.ticketLiability;

  return (
    <Paper withBorder p="md" data-testid="liability">
      <Title order={3} size="h4">
        {t('admin.reconciliation.liability.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('admin.reconciliation.liability.hint')}
      </Text>
      <Group align="flex-end" gap="xs" mb="md">
        <TextInput
          type="date"
          name="asOf"
          label={t('admin.reconciliation.liability.asOfDay')}
          description={t('admin.reconciliation.liability.asOfHint')}
          value={day}
          max={taipeiDay()}
          onChange={(e) => setDay(e.currentTarget.value)}
          data-testid="liability-asof"
        />
        {day && (
          <Button variant="subtle" size="sm" onClick={() => setDay('')} data-testid="liability-now">
            {t('admin.reconciliation.liability.now')}
          </Button>
        )}
      </Group>
      {error && !liability ? (
        <Text c="red" size="sm">
          {t('common.networkError')}
        </Text>
      ) : !liability ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <Stack gap={2} aria-busy={loading}>
          <Text size="xs" c="dimmed">
            {t('admin.reconciliation.liability.amount')}
          </Text>
          <Text fw={700} size="xl" data-testid="liability-amount" data-amount={liability.amount}>
            {formatMoney(liability.amount)}
          </Text>
          <Text size="sm" data-testid="liability-quantity">
            {t('admin.reconciliation.liability.quantity', { count: liability.quantity })}
          </Text>
          <Text size="xs" c="dimmed" data-testid="liability-asof-echo">
            {t('admin.reconciliation.liability.asOf', { date: formatDateTime(liability.asOf, i18n.language) })}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
