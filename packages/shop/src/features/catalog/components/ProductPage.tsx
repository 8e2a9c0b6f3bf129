import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatDate, formatMoney, PageLoader } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCarts, type AddResult } from '../../../shared/cart';
import { NotFound } from '../../../shared/components/NotFound';
import { ProductImage } from '../../../shared/components/ProductImage';
import { TermsBox } from '../../../shared/components/TermsBox';
import { priceRange, saleState } from '../../../shared/price';
import { ProductPageDocument } from '../api/catalog';
import { MixMatchOffers } from './MixMatchOffers';
import { VariantRow } from './VariantRow';

function Validity({ from, until }: { from?: string | null; until?: string | null }) {
  const { t, i18n } = useTranslation();
  if (!from && !until) return null;
  const text =
    from && until
      ? t('shop.product.validRange', { from: formatDate(from, i18n.language), until: formatDate(until, i18n.language) })
      : from
        ? t('shop.product.validFrom', { date: formatDate(from, i18n.language) })
        : t('shop.product.validUntil', { date: formatDate(until!, i18n.language) });
  return (
    <Text size="sm" data-testid="product-validity">
      <Text span fw={600}>
        {t('shop.product.validity')}
      </Text>{' '}
      {text}
    </Text>
  );
}

/** `/products/:id`: description, ticket types with steppers, terms (K2), validity, 任選折扣. */
export function ProductPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(ProductPageDocument, { variables: { id } });
  const { add } = useCarts();
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [added, setAdded] = useState<AddResult | null>(null);
  const [nothingPicked, setNothingPicked] = useState(false);

  if (loading && !data) return <PageLoader />;
  if (error && !data) {
    return (
      <Alert color="red" title={t('shop.product.loadError')} role="alert">
        <Button variant="light" color="red" size="xs" mt="xs" onClick={() => void refetch()}>
          {t('shop.retry')}
        </Button>
      </Alert>
    );
  }
  const product = data?.product;
  if (!product || product.status !== 'ACTIVE') return <NotFound title={t('shop.product.notFound')} description={t('shop.product.notFoundHint')} />;

  const isTicket = product.kind === 'TICKET';
  const picked = product.variants.filter((v) => (quantities[v.id] ?? 0) > 0 && saleState(v) === 'onSale');

  function addToCart() {
    if (!product) return;
    if (picked.length === 0) {
      setNothingPicked(true);
      setAdded(null);
      return;
    }
    const result = add(
      picked.map((v) => ({
        kind: product.kind,
        productId: product.id,
        productTitle: product.title,
        variantId: v.id,
        variantName: v.name,
        unitPrice: v.price,
        quantity: quantities[v.id]!,
        image: product.images[0] ?? null,
        shippingFee: product.shippingFee,
        freeShippingThreshold: product.freeShippingThreshold ?? null,
      })),
    );
    setAdded(result);
    setNothingPicked(false);
    setQuantities({});
  }

  return (
    <Stack gap="lg">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
            <ProductImage src={product.images[0]} alt={product.title} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="sm">
            <Group gap="xs">
              <Badge variant="light" color={isTicket ? 'teal' : 'gray'}>
                {t(`shop.kindBadge.${product.kind}`)}
              </Badge>
            </Group>
            <Title order={1} size="h2" data-testid="product-title">
              {product.title}
            </Title>
            <Text size="xl" fw={700} c="teal.8">
              {priceRange(product.variants.map((v) => v.price))}
            </Text>
            {isTicket && <Validity from={product.validFrom} until={product.validUntil} />}
            {!isTicket && (
              <Text size="sm" data-testid="product-shipping">
                {product.shippingFee === 0
                  ? t('shop.product.shippingFree')
                  : product.freeShippingThreshold != null
                    ? t('shop.product.shippingWithThreshold', { fee: formatMoney(product.shippingFee), threshold: formatMoney(product.freeShippingThreshold) })
                    : t('shop.product.shippingFlat', { fee: formatMoney(product.shippingFee) })}
              </Text>
            )}
            <MixMatchOffers discounts={data?.mixMatchDiscounts ?? []} variantIds={product.variants.map((v) => v.id)} />

            <Stack gap={0} component="section" aria-label={t(isTicket ? 'shop.product.variantsTitle' : 'shop.product.goodsVariantsTitle')}>
              <Title order={2} size="h4">
                {t(isTicket ? 'shop.product.variantsTitle' : 'shop.product.goodsVariantsTitle')}
              </Title>
              {product.variants.map((v) => (
                <VariantRow
                  key={v.id}
                  variant={v}
                  quantity={quantities[v.id] ?? 0}
                  onChange={(q) => {
                    setQuantities({ ...quantities, [v.id]: q });
                    setNothingPicked(false);
                  }}
                />
              ))}
            </Stack>
            {nothingPicked && (
              <Text c="red.8" size="sm" role="alert">
                {t('shop.product.pickQuantity')}
              </Text>
            )}
            <Button size="md" onClick={addToCart} data-testid="add-to-cart" fullWidth>
              {t('shop.product.addToCart')}
            </Button>
            {added && (
              <Alert color={added.otherCartHasItems ? 'yellow' : 'teal'} role="status" data-testid="cart-notice" data-cart={added.kind}>
                <Stack gap={4}>
                  <Text size="sm">{t(added.otherCartHasItems ? `shop.product.addedSeparate.${added.kind}` : `shop.product.added.${added.kind}`)}</Text>
                  <Anchor component={Link} to={`/cart#${added.kind === 'TICKET' ? 'ticket' : 'goods'}`} size="sm" fw={600}>
                    {t('shop.product.viewCart')}
                  </Anchor>
                </Stack>
              </Alert>
            )}
          </Stack>
        </Grid.Col>
      </Grid>

      <Stack gap="xs" component="section" aria-label={t('shop.product.description')}>
        <Title order={2} size="h4">
          {t('shop.product.description')}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{product.description}</Text>
      </Stack>
      {isTicket && <TermsBox title={t('shop.product.termsTitle')} terms={product.terms} />}
    </Stack>
  );
}
