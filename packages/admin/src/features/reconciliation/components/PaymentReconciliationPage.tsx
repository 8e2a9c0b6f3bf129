import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, EmptyState, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { FormError, formatDate, formatDateTime, formatMoney, PageLoader } from '@ticket/ui';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { PaymentReconciliationQuery } from '../../../gql/graphql';
import { PaymentReconciliationDocument } from '../api/reconciliation';
import { periodOf } from '../lib/period';
import {
  isKnownDifference,
  MAX_RANGE_DAYS,
  paymentsCsvUrl,
  rangeDays,
  rangeInstants,
  readPaymentRange,
  writePaymentRange,
  type PaymentRange,
} from '../lib/paymentReconciliation';
import { CsvExportButton } from '../../../components/CsvExportButton';
import { usePeriodLabel } from './PeriodLabel';
import { PeriodPicker } from './PeriodPicker';

type Row = PaymentReconciliationQuery['paymentReconciliation']['rows'][number];

/** The line between the gateway's side and the books' side. */
const divider = { borderLeft: '1px solid var(--table-border-color)' };

/**
 * 對帳 > 金流對帳: for a period, every charge as the card gateway records it beside the payment in our
 * books, differences flagged and counted, with the same rows as CSV.
 */
export function PaymentReconciliationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // The picker answers at once; the address follows (and a link to another address resets it).
  const [range, setRange] = useState(() => readPaymentRange(params));
  const written = useRef(params.toString());
  useEffect(() => {
    if (params.toString() === written.current) return;
    written.current = params.toString();
    setRange(readPaymentRange(params));
  }, [params]);
  const change = (next: PaymentRange) => {
    setRange(next);
    const address = writePaymentRange(next);
    written.current = address.toString();
    setParams(address, { replace: true });
  };
  const switchMode = (mode: string) => {
    if (mode === range.mode) return;
    if (mode === 'days') change({ mode: 'days', ...rangeDays(range) });
    else change({ mode: 'period', period: range.mode === 'days' && range.from ? periodOf(`${range.from}T12:00:00+08:00`) : periodOf() });
  };

  const instants = rangeInstants(range);
  const days = rangeDays(range);

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t('admin.paymentReconciliation.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('admin.paymentReconciliation.hint')}
        </Text>
      </div>
      <Group justify="space-between" align="flex-end" gap="md">
        <Group align="flex-end" gap="md">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="payment-recon-mode-label">
              {t('admin.paymentReconciliation.rangeMode')}
            </Text>
            <SegmentedControl
              aria-labelledby="payment-recon-mode-label"
              value={range.mode}
              onChange={switchMode}
              data={[
                { value: 'period', label: t('admin.paymentReconciliation.byPeriod') },
                { value: 'days', label: t('admin.paymentReconciliation.byDays') },
              ]}
              data-testid="payment-recon-mode"
            />
          </Stack>
          {range.mode === 'period' ? (
            <PeriodPicker value={range.period} onChange={(period) => change({ mode: 'period', period })} label={t('admin.reconciliation.columns.period')} testIdPrefix="payment-recon" />
          ) : (
            <Group align="flex-start" gap="xs">
              <TextInput
                type="date"
                name="from"
                label={t('admin.paymentReconciliation.from')}
                value={range.from}
                max={range.to || undefined}
                onChange={(e) => change({ ...range, from: e.currentTarget.value })}
                data-testid="payment-recon-from"
              />
              <TextInput
                type="date"
                name="to"
                label={t('admin.paymentReconciliation.to')}
                value={range.to}
                min={range.from || undefined}
                onChange={(e) => change({ ...range, to: e.currentTarget.value })}
                error={'problem' in instants && instants.problem !== 'missing' ? t(`admin.paymentReconciliation.rangeProblem.${instants.problem}`, { max: MAX_RANGE_DAYS }) : undefined}
                data-testid="payment-recon-to"
              />
            </Group>
          )}
        </Group>
        <CsvExportButton
          href={'problem' in instants ? null : paymentsCsvUrl(instants.from, instants.to)}
          label={t('admin.reconciliation.download')}
          testId="payment-recon-download"
        />
      </Group>
      {'problem' in instants ? (
        <Text c="dimmed" size="sm" data-testid="payment-recon-choose">
          {t('admin.paymentReconciliation.chooseRange', { max: MAX_RANGE_DAYS })}
        </Text>
      ) : (
        <Reconciliation key={`${instants.from}/${instants.to}`} from={instants.from} to={instants.to} range={range} />
      )}
    </Stack>
  );
}

