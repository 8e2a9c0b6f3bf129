import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, EmptyState, Group, Stack, Title } from '@mantine/core';
import { FormError, PageLoader } from '@ticket/ui';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ProductKind } from '../../../gql/graphql';
import { ProductDocument } from '../api/catalog';
import { emptyProduct, productToValues } from '../lib/productForm';
import { ProductForm } from './ProductForm';
import { ProductFormOffline } from './ProductFormOffline';
import { STATUS_COLOR } from './ProductListPage';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/products" size="sm">
      ← {t('admin.catalog.backToList')}
    </Anchor>
  );
}

/** `/products/new?kind=TICKET|GOODS`: 新增票券 or 新增一般商品. */
export function ProductNewPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const kind: ProductKind = params.get('kind') === 'GOODS' ? 'GOODS' : 'TICKET';
  const initial = useMemo(() => emptyProduct(kind), [kind]);
  return (
    <Stack gap="md">
      <BackLink />
      <Title order={2}>{t(kind === 'TICKET' ? 'admin.catalog.newTicket' : 'admin.catalog.newGoods')}</Title>
      <ProductForm key={kind} initial={initial} />
      {kind === 'TICKET' && <ProductFormOffline product={null} />}
    </Stack>
  );
}

/** `/products/:id`: edit a product (any status) and its ticket types. */
export function ProductEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  // Always fresh: stock moves with every sale.
  const { data, loading, error } = useQuery(ProductDocument, { variables: { id }, fetchPolicy: 'network-only' });
  const product = data?.product;
  const initial = useMemo(() => (product ? productToValues(product) : null), [product]);

  let body;
  if (loading && !data) body = <PageLoader />;
  else if (error) body = <FormError>{t('common.networkError')}</FormError>;
  else if (!product || !initial) body = <EmptyState title={t('admin.catalog.notFound')} description={t('admin.catalog.notFoundHint')} data-testid="product-not-found" />;
  else {
    body = (
      <>
        <ProductForm key={product.id} initial={initial} productId={product.id} />
        {/* B7: saved on its own (productOfflineSettingsUpdate). */}
        {product.kind === 'TICKET' && <ProductFormOffline key={`offline-${product.id}`} product={product} />}
      </>
    );
  }

  return (
    <Stack gap="md">
      <BackLink />
      <Group gap="sm">
        <Title order={2}>{product?.title || t('admin.catalog.editTitle')}</Title>
        {product && (
          <>
            <Badge variant="light" color={product.kind === 'TICKET' ? 'teal' : 'blue'}>
              {t(`admin.catalog.kind.${product.kind}`)}
            </Badge>
            <Badge color={STATUS_COLOR[product.status]}>{t(`admin.catalog.status.${product.status}`)}</Badge>
          </>
        )}
      </Group>
      {body}
    </Stack>
  );
}
