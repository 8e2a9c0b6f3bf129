import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, EmptyState, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { FormError, formatDate, formatDateTime, formatMoney, PageLoader } from '@ticket/ui';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { SettlementStatementQuery, StatementEntryKind } from '../../../gql/graphql';
import { SettlementStatementDocument } from '../api/reconciliation';
import { nextPeriod, parsePeriod, previousPeriod } from '../lib/period';
import { ConsistencyCheck } from './ConsistencyCheck';
import { usePeriodLabel } from './PeriodLabel';
import { StatementDownload } from './StatementDownload';

const KIND_COLOR: Record<StatementEntryKind, string> = { REDEMPTION: 'teal', FEE: 'orange', FEE_REFUND: 'blue' };

/** L4: one period's statement: totals, every ledger line, the CSV export and a consistency check. */
export function StatementPage() {
  const { t, i18n } = useTranslation();
  const { period = '' } = useParams();
  const valid = !!parsePeriod(period);
  const { data, error } = useQuery(SettlementStatementDocument, { variables: { period }, skip: !valid, fetchPolicy: 'cache-and-network' });
  const label = usePeriodLabel();
  const statement = data?.settlementStatement;
  const prev = previousPeriod(period);
  const next = nextPeriod(period);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/reconciliation" size="sm" data-testid="statements-back">
        ← {t('admin.reconciliation.backToList')}
      </Anchor>
      {(!valid || (data && !statement)) && (
        <Paper withBorder p="xl" data-testid="statement-not-found">
          <Title order={3}>{t('admin.reconciliation.notFound')}</Title>
          <Text c="dimmed">{t('admin.reconciliation.notFoundHint')}</Text>
        </Paper>
      )}
      {valid && (
        <>
          <Group justify="space-between" align="flex-start" gap="sm">
            <Stack gap={2}>
              <Title order={2} data-testid="statement-title">
                {t('admin.reconciliation.statementTitle', { period: label(period) })}
              </Title>
              {statement && (
                <Text size="sm" c="dimmed">
                  {t('admin.reconciliation.range', {
                    from: formatDate(statement.from, i18n.language),
                    to: formatDate(new Date(new Date(statement.to).getTime() - 1), i18n.language),
                  })}
                </Text>
              )}
            </Stack>
            <Group gap="xs" align="flex-start">
              {prev && (
                <Button component={Link} to={`/reconciliation/${prev}`} variant="default" size="xs" data-testid="statement-prev">
                  ← {t('admin.reconciliation.previous')}
                </Button>
              )}
              {next && (
                <Button component={Link} to={`/reconciliation/${next}`} variant="default" size="xs" data-testid="statement-next">
                  {t('admin.reconciliation.next')} →
                </Button>
              )}
              <StatementDownload period={period} />
            </Group>
          </Group>
          {error && !data && <FormError>{t('common.networkError')}</FormError>}
          {!data && !error && <PageLoader />}
          {statement && (
            <>
              <SimpleGrid cols={{ base: 2, md: 4 }}>
                <Total label={t('admin.reconciliation.columns.redeemed')} amount={statement.redeemedAmount} testId="statement-redeemed" />
                <Total label={t('admin.reconciliation.columns.fees')} amount={statement.feeAmount} testId="statement-fees" />
                <Total label={t('admin.reconciliation.columns.feeRefunds')} amount={statement.feeRefundAmount} testId="statement-fee-refunds" />
                <Total label={t('admin.reconciliation.columns.net')} amount={statement.netPayout} testId="statement-net" strong />
              </SimpleGrid>
              <Group justify="space-between" align="flex-start">
                <Text size="xs" c="dimmed">
                  {t('admin.reconciliation.netFormula')}
                </Text>
                <ConsistencyCheck period={period} size="sm" />
              </Group>
              <Paper withBorder p="md">
                <Title order={3} size="h4" mb="sm">
                  {t('admin.reconciliation.lines')}
                </Title>
                {!statement.lines.length ? (
                  <EmptyState title={t('admin.reconciliation.noLines')} data-testid="statement-empty" />
                ) : (
                  <StatementLines lines={statement.lines} />
                )}
              </Paper>
            </>
          )}
        </>
      )}
    </Stack>
  );
}

function Total({ label, amount, testId, strong }: { label: string; amount: number; testId: string; strong?: boolean }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={strong ? 800 : 600} size="xl" data-testid={testId} data-amount={amount}>
        {formatMoney(amount)}
      </Text>
    </Paper>
  );
}

type Line = NonNullable<SettlementStatementQuery['settlementStatement']>['lines'][number];

function StatementLines({ lines }: { lines: readonly Line[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table striped verticalSpacing={6} styles={{ td: { whiteSpace: 'nowrap' }, th: { whiteSpace: 'nowrap' } }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.reconciliation.lineColumns.occurredAt')}</Table.Th>
            <Table.Th>{t('admin.reconciliation.lineColumns.kind')}</Table.Th>
            <Table.Th>{t('admin.reconciliation.lineColumns.order')}</Table.Th>
            <Table.Th>{t('admin.reconciliation.lineColumns.code')}</Table.Th>
            <Table.Th>{t('admin.reconciliation.lineColumns.ticket')}</Table.Th>
            <Table.Th ta="right">{t('admin.reconciliation.lineColumns.quantity')}</Table.Th>
            <Table.Th ta="right">{t('admin.reconciliation.lineColumns.faceValue')}</Table.Th>
            <Table.Th ta="right">{t('admin.reconciliation.lineColumns.fee')}</Table.Th>
            <Table.Th ta="right">{t('admin.reconciliation.lineColumns.feeRefund')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line, i) => (
            <Table.Tr key={`${line.occurredAt}-${line.kind}-${line.code ?? ''}-${i}`} data-testid="statement-line" data-kind={line.kind}>
              <Table.Td>{formatDateTime(line.occurredAt, i18n.language)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={KIND_COLOR[line.kind]} tt="none" miw="max-content">
                  {t(`admin.reconciliation.kind.${line.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/orders?q=${encodeURIComponent(line.orderNumber)}`} ff="monospace" size="sm">
                  {line.orderNumber}
                </Anchor>
              </Table.Td>
              <Table.Td ff="monospace">{line.code ?? '—'}</Table.Td>
              <Table.Td style={{ whiteSpace: 'normal' }}>{line.ticketName}</Table.Td>
              <Table.Td ta="right">{line.quantity}</Table.Td>
              <Table.Td ta="right">{line.kind === 'REDEMPTION' ? formatMoney(line.faceValue) : ''}</Table.Td>
              <Table.Td ta="right">{line.kind === 'FEE' ? formatMoney(line.fee) : ''}</Table.Td>
              <Table.Td ta="right">{line.kind === 'FEE_REFUND' ? formatMoney(line.feeRefund) : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
