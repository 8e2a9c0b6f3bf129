import { useQuery } from '@apollo/client/react';
import { Button, EmptyState, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { FormError, formatMoney, PageLoader, useViewer } from '@ticket/ui';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CommissionReportDocument } from '../api/reconciliation';
import { parsePeriod, periodOf } from '../lib/period';
import { usePeriodLabel } from './PeriodLabel';
import { PeriodPicker } from './PeriodPicker';

/** 分潤 (A2): commissions made at order closing in a period, per referrer. */
export function CommissionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('period') ?? '';
  const period = parsePeriod(requested) ? requested : periodOf();
  const label = usePeriodLabel();
  const canSeeReferrers = useViewer()?.permissions.some((p) => p === 'SETTINGS_MANAGE' || p === 'REPORTS_READ') ?? false;
  const { data, previousData, loading, error } = useQuery(CommissionReportDocument, { variables: { period }, fetchPolicy: 'cache-and-network' });
  const report = data?.commissionReport ?? (loading ? previousData?.commissionReport : undefined);
  const choose = (value: string) => {
    const next = new URLSearchParams(params);
    next.set('period', value);
    setParams(next, { replace: true });
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('admin.commission.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('admin.commission.hint')}
          </Text>
        </div>
        {canSeeReferrers && (
          <Button component={Link} to="/referrers" variant="default" size="xs">
            {t('admin.commission.toReferrers')}
          </Button>
        )}
      </Group>
      <PeriodPicker value={period} onChange={choose} label={t('admin.commission.period')} testIdPrefix="commission" />
      <Paper withBorder p="md" aria-busy={loading}>
        {error && !report && <FormError>{t('common.networkError')}</FormError>}
        {!report && !error && <PageLoader />}
        {report && !report.rows.length && <EmptyState title={t('admin.commission.empty', { period: label(period) })} description={t('admin.commission.emptyHint')} data-testid="commission-empty" />}
        {report && report.rows.length > 0 && (
          <Table.ScrollContainer minWidth={620}>
            <Table striped verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.commission.referrer')}</Table.Th>
                  <Table.Th>{t('admin.referrers.code')}</Table.Th>
                  <Table.Th ta="right">{t('admin.commission.orders')}</Table.Th>
                  <Table.Th ta="right">{t('admin.commission.base')}</Table.Th>
                  <Table.Th ta="right">{t('admin.commission.commission')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.rows.map((row) => (
                  <Table.Tr key={row.referrer.id} data-testid="commission-row" data-code={row.referrer.code}>
                    <Table.Td>{row.referrer.name}</Table.Td>
                    <Table.Td ff="monospace">{row.referrer.code}</Table.Td>
                    <Table.Td ta="right">{row.orders}</Table.Td>
                    <Table.Td ta="right">{formatMoney(row.baseAmount)}</Table.Td>
                    <Table.Td ta="right" fw={600} data-testid="commission-amount" data-amount={row.commission}>
                      {formatMoney(row.commission)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th colSpan={4}>{t('admin.commission.total')}</Table.Th>
                  <Table.Th ta="right" data-testid="commission-total" data-amount={report.total}>
                    {formatMoney(report.total)}
                  </Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
