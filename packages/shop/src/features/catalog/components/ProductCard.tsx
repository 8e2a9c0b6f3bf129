import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { formatDate } from '@ticket/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { graphql } from '../../../gql';
import type { ProductCard_ProductFragment } from '../../../gql/graphql';
import { ProductImage } from '../../../shared/components/ProductImage';
import { priceRange } from '../../../shared/price';

/** What a product card shows. */
export const ProductCardFragment = graphql(`
  fragment ProductCard_product on Product {
    id
    kind
    title
    images
    validUntil
    variants {
      id
      price
      stockAvailable
    }
  }
`);

export function ProductCard({ product }: { product: ProductCard_ProductFragment }) {
  const { t, i18n } = useTranslation();
  const soldOut = product.variants.length > 0 && product.variants.every((v) => v.stockAvailable != null && v.stockAvailable <= 0);
  return (
    <Card
      component={Link}
      to={`/products/${product.id}`}
      withBorder
      padding="sm"
      shadow="xs"
      data-testid="product-card"
      data-product-id={product.id}
      style={{ height: '100%' }}
    >
      <Card.Section>
        <ProductImage src={product.images[0]} alt={product.title} />
      </Card.Section>
      <Stack gap={6} mt="sm">
        <Group gap={6}>
          <Badge variant="light" color={product.kind === 'TICKET' ? 'teal' : 'gray'} size="sm">
            {t(`shop.kindBadge.${product.kind}`)}
          </Badge>
          {soldOut && (
            <Badge variant="filled" color="gray" size="sm">
              {t('shop.product.soldOut')}
            </Badge>
          )}
        </Group>
        <Text fw={600} lineClamp={2} component="h3" m={0} size="md">
          {product.title}
        </Text>
        <Text fw={700} c="teal.8" data-testid="product-price">
          {priceRange(product.variants.map((v) => v.price))}
        </Text>
        {product.kind === 'TICKET' && product.validUntil && (
          <Text size="xs" c="dimmed">
            {t('shop.product.validUntil', { date: formatDate(product.validUntil, i18n.language) })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