function Reconciliation({ from, to, range }: { from: string; to: string; range: PaymentRange }) {
  const { t, i18n } = useTranslation();
  const label = usePeriodLabel();
  const { data, error, loading, refetch } = useQuery(PaymentReconciliationDocument, { variables: { from, to }, fetchPolicy: 'cache-and-network' });
  const report = data?.paymentReconciliation;
  const rangeLabel =
    range.mode === 'period'
      ? label(range.period)
      : t('admin.reconciliation.range', { from: formatDate(from, i18n.language), to: formatDate(new Date(new Date(to).getTime() - 1), i18n.language) });

  if (error && !report) {
    return (
      <FormError>
        {t('common.networkError')}{' '}
        <Anchor component="button" type="button" size="sm" onClick={() => void refetch()} data-testid="payment-recon-retry">
          {t('admin.paymentReconciliation.retry')}
        </Anchor>
      </FormError>
    );
  }
  if (!report) return <PageLoader />;
  if (!report.rows.length) {
    return (
      <Paper withBorder p="md">
        <EmptyState title={t('admin.paymentReconciliation.empty', { range: rangeLabel })} description={t('admin.paymentReconciliation.emptyHint')} data-testid="payment-recon-empty" />
      </Paper>
    );
  }
  return (
    <Stack gap="md" aria-busy={loading}>
      <Summary rows={report.rows.length} differences={report.differences} />
      <Paper withBorder p="md">
        <Table.ScrollContainer minWidth={1100}>
          <Table verticalSpacing={6} highlightOnHover styles={{ td: { whiteSpace: 'nowrap' }, th: { whiteSpace: 'nowrap' } }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th rowSpan={2}>{t('admin.paymentReconciliation.columns.chargedAt')}</Table.Th>
                <Table.Th rowSpan={2}>{t('admin.paymentReconciliation.columns.order')}</Table.Th>
                <Table.Th rowSpan={2}>{t('admin.paymentReconciliation.columns.difference')}</Table.Th>
                <Table.Th colSpan={3} ta="center" style={divider}>
                  {t('admin.paymentReconciliation.gatewaySide')}
                </Table.Th>
                <Table.Th colSpan={3} ta="center" style={divider}>
                  {t('admin.paymentReconciliation.booksSide')}
                </Table.Th>
                <Table.Th rowSpan={2} style={divider}>
                  {t('admin.paymentReconciliation.columns.transactionId')}
                </Table.Th>
              </Table.Tr>
              <Table.Tr>
                <SideHeaders />
                <SideHeaders />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.rows.map((row) => (
                <ReconciliationRow key={row.transactionId} row={row} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}

function SideHeaders() {
  const { t } = useTranslation();
  return (
    <>
      <Table.Th style={divider}>{t('admin.paymentReconciliation.columns.status')}</Table.Th>
      <Table.Th ta="right">{t('admin.paymentReconciliation.columns.amount')}</Table.Th>
      <Table.Th ta="right">{t('admin.paymentReconciliation.columns.refunded')}</Table.Th>
    </>
  );
}

function Summary({ rows, differences }: { rows: number; differences: number }) {
  const { t } = useTranslation();
  return (
    <Alert
      color={differences ? 'red' : 'teal'}
      variant="light"
      title={differences ? t('admin.paymentReconciliation.differences', { count: differences }) : t('admin.paymentReconciliation.allMatch')}
      data-testid="payment-recon-summary"
      data-differences={differences}
    >
      <Group gap="lg">
        <Text size="sm" data-testid="payment-recon-count">
          {t('admin.paymentReconciliation.rowCount', { count: rows })}
        </Text>
        {differences > 0 && (
          <Text size="sm" data-testid="payment-recon-differences">
            {t('admin.paymentReconciliation.differencesHint', { count: differences })}
          </Text>
        )}
      </Group>
    </Alert>
  );
}

/** Red where the two sides disagree: the whole row, and the figures the difference is about. */
function ReconciliationRow({ row }: { row: Row }) {
  const { t, i18n } = useTranslation();
  const flagged = !!row.difference;
  const amountOff = row.difference === 'AMOUNT';
  const refundOff = row.difference === 'REFUNDED';
  const atGateway = row.gatewayStatus !== null;
  const inBooks = row.booksStatus !== null;
  const money = (present: boolean, amount: number, off: boolean, testId: string) => (
    <Table.Td ta="right" c={off ? 'red' : undefined} fw={off ? 700 : undefined} data-testid={testId}>
      {present ? formatMoney(amount) : '—'}
    </Table.Td>
  );
  return (
    <Table.Tr
      data-testid="payment-recon-row"
      data-transaction={row.transactionId}
      data-difference={row.difference ?? ''}
      aria-invalid={flagged || undefined}
      bg={flagged ? 'var(--mantine-color-red-light)' : undefined}
    >
      <Table.Td>{row.chargedAt ? formatDateTime(row.chargedAt, i18n.language) : '—'}</Table.Td>
      <Table.Td>
        {row.orderId && row.orderNumber ? (
          <Anchor component={Link} to={`/orders/${encodeURIComponent(row.orderId)}`} ff="monospace" size="sm" data-testid="payment-recon-order">
            {row.orderNumber}
          </Anchor>
        ) : (
          <Text span ff="monospace" size="sm" c="dimmed" data-testid="payment-recon-order">
            {row.orderNumber ?? '—'}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'normal' }} miw={200}>
        {row.difference ? <DifferenceBadge difference={row.difference} /> : <Text size="sm" c="teal" data-testid="payment-recon-match">{t('admin.paymentReconciliation.match')}</Text>}
      </Table.Td>
      <Table.Td style={divider} data-testid="payment-recon-gateway-status">
        <ChargeStatus status={row.gatewayStatus} />
      </Table.Td>
      {money(atGateway, row.gatewayAmount, amountOff, 'payment-recon-gateway-amount')}
      {money(atGateway, row.gatewayRefunded, refundOff, 'payment-recon-gateway-refunded')}
      <Table.Td style={divider} data-testid="payment-recon-books-status">
        <ChargeStatus status={row.booksStatus} />
      </Table.Td>
      {money(inBooks, row.booksAmount, amountOff, 'payment-recon-books-amount')}
      {money(inBooks, row.booksRefunded, refundOff, 'payment-recon-books-refunded')}
      <Table.Td ff="monospace" fz="sm" style={divider}>
        {row.transactionId}
      </Table.Td>
    </Table.Tr>
  );
}

function ChargeStatus({ status }: { status: string | null }) {
  const { t } = useTranslation();
  if (status === null) {
    return (
      <Text span size="sm" c="red">
        {t('admin.paymentReconciliation.noRecord')}
      </Text>
    );
  }
  return (
    <Text span size="sm">
      {t(`admin.payment.status.${status}`, { defaultValue: status })}
    </Text>
  );
}

function DifferenceBadge({ difference }: { difference: string }) {
  const { t } = useTranslation();
  const known = isKnownDifference(difference);
  return (
    <Stack gap={2}>
      <Badge color="red" variant="filled" tt="none" miw="max-content" data-testid="payment-recon-difference" data-difference={difference}>
        {known ? t(`admin.paymentReconciliation.difference.${difference}`) : difference}
      </Badge>
      {known && (
        <Text size="xs" c="dimmed" data-testid="payment-recon-difference-hint">
          {t(`admin.paymentReconciliation.differenceHint.${difference}`)}
        </Text>
      )}
    </Stack>
  );
}
