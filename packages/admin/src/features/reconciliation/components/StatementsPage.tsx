import { useQuery } from '@apollo/client/react';
import { Anchor, Button, EmptyState, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { FormError, formatMoney, PageLoader } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SettlementStatementsDocument } from '../api/reconciliation';
import { ConsistencyCheck } from './ConsistencyCheck';
import { LiabilityCard } from './LiabilityCard';
import { usePeriodLabel } from './PeriodLabel';

const STEPS = [12, 24, 48];

/** 對帳 (L4, L5): the latest settlement periods with their totals, and the liability next to them. */
export function StatementsPage() {
  const { t } = useTranslation();
  const [count, setCount] = useState(STEPS[0]!);
  const { data, previousData, loading, error } = useQuery(SettlementStatementsDocument, { variables: { count }, fetchPolicy: 'cache-and-network' });
  const statements = (data ?? previousData)?.settlementStatements;
  const label = usePeriodLabel();
  const more = STEPS.find((s) => s > count);

  return (
    <>
      <Title order={2} mb={4}>
        {t('admin.reconciliation.title')}
      </Title>
      <Text c="dimmed" size="sm" mb="lg">
        {t('admin.reconciliation.hint')}
      </Text>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="sm">
              {t('admin.reconciliation.statements')}
            </Title>
            {error && !statements && <FormError>{t('common.networkError')}</FormError>}
            {!statements && !error && <PageLoader />}
            {statements && !statements.length && <EmptyState title={t('admin.reconciliation.noStatements')} data-testid="statements-empty" />}
            {statements && statements.length > 0 && (
              <Stack gap="sm" aria-busy={loading}>
                <Table.ScrollContainer minWidth={700}>
                  <Table striped highlightOnHover verticalSpacing="sm" styles={{ td: { whiteSpace: 'nowrap', verticalAlign: 'top' }, th: { whiteSpace: 'nowrap' } }}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('admin.reconciliation.columns.period')}</Table.Th>
                        <Table.Th ta="right">{t('admin.reconciliation.columns.redeemed')}</Table.Th>
                        <Table.Th ta="right">{t('admin.reconciliation.columns.fees')}</Table.Th>
                        <Table.Th ta="right">{t('admin.reconciliation.columns.feeRefunds')}</Table.Th>
                        <Table.Th ta="right">{t('admin.reconciliation.columns.net')}</Table.Th>
                        <Table.Th>{t('admin.reconciliation.columns.consistency')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {statements.map((s) => (
                        <Table.Tr key={s.period} data-testid="statement-row" data-period={s.period}>
                          <Table.Td>
                            <Anchor component={Link} to={`/reconciliation/${s.period}`} fw={500} data-testid="statement-link">
                              {label(s.period)}
                            </Anchor>
                          </Table.Td>
                          <Table.Td ta="right" data-testid="statement-redeemed">
                            {formatMoney(s.redeemedAmount)}
                          </Table.Td>
                          <Table.Td ta="right" data-testid="statement-fees">
                            {formatMoney(s.feeAmount)}
                          </Table.Td>
                          <Table.Td ta="right" data-testid="statement-fee-refunds">
                            {formatMoney(s.feeRefundAmount)}
                          </Table.Td>
                          <Table.Td ta="right" fw={700} data-testid="statement-net">
                            {formatMoney(s.netPayout)}
                          </Table.Td>
                          <Table.Td>
                            <ConsistencyCheck period={s.period} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <Group justify="space-between">
                  <Text size="xs" c="dimmed">
                    {t('admin.reconciliation.netFormula')}
                  </Text>
                  {more && (
                    <Button variant="default" size="xs" onClick={() => setCount(more)} loading={loading && count === more} data-testid="statements-more">
                      {t('admin.reconciliation.more')}
                    </Button>
                  )}
                </Group>
              </Stack>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <LiabilityCard />
        </Grid.Col>
      </Grid>
    </>
  );
}
