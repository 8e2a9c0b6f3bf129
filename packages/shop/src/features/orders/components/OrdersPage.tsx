import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, Breadcrumbs, Button, EmptyState, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { formatDateTime, formatMoney, PageLoader } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { graphql } from '../../../gql';
import type { OrderRow_OrderFragment } from '../../../gql/graphql';
import { TicketIcon } from '../../../shared/components/icons';
import { MyOrdersDocument } from '../api/orders';
import { OrderStatusBadge } from './StatusBadge';

/** One row of 電子票券訂單查詢. */
export const OrderRowFragment = graphql(`
  fragment OrderRow_order on Order {
    id
    number
    kind
    status
    createdAt
    total
    lines {
      id
      productTitle
      variantName
      quantity
      codes {
        code
        status
      }
    }
  }
`);

const PAGE_SIZE = 10;

function OrderRow({ order }: { order: OrderRow_OrderFragment }) {
  const { t, i18n } = useTranslation();
  // A split code is void: its split codes are counted instead (X1).
  const codes = order.lines.flatMap((l) => l.codes).filter((c) => c.status !== 'SPLIT');
  const summary = order.lines.map((l) => `${l.productTitle} ${l.variantName} ×${l.quantity}`).join('、');
  return (
    <UnstyledButton component={Link} to={`/account/orders/${order.id}`} data-testid="order-row" data-order-id={order.id} style={{ display: 'block' }}>
      <Paper withBorder p="sm" radius="md" className="order-row">
        <Stack gap={6}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Group gap="xs">
              <Text ff="monospace" fw={700} data-testid="order-row-number">
                {order.number}
              </Text>
              <Badge variant="outline" color={order.kind === 'TICKET' ? 'teal' : 'gray'} size="sm">
                {t(`shop.kindBadge.${order.kind}`)}
              </Badge>
              <OrderStatusBadge status={order.status} />
            </Group>
            <Text fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatMoney(order.total)}
            </Text>
          </Group>
          <Text size="sm" lineClamp={2}>
            {summary}
          </Text>
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed">
              {formatDateTime(order.createdAt, i18n.language)}
            </Text>
            {order.kind === 'TICKET' && codes.length > 0 && (
              <Text size="xs" c="teal.9" fw={600}>
                {t('shop.orders.codeCount', { count: codes.length })}
              </Text>
            )}
          </Group>
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}

/** 我的帳戶 > 電子票券訂單查詢 (T3): the shopper's orders, newest first, a page at a time. */
export function OrdersPage() {
  const { t } = useTranslation();
  // Cursors of the pages seen so far: [null, after page 1, after page 2, ...].
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const { data, previousData, loading, error, refetch } = useQuery(MyOrdersDocument, {
    variables: { first: PAGE_SIZE, after },
    fetchPolicy: 'cache-and-network',
  });
  const shown = data ?? previousData;
  const page = cursors.length;

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Text size="sm" c="dimmed">
          {t('shop.nav.account')}
        </Text>
        <Text size="sm">{t('shop.orders.title')}</Text>
      </Breadcrumbs>
      <Title order={1} size="h2">
        {t('shop.orders.title')}
      </Title>
      {!shown && loading ? (
        <PageLoader />
      ) : !shown ? (
        <Alert color="red" role="alert" title={error ? t('shop.orders.loadError') : undefined}>
          <Button variant="light" color="red" size="xs" onClick={() => void refetch()}>
            {t('shop.retry')}
          </Button>
        </Alert>
      ) : shown.myOrders.totalCount === 0 ? (
        <EmptyState icon={<TicketIcon size={32} />} title={t('shop.orders.empty')} description={t('shop.orders.emptyHint')} data-testid="orders-empty">
          <EmptyState.Actions>
            <Button component={Link} to="/" variant="light">
              {t('shop.orders.goShopping')}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      ) : (
        <>
          <Stack gap="sm" aria-busy={loading}>
            {shown.myOrders.edges.map((e) => (
              <OrderRow key={e.node.id} order={e.node} />
            ))}
          </Stack>
          <Group justify="space-between">
            <Text size="sm" c="dimmed" data-testid="orders-page">
              {t('shop.orders.pageOf', { page, total: shown.myOrders.totalCount })}
            </Text>
            {(page > 1 || shown.myOrders.pageInfo.hasNextPage) && (
            <Group gap="xs">
              <Button variant="default" size="sm" disabled={page === 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="orders-prev">
                {t('shop.orders.prev')}
              </Button>
              <Button
                variant="default"
                size="sm"
                disabled={!shown.myOrders.pageInfo.hasNextPage || loading}
                onClick={() => setCursors([...cursors, shown.myOrders.pageInfo.endCursor ?? null])}
                data-testid="orders-next"
              >
                {t('shop.orders.next')}
              </Button>
            </Group>
            )}
          </Group>
        </>
      )}
      <Anchor component={Link} to="/" size="sm">
        {t('shop.cart.continueShopping')}
      </Anchor>
    </Stack>
  );
}
