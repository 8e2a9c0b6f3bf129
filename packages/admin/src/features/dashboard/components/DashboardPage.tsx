import { useQuery } from '@apollo/client/react';
import { Anchor, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { FormError, formatDate, formatDateTime, formatMoney, PageLoader } from '@ticket/ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { DashboardQuery, DashboardRange } from '../../../gql/graphql';
import { DashboardDocument } from '../api/dashboard';
import { BarChart } from './BarChart';

export const RANGES = ['TODAY', 'LAST_7_DAYS', 'LAST_30_DAYS', 'CURRENT_PERIOD'] as const satisfies readonly DashboardRange[];

type Dashboard = DashboardQuery['dashboard'];
type TopProduct = Dashboard['topProductsBySales'][number];

const number = new Intl.NumberFormat('en-US');

/** 首頁 (B10): how the store is doing over a range of business days, from the same books as 對帳. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const range = RANGES.find((r) => r === params.get('range')) ?? 'LAST_7_DAYS';
  const { data, previousData, loading, error } = useQuery(DashboardDocument, { variables: { range }, fetchPolicy: 'cache-and-network' });
  const d = data?.dashboard ?? previousData?.dashboard;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={2}>{t('admin.dashboard.title')}</Title>
          {d && (
            <Text c="dimmed" size="sm" mt={4} data-testid="dashboard-as-of">
              {t('admin.dashboard.asOf', { time: formatDateTime(d.asOf, i18n.language) })}
            </Text>
          )}
        </div>
        <SegmentedControl
          aria-label={t('admin.dashboard.range')}
          data-testid="dashboard-range"
          value={range}
          onChange={(value) => setParams(value === 'LAST_7_DAYS' ? {} : { range: value }, { replace: true })}
          data={RANGES.map((r) => ({ value: r, label: t(`admin.dashboard.ranges.${r}`) }))}
        />
      </Group>
      {error && !d && <FormError>{t('common.networkError')}</FormError>}
      {!d && !error && <PageLoader />}
      {d && <Figures d={d} busy={loading} />}
    </Stack>
  );
}

function Figures({ d, busy }: { d: Dashboard; busy: boolean }) {
  const { t, i18n } = useTranslation();
  const lastDay = new Date(new Date(d.currentPeriod.to).getTime() - 1);
  const many = d.days.length > 10;
  const day = (date: string) => (many ? date.slice(8) : date.slice(5).replace('-', '/'));
  const busiest = [...d.redemptionHours].filter((h) => h.redeemedUnits > 0).sort((a, b) => b.redeemedUnits - a.redeemedUnits || a.hour - b.hour).slice(0, 3);
  // The busiest hours' bars are drawn darker (an hour tied with the third busiest too).
  const busiestFloor = busiest.length ? busiest[busiest.length - 1]!.redeemedUnits : Infinity;
  const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;

  return (
    <Stack gap="lg" aria-busy={busy} data-testid="dashboard">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <Stat label={t('admin.dashboard.grossSales')} value={formatMoney(d.grossSales)} note={t('admin.dashboard.ordersAndTickets', { orders: d.orders, tickets: d.ticketsSold })} testId="stat-gross-sales" />
        <Stat label={t('admin.dashboard.redeemed')} value={formatMoney(d.redeemedAmount)} note={t('admin.dashboard.units', { count: d.redeemedUnits })} testId="stat-redeemed" />
        <Stat label={t('admin.dashboard.refunds')} value={formatMoney(d.refundedAmount)} note={t('admin.dashboard.refundCount', { orders: d.refunds, units: d.refundedUnits })} testId="stat-refunds" />
        <Stat
          label={t('admin.dashboard.liability')}
          value={formatMoney(d.liability.amount)}
          note={t('admin.dashboard.liabilityNote', { count: d.liability.quantity })}
          testId="stat-liability"
        />
      </SimpleGrid>
      <Paper withBorder p="md" data-testid="dashboard-payout">
        <Group justify="space-between" align="flex-start" gap="sm">
          <div>
            <Text size="sm" c="dimmed">
              {t('admin.dashboard.payout', { from: formatDate(d.currentPeriod.from, i18n.language), to: formatDate(lastDay, i18n.language) })}
            </Text>
            <Text size="xl" fw={700} data-testid="payout-net">
              {formatMoney(d.currentPeriod.netPayout)}
            </Text>
            <Text size="sm" c="dimmed">
              {t('admin.dashboard.payoutParts', {
                redeemed: formatMoney(d.currentPeriod.redeemedAmount),
                fees: formatMoney(d.currentPeriod.feeAmount),
                feeRefunds: formatMoney(d.currentPeriod.feeRefundAmount),
              })}
            </Text>
          </div>
          <Anchor component={Link} to={`/reconciliation/${d.currentPeriod.period}`} size="sm" data-testid="payout-statement">
            {t('admin.dashboard.openStatement')}
          </Anchor>
        </Group>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="sm">
            {t('admin.dashboard.salesPerDay')}
          </Title>
          <BarChart
            testId="chart-sales"
            caption={t('admin.dashboard.salesCaption')}
            labelEvery={many ? 5 : 1}
            bars={d.days.map((x) => ({ label: day(x.date), value: x.sales, title: t('admin.dashboard.salesBar', { date: x.date, amount: formatMoney(x.sales), count: x.ticketsSold }) }))}
          />
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="sm">
            {t('admin.dashboard.redemptionsPerDay')}
          </Title>
          <BarChart
            testId="chart-redemptions"
            color="indigo"
            caption={t('admin.dashboard.redemptionsCaption')}
            labelEvery={many ? 5 : 1}
            bars={d.days.map((x) => ({ label: day(x.date), value: x.redeemedAmount, title: t('admin.dashboard.redemptionsBar', { date: x.date, amount: formatMoney(x.redeemedAmount), count: x.redeemedUnits }) }))}
          />
        </Paper>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <TopProducts title={t('admin.dashboard.topBySales')} products={d.topProductsBySales} testId="top-sales" />
        <TopProducts title={t('admin.dashboard.topByRedemptions')} products={d.topProductsByRedemptions} testId="top-redemptions" />
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="sm">
            {t('admin.dashboard.busiestHours')}
          </Title>
          {busiest.length ? (
            <Text size="sm" mb="sm" data-testid="busiest-hours">
              {busiest.map((h) => t('admin.dashboard.hourUnits', { hour: hour(h.hour), count: h.redeemedUnits })).join('、')}
            </Text>
          ) : (
            <Text size="sm" c="dimmed" mb="sm" data-testid="busiest-hours">
              {t('admin.dashboard.noRedemptions')}
            </Text>
          )}
          <BarChart
            testId="chart-hours"
            color="orange"
            height={110}
            caption={t('admin.dashboard.hoursCaption')}
            labelEvery={6}
            highlight={(units) => units >= busiestFloor}
            bars={d.redemptionHours.map((h) => ({ label: hour(h.hour), value: h.redeemedUnits, title: t('admin.dashboard.hourUnits', { hour: hour(h.hour), count: h.redeemedUnits }) }))}
          />
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

function Stat({ label, value, note, testId }: { label: string; value: string; note?: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={`${testId}-value`}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
}

function TopProducts({ title, products, testId }: { title: string; products: readonly TopProduct[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {products.length ? (
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.dashboard.product')}</Table.Th>
              <Table.Th ta="right">{t('admin.dashboard.unitsColumn')}</Table.Th>
              <Table.Th ta="right">{t('admin.dashboard.amountColumn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {products.map((p) => (
              <Table.Tr key={p.productId} data-testid={`${testId}-row`}>
                <Table.Td>
                  <Anchor component={Link} to={`/products/${p.productId}`} size="sm">
                    {p.title}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">{number.format(p.units)}</Table.Td>
                <Table.Td ta="right">{formatMoney(p.amount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          {t('admin.dashboard.nothingYet')}
        </Text>
      )}
    </Paper>
  );
}
