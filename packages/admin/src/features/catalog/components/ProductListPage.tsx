import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, EmptyState, Group, NativeSelect, SegmentedControl, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { FormError, formatMoney, PageLoader } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ProductKind, ProductRowFragment, ProductStatus } from '../../../gql/graphql';
import { ProductsDocument } from '../api/catalog';
import { FlashNotice } from './FlashNotice';

export const PAGE_SIZE = 20;
const KINDS = ['TICKET', 'GOODS'] as const satisfies readonly ProductKind[];
const STATUSES = ['DRAFT', 'ACTIVE', 'ARCHIVED'] as const satisfies readonly ProductStatus[];
export const STATUS_COLOR: Record<ProductStatus, string> = { DRAFT: 'gray', ACTIVE: 'green', ARCHIVED: 'dark' };

const pick = <T extends string>(values: readonly T[], value: string | null): T | undefined => values.find((v) => v === value);

/** 電子票券列表: products by kind and status, newest first, a page at a time. */
export function ProductListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kind = pick(KINDS, params.get('kind'));
  const status = pick(STATUSES, params.get('status'));

  const setFilter = (name: 'kind' | 'status', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <>
      <Group justify="space-between" mb="lg" gap="sm">
        <Title order={2}>{t('admin.catalog.listTitle')}</Title>
        <NewProductButtons />
      </Group>
      <FlashNotice />
      <Group mb="md" align="flex-end" gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="filter-kind-label">
            {t('admin.catalog.filterKind')}
          </Text>
          <SegmentedControl
            aria-labelledby="filter-kind-label"
            data-testid="filter-kind"
            value={kind ?? ''}
            onChange={(value) => setFilter('kind', value)}
            data={[{ value: '', label: t('admin.catalog.allKinds') }, ...KINDS.map((k) => ({ value: k, label: t(`admin.catalog.kind.${k}`) }))]}
          />
        </Stack>
        <NativeSelect
          name="filterStatus"
          data-testid="filter-status"
          label={t('admin.catalog.filterStatus')}
          value={status ?? ''}
          onChange={(e) => setFilter('status', e.currentTarget.value)}
          data={[{ value: '', label: t('admin.catalog.current') }, ...STATUSES.map((s) => ({ value: s, label: t(`admin.catalog.status.${s}`) }))]}
        />
      </Group>
      {/* A new filter starts again from the first page. */}
      <ProductPages key={`${kind}-${status}`} kind={kind} status={status} />
    </>
  );
}

function NewProductButtons() {
  const { t } = useTranslation();
  return (
    <Group gap="sm">
      <Button component={Link} to="/products/new?kind=TICKET" data-testid="product-new-ticket">
        {t('admin.catalog.newTicket')}
      </Button>
      <Button component={Link} to="/products/new?kind=GOODS" variant="default" data-testid="product-new-goods">
        {t('admin.catalog.newGoods')}
      </Button>
    </Group>
  );
}

function ProductPages({ kind, status }: { kind?: ProductKind; status?: ProductStatus }) {
  const { t } = useTranslation();
  // The `after` cursor of each page seen so far: pages go forward by cursor, back by this stack.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const { data, previousData, loading, error } = useQuery(ProductsDocument, {
    variables: { kind, status, first: PAGE_SIZE, after },
    fetchPolicy: 'cache-and-network',
  });
  const page = data?.products ?? previousData?.products;
  const products = page?.edges.map((e) => e.node) ?? [];

  if (error && !page) return <FormError>{t('common.networkError')}</FormError>;
  if (!page) return <PageLoader />;
  if (!products.length) {
    return (
      <EmptyState
        title={status === 'ARCHIVED' ? t('admin.catalog.emptyArchived') : t('admin.catalog.empty')}
        description={status === 'ARCHIVED' ? undefined : t('admin.catalog.emptyHint')}
        data-testid="products-empty"
      />
    );
  }

  return (
    <Stack gap="md" aria-busy={loading}>
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover verticalSpacing="sm" styles={{ td: { whiteSpace: 'nowrap' } }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.catalog.columns.title')}</Table.Th>
              <Table.Th>{t('admin.catalog.columns.kind')}</Table.Th>
              <Table.Th>{t('admin.catalog.columns.status')}</Table.Th>
              <Table.Th ta="right">{t('admin.catalog.columns.variants')}</Table.Th>
              <Table.Th ta="right">{t('admin.catalog.columns.price')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('admin.catalog.columns.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {products.map((product) => (
              <ProductRow key={product.id} product={product} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="products-total">
          {t('admin.catalog.total', { count: page.totalCount })} · {t('admin.catalog.pageOf', { page: cursors.length })}
        </Text>
        <Group gap="xs" role="navigation" aria-label={t('admin.catalog.pagination')}>
          <Button variant="default" size="xs" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="products-prev">
            {t('admin.catalog.previous')}
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={!page.pageInfo.hasNextPage || loading}
            onClick={() => setCursors([...cursors, page.pageInfo.endCursor ?? null])}
            data-testid="products-next"
          >
            {t('admin.catalog.next')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

/** NT$300 or NT$300 – NT$1,200; a dash without ticket types. */
export function priceRange(variants: readonly { price: number }[]): string {
  if (!variants.length) return '—';
  const prices = variants.map((v) => v.price);
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  return low === high ? formatMoney(low) : `${formatMoney(low)} – ${formatMoney(high)}`;
}

function ProductRow({ product }: { product: ProductRowFragment }) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid="product-row" data-product-id={product.id}>
      <Table.Td style={{ whiteSpace: 'normal' }}>
        <Anchor component={Link} to={`/products/${product.id}`} fw={500} data-testid="product-link">
          {product.title}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Badge miw="max-content" variant="light" color={product.kind === 'TICKET' ? 'teal' : 'blue'}>
          {t(`admin.catalog.kind.${product.kind}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Badge miw="max-content" color={STATUS_COLOR[product.status]} data-testid="product-status" data-status={product.status}>
          {t(`admin.catalog.status.${product.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td ta="right">{product.variants.length}</Table.Td>
      <Table.Td ta="right">{priceRange(product.variants)}</Table.Td>
      <Table.Td>
        <Button component={Link} to={`/products/${product.id}`} size="xs" variant="light" aria-label={t('admin.catalog.editLabel', { title: product.title })}>
          {t('admin.catalog.edit')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
