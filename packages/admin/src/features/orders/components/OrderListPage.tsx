import { useQuery } from '@apollo/client/react';
import {
  Anchor,
  Badge,
  Button,
  Chip,
  EmptyState,
  Group,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { FormError, formatDateTime, formatMoney, PageLoader } from '@ticket/ui';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { OrderRowFragment, OrdersFilterInput, OrderStatus, ProductKind } from '../../../gql/graphql';
import { taipeiDayEnd, taipeiDayStart } from '../../../lib/taipeiDate';
import { OrdersDocument } from '../api/orders';
import { maskPhone, ORDER_STATUSES } from '../lib/orderLogic';
import { OrderStatusBadge } from './OrderStatusBadge';

export const ORDERS_PAGE_SIZE = 20;
const KINDS = ['TICKET', 'GOODS'] as const satisfies readonly ProductKind[];

/** The list's filters, kept in the address so Back from an order returns to the same list. */
export interface OrderListFilters {
  status: OrderStatus[];
  kind?: ProductKind;
  unread: boolean;
  search: string;
  /** Taipei calendar days, `YYYY-MM-DD`, both inclusive. */
  from: string;
  to: string;
}

export function readFilters(params: URLSearchParams): OrderListFilters {
  const status = (params.get('status') ?? '').split(',').filter((s): s is OrderStatus => (ORDER_STATUSES as readonly string[]).includes(s));
  return {
    status,
    kind: KINDS.find((k) => k === params.get('kind')),
    unread: params.get('unread') === '1',
    search: params.get('q') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

/** The server's filter: dates become Taipei day boundaries (the end day included). */
export function toFilterInput(filters: OrderListFilters): OrdersFilterInput {
  const input: OrdersFilterInput = {};
  if (filters.status.length) input.status = filters.status;
  if (filters.kind) input.kind = filters.kind;
  if (filters.unread) input.hasUnreadInquiry = true;
  if (filters.search.trim()) input.search = filters.search.trim();
  const from = filters.from ? taipeiDayStart(filters.from) : null;
  const to = filters.to ? taipeiDayEnd(filters.to) : null;
  if (from) input.createdFrom = from;
  if (to) input.createdTo = to;
  return input;
}

/** The address for these filters (the inverse of readFilters). */
export function writeFilters(filters: OrderListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status.length) params.set('status', filters.status.join(','));
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.unread) params.set('unread', '1');
  if (filters.search.trim()) params.set('q', filters.search.trim());
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  return params;
}

/** 訂單 > 所有訂單: every order, newest first, with F1's unread inquiries marked and filterable. */
export function OrderListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // The filters answer at once (the router updates the address in a transition, which a controlled
  // checkbox can't wait for); the address follows, and a link to another address resets them.
  const [filters, setFilters] = useState(() => readFilters(params));
  const [search, setSearch] = useState(filters.search);
  const [debouncedSearch] = useDebouncedValue(search, 350);
  const [fullPhones, setFullPhones] = useState(false);
  const written = useRef(params.toString());

  useEffect(() => {
    if (params.toString() === written.current) return;
    written.current = params.toString();
    const next = readFilters(params);
    setFilters(next);
    setSearch(next.search);
  }, [params]);

  const change = (patch: Partial<OrderListFilters>) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    const address = writeFilters(next);
    written.current = address.toString();
    setParams(address, { replace: true });
  };

  // The search box types freely; the query follows after a pause (or at once on Enter).
  useEffect(() => {
    if (debouncedSearch.trim() !== filters.search) change({ search: debouncedSearch.trim() });
  }, [debouncedSearch]);

  const rangeInvalid = !!filters.from && !!filters.to && filters.from > filters.to;
  const input = toFilterInput(filters);
  const anyFilter = Object.keys(input).length > 0;

  return (
    <>
      <Title order={2} mb="lg">
        {t('admin.orders.title')}
      </Title>
      <Stack gap="sm" mb="md">
        <Group align="flex-end" gap="md">
          <TextInput
            type="search"
            name="search"
            label={t('admin.orders.search')}
            placeholder={t('admin.orders.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && search.trim() !== filters.search) change({ search: search.trim() });
            }}
            data-testid="orders-search"
            w={300}
          />
          <TextInput
            type="date"
            name="from"
            label={t('admin.orders.from')}
            value={filters.from}
            max={filters.to || undefined}
            onChange={(e) => change({ from: e.currentTarget.value })}
            data-testid="filter-from"
          />
          <TextInput
            type="date"
            name="to"
            label={t('admin.orders.to')}
            value={filters.to}
            min={filters.from || undefined}
            onChange={(e) => change({ to: e.currentTarget.value })}
            error={rangeInvalid ? t('admin.orders.rangeInvalid') : undefined}
            data-testid="filter-to"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="filter-kind-label">
              {t('admin.orders.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby="filter-kind-label"
              data-testid="filter-kind"
              value={filters.kind ?? ''}
              onChange={(value) => change({ kind: KINDS.find((k) => k === value) })}
              data={[{ value: '', label: t('admin.orders.allKinds') }, ...KINDS.map((k) => ({ value: k, label: t(`admin.catalog.kind.${k}`) }))]}
            />
          </Stack>
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="filter-status-label">
            {t('admin.orders.statusFilter')}
          </Text>
          <Chip.Group multiple value={filters.status} onChange={(value) => change({ status: ORDER_STATUSES.filter((s) => value.includes(s)) })}>
            <Group gap={6} role="group" aria-labelledby="filter-status-label" data-testid="filter-status">
              {ORDER_STATUSES.map((status) => (
                <Chip key={status} value={status} size="xs" data-status={status}>
                  {t(`admin.orders.status.${status}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
        <Group gap="lg">
          <Switch
            label={t('admin.orders.unreadOnly')}
            checked={filters.unread}
            onChange={(e) => change({ unread: e.currentTarget.checked })}
            data-testid="filter-unread"
          />
          <Switch label={t('admin.orders.showFullPhones')} checked={fullPhones} onChange={(e) => setFullPhones(e.currentTarget.checked)} data-testid="orders-full-phones" />
          {(anyFilter || search) && (
            <Button
              variant="subtle"
              size="xs"
              onClick={() => {
                setSearch('');
                change({ status: [], kind: undefined, unread: false, search: '', from: '', to: '' });
              }}
              data-testid="filters-clear"
            >
              {t('admin.orders.clearFilters')}
            </Button>
          )}
        </Group>
      </Stack>
      {rangeInvalid ? null : <OrderPages key={JSON.stringify(input)} filter={input} filtered={anyFilter} fullPhones={fullPhones} />}
    </>
  );
}

function OrderPages({ filter, filtered, fullPhones }: { filter: OrdersFilterInput; filtered: boolean; fullPhones: boolean }) {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const { data, previousData, loading, error } = useQuery(OrdersDocument, {
    variables: { filter, first: ORDERS_PAGE_SIZE, after },
    fetchPolicy: 'cache-and-network',
  });
  const page = data?.orders ?? previousData?.orders;
  const orders = page?.edges.map((e) => e.node) ?? [];

  if (error && !page) return <FormError>{t('common.networkError')}</FormError>;
  if (!page) return <PageLoader />;
  if (!orders.length) {
    return (
      <EmptyState
        title={filtered ? t('admin.orders.emptyFiltered') : t('admin.orders.empty')}
        description={filtered ? t('admin.orders.emptyFilteredHint') : undefined}
        data-testid="orders-empty"
      />
    );
  }
  const pages = Math.max(1, Math.ceil(page.totalCount / ORDERS_PAGE_SIZE));

  return (
    <Stack gap="md" aria-busy={loading}>
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover verticalSpacing="sm" styles={{ td: { whiteSpace: 'nowrap' } }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.orders.columns.number')}</Table.Th>
              <Table.Th>{t('admin.orders.columns.createdAt')}</Table.Th>
              <Table.Th>{t('admin.orders.columns.kind')}</Table.Th>
              <Table.Th>{t('admin.orders.columns.recipient')}</Table.Th>
              <Table.Th>{t('admin.orders.columns.phone')}</Table.Th>
              <Table.Th>{t('admin.orders.columns.status')}</Table.Th>
              <Table.Th ta="right">{t('admin.orders.columns.total')}</Table.Th>
              <Table.Th>{t('admin.orders.columns.inquiry')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orders.map((order) => (
              <OrderRow key={order.id} order={order} fullPhone={fullPhones} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="orders-total">
          {t('admin.orders.total', { count: page.totalCount })} · {t('admin.orders.pageOf', { page: cursors.length, pages })}
        </Text>
        <Group gap="xs" role="navigation" aria-label={t('admin.catalog.pagination')}>
          <Button variant="default" size="xs" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="orders-prev">
            {t('admin.catalog.previous')}
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={!page.pageInfo.hasNextPage || loading}
            onClick={() => setCursors([...cursors, page.pageInfo.endCursor ?? null])}
            data-testid="orders-next"
          >
            {t('admin.catalog.next')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

function OrderRow({ order, fullPhone }: { order: OrderRowFragment; fullPhone: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.Tr data-testid="order-row" data-order-id={order.id} data-unread={order.hasUnreadInquiry ? 'true' : 'false'}>
      <Table.Td>
        <Anchor component={Link} to={`/orders/${order.id}`} fw={order.hasUnreadInquiry ? 700 : 500} ff="monospace" data-testid="order-link">
          {order.number}
        </Anchor>
      </Table.Td>
      <Table.Td>{formatDateTime(order.createdAt, i18n.language)}</Table.Td>
      <Table.Td>
        <Badge miw="max-content" variant="light" tt="none" color={order.kind === 'TICKET' ? 'teal' : 'blue'}>
          {t(`admin.catalog.kind.${order.kind}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{order.recipient.name}</Table.Td>
      <Table.Td ff="monospace">{fullPhone ? order.recipient.phone : maskPhone(order.recipient.phone)}</Table.Td>
      <Table.Td>
        <OrderStatusBadge status={order.status} />
      </Table.Td>
      <Table.Td ta="right">{formatMoney(order.total)}</Table.Td>
      <Table.Td>
        {order.hasUnreadInquiry && (
          <Badge miw="max-content" color="red" variant="filled" data-testid="order-unread">
            {t('admin.orders.unread')}
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
