import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Chip, Group, SegmentedControl, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { formatDateTime, formatMoney } from '@ticket/ui';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CsvExportButton, exportUrl } from '../../../components/CsvExportButton';
import { ListPage, useCursorPages, useKeptWhileLoading } from '../../../components/ListPage';
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

  // A new filter starts again from the first page.
  const filterKey = JSON.stringify(input);
  const pages = useCursorPages(filterKey);
  const { data, loading, error } = useQuery(OrdersDocument, {
    variables: { filter: input, first: ORDERS_PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
    skip: rangeInvalid,
  });
  const page = useKeptWhileLoading(filterKey, data?.orders);
  const pageCount = page ? Math.max(1, Math.ceil(page.totalCount / ORDERS_PAGE_SIZE)) : 1;

  return (
    <ListPage
      title={t('admin.orders.title')}
      actions={rangeInvalid ? null : <CsvExportButton href={ordersCsvUrl(input)} testId="orders-export" />}
      hideList={rangeInvalid}
      items={page?.edges.map((e) => e.node)}
      busy={loading}
      error={error ? t('common.networkError') : null}
      empty={{
        title: anyFilter ? t('admin.orders.emptyFiltered') : t('admin.orders.empty'),
        description: anyFilter ? t('admin.orders.emptyFilteredHint') : undefined,
        testId: 'orders-empty',
      }}
      columns={[
        { key: 'number', header: t('admin.orders.columns.number') },
        { key: 'createdAt', header: t('admin.orders.columns.createdAt') },
        { key: 'kind', header: t('admin.orders.columns.kind') },
        { key: 'recipient', header: t('admin.orders.columns.recipient') },
        { key: 'phone', header: t('admin.orders.columns.phone') },
        { key: 'status', header: t('admin.orders.columns.status') },
        { key: 'total', header: t('admin.orders.columns.total'), align: 'right' },
        { key: 'inquiry', header: t('admin.orders.columns.inquiry') },
      ]}
      row={(order) => <OrderRow key={order.id} order={order} fullPhone={fullPhones} />}
      minWidth={900}
      highlightOnHover
      nowrap
      pager={
        page && {
          summary: `${t('admin.orders.total', { count: page.totalCount })} · ${t('admin.orders.pageOf', { page: pages.page, pages: pageCount })}`,
          testId: 'orders',
          hasPrevious: pages.hasPrevious,
          hasNext: page.pageInfo.hasNextPage && !loading,
          onPrevious: pages.previous,
          onNext: () => pages.next(page.pageInfo.endCursor),
        }
      }
    >
      <Stack gap="sm">
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
    </ListPage>
  );
}

/** orders.csv with the list's filters: the same orders as the list, every page of them. */
export function ordersCsvUrl(input: OrdersFilterInput): string {
  return exportUrl('orders.csv', {
    status: input.status ?? null,
    kind: input.kind ?? null,
    hasUnreadInquiry: input.hasUnreadInquiry ?? null,
    search: input.search ?? null,
    createdFrom: input.createdFrom ?? null,
    createdTo: input.createdTo ?? null,
  });
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
