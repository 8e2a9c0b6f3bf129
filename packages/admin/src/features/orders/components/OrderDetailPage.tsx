import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { FormError, formatDateTime, formatMoney, PageLoader, useViewer } from '@ticket/ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { OrderRefundFieldsFragment } from '../../../gql/graphql';
import { OrderDetailDocument } from '../api/orders';
import type { OrderDetail } from '../lib/orderLogic';
import { InquiryThread } from './InquiryThread';
import { OrderActions } from './OrderActions';
import { OrderLines } from './OrderLines';
import { PaymentAlerts, PaymentPanel } from './OrderPayment';
import { OrderStatusBadge } from './OrderStatusBadge';

/**
 * One order: summary, the card payment (B6, P3-P5), codes with their redemptions (R2), the inquiry thread (F1),
 * the refund (F3) and the state actions.
 */
export function OrderDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const viewer = useViewer();
  const withRedemptions = viewer?.permissions.includes('TICKETS_READ') ?? false;
  // Which fields to ask for depends on the viewer's permissions: wait for the session.
  const { data, error, loading, refetch } = useQuery(OrderDetailDocument, { variables: { id, withRedemptions }, skip: !viewer, fetchPolicy: 'cache-and-network' });
  const order = data?.order;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/orders" size="sm" data-testid="orders-back">
        ← {t('admin.orders.backToList')}
      </Anchor>
      {error && !data && <FormError>{t('common.networkError')}</FormError>}
      {!data && !error && <PageLoader />}
      {data && !order && (
        <Paper withBorder p="xl" data-testid="order-not-found">
          <Title order={3}>{t('admin.orders.notFound')}</Title>
          <Text c="dimmed">{t('admin.orders.notFoundHint')}</Text>
        </Paper>
      )}
      {order && <OrderView order={order} onRefresh={() => void refetch()} refreshing={loading} />}
    </Stack>
  );
}

function OrderView({ order, onRefresh, refreshing }: { order: OrderDetail; onRefresh(): void; refreshing: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2} ff="monospace" data-testid="order-number">
              {order.number}
            </Title>
            <OrderStatusBadge status={order.status} size="lg" />
            <Badge variant="light" color={order.kind === 'TICKET' ? 'teal' : 'blue'} size="lg" tt="none">
              {t(`admin.catalog.kind.${order.kind}`)}
            </Badge>
          </Group>
        </Stack>
        <OrderActions order={order} />
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <PaymentAlerts order={order} onRefresh={onRefresh} refreshing={refreshing} />
            {order.refund && <RefundBox refund={order.refund} />}
            <OrderLines order={order} />
            <InquiryThread order={order} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <OrderSummary order={order} />
            <PaymentPanel order={order} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Table.Tr>
      <Table.Th fw={500} c="dimmed" w="45%" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Table.Th>
      <Table.Td data-testid={testId}>{children}</Table.Td>
    </Table.Tr>
  );
}

function OrderSummary({ order }: { order: OrderDetail }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso, i18n.language) : '—');
  return (
    <Paper withBorder p="md" data-testid="order-summary">
      <Title order={3} size="h4" mb="sm">
        {t('admin.orders.summary')}
      </Title>
      <Table verticalSpacing={6} withRowBorders={false}>
        <Table.Tbody>
          <Row label={t('admin.orders.recipient')}>{order.recipient.name}</Row>
          <Row label={t('admin.orders.phone')}>
            <Text span ff="monospace" size="sm">
              {order.recipient.phone}
            </Text>
          </Row>
          <Row label={t('admin.orders.createdAt')}>{when(order.createdAt)}</Row>
          <Row label={t('admin.orders.paidAt')} testId="order-paid-at">
            {when(order.paidAt)}
          </Row>
          {order.closedAt && <Row label={t('admin.orders.closedAt')}>{when(order.closedAt)}</Row>}
          {order.cancelledAt && <Row label={t('admin.orders.cancelledAt')}>{when(order.cancelledAt)}</Row>}
          <Row label={t('admin.orders.paymentMethod')}>{t(`admin.orders.payment.${order.paymentMethod}`)}</Row>
          <Row label={t('admin.orders.subtotal')}>{formatMoney(order.subtotal)}</Row>
          {order.discount > 0 && <Row label={t('admin.orders.discount')}>{formatMoney(-order.discount)}</Row>}
          {order.kind === 'GOODS' && <Row label={t('admin.orders.shippingFee')}>{formatMoney(order.shippingFee)}</Row>}
          <Row label={t('admin.orders.orderTotal')} testId="order-total">
            <Text fw={700}>{formatMoney(order.total)}</Text>
          </Row>
          <Row label={t('admin.orders.referralCode')} testId="order-referral">
            {order.referralCode ? <Text span ff="monospace">{order.referralCode}</Text> : '—'}
          </Row>
          {order.kind === 'TICKET' && (
            <Row label={t('admin.orders.termsAcceptedAt')} testId="order-terms-accepted">
              {when(order.termsAcceptedAt)}
            </Row>
          )}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** F3: the order's one refund (a cancellation is one too), with each code refunded whole. */
function RefundBox({ refund }: { refund: OrderRefundFieldsFragment }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="order-refund-box" data-kind={refund.kind} style={{ borderColor: 'var(--mantine-color-red-4)' }}>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          {t(`admin.orders.refund.kind.${refund.kind}`)}
        </Title>
        <Text size="sm" c="dimmed">
          {formatDateTime(refund.createdAt, i18n.language)}
        </Text>
      </Group>
      <Group gap="xl" mb={refund.reason || refund.codes.length ? 'sm' : 0}>
        <div>
          <Text size="xs" c="dimmed">
            {t('admin.orders.refund.amount')}
          </Text>
          <Text fw={700} size="lg" data-testid="order-refund-amount">
            {formatMoney(refund.amount)}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('admin.orders.refund.feeRefund')}
          </Text>
          <Text fw={500} size="lg">
            {formatMoney(refund.feeRefund)}
          </Text>
        </div>
      </Group>
      {refund.reason && (
        <Text size="sm" mb="sm">
          {t('admin.orders.refund.reasonLabel')}
          {refund.reason}
        </Text>
      )}
      {refund.codes.length > 0 && (
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.orders.codes.code')}</Table.Th>
                <Table.Th ta="right">{t('admin.orders.refund.quantity')}</Table.Th>
                <Table.Th ta="right">{t('admin.orders.refund.amount')}</Table.Th>
                <Table.Th ta="right">{t('admin.orders.refund.feeRefund')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {refund.codes.map((c) => (
                <Table.Tr key={c.code} data-testid="order-refund-code" data-code={c.code}>
                  <Table.Td ff="monospace">{c.code}</Table.Td>
                  <Table.Td ta="right">{c.quantity}</Table.Td>
                  <Table.Td ta="right">{formatMoney(c.amount)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(c.feeRefund)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
