import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Group, NativeSelect, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { ConfirmModal, formatMoney } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ListPage, useCursorPages, useKeptWhileLoading } from '../../../components/ListPage';
import type { ProductKind, ProductRowFragment, ProductStatus } from '../../../gql/graphql';
import { ProductDuplicateDocument, ProductsDocument } from '../api/catalog';
import { FlashNotice } from './FlashNotice';
import { SuccessNotice, type Notice } from './SuccessNotice';

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
  const [notice, setNotice] = useState<Notice | null>(null);
  const [duplicating, setDuplicating] = useState<ProductRowFragment | null>(null);
  const [duplicate] = useMutation(ProductDuplicateDocument, { refetchQueries: [ProductsDocument] });

  const setFilter = (name: 'kind' | 'status', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  // A new filter starts again from the first page.
  const filters = `${kind}-${status}`;
  const pages = useCursorPages(filters);
  const { data, loading, error } = useQuery(ProductsDocument, {
    variables: { kind, status, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const page = useKeptWhileLoading(filters, data?.products);

  return (
    <>
      <ListPage
        title={t('admin.catalog.listTitle')}
        actions={<NewProductButtons />}
        items={page?.edges.map((e) => e.node)}
        busy={loading}
        error={error ? t('common.networkError') : null}
        empty={{
          title: status === 'ARCHIVED' ? t('admin.catalog.emptyArchived') : t('admin.catalog.empty'),
          description: status === 'ARCHIVED' ? undefined : t('admin.catalog.emptyHint'),
          testId: 'products-empty',
        }}
        columns={[
          { key: 'title', header: t('admin.catalog.columns.title') },
          { key: 'kind', header: t('admin.catalog.columns.kind') },
          { key: 'status', header: t('admin.catalog.columns.status') },
          { key: 'variants', header: t('admin.catalog.columns.variants'), align: 'right' },
          { key: 'price', header: t('admin.catalog.columns.price'), align: 'right' },
          { key: 'actions', header: t('admin.catalog.columns.actions'), visuallyHidden: true },
        ]}
        row={(product) => <ProductRow key={product.id} product={product} onDuplicate={() => setDuplicating(product)} />}
        minWidth={820}
        highlightOnHover
        nowrap
        pager={
          page && {
            summary: `${t('admin.catalog.total', { count: page.totalCount })} · ${t('admin.catalog.pageOf', { page: pages.page })}`,
            testId: 'products',
            hasPrevious: pages.hasPrevious,
            hasNext: page.pageInfo.hasNextPage && !loading,
            onPrevious: pages.previous,
            onNext: () => pages.next(page.pageInfo.endCursor),
          }
        }
      >
        <FlashNotice />
        <SuccessNotice notice={notice} onClose={() => setNotice(null)} />
        <Group align="flex-end" gap="md">
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
      </ListPage>
      <ConfirmModal
        opened={!!duplicating}
        onClose={() => setDuplicating(null)}
        title={t('admin.lifecycle.duplicateTitle')}
        confirmLabel={t('admin.lifecycle.duplicate')}
        onConfirm={async () => {
          const { data: result } = await duplicate({ variables: { input: { id: duplicating!.id } } });
          const copy = result?.productDuplicate.product;
          if (!copy) return result?.productDuplicate.errors[0]?.message ?? t('common.unexpectedError');
          setNotice({ key: 'admin.lifecycle.duplicated', values: { title: copy.title } });
          return null;
        }}
      >
        <Text>{t('admin.lifecycle.duplicateConfirm', { title: duplicating?.title })}</Text>
      </ConfirmModal>
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

/** NT$300 or NT$300 – NT$1,200; a dash without ticket types. */
export function priceRange(variants: readonly { price: number }[]): string {
  if (!variants.length) return '—';
  const prices = variants.map((v) => v.price);
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  return low === high ? formatMoney(low) : `${formatMoney(low)} – ${formatMoney(high)}`;
}

function ProductRow({ product, onDuplicate }: { product: ProductRowFragment; onDuplicate(): void }) {
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
        <Group gap="xs" wrap="nowrap">
          <Button component={Link} to={`/products/${product.id}`} size="xs" variant="light" aria-label={t('admin.catalog.editLabel', { title: product.title })}>
            {t('admin.catalog.edit')}
          </Button>
          <Button size="xs" variant="default" onClick={onDuplicate} aria-label={t('admin.lifecycle.duplicateLabel', { title: product.title })} data-testid="product-duplicate">
            {t('admin.lifecycle.duplicate')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
