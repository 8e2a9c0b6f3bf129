import { formatDate } from '@ticket/ui/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { graphql } from '../../../gql';
import type { ProductCard_ProductFragment } from '../../../gql/graphql';
import { ProductImage } from '../../../shared/components/ProductImage';
import { Badge, lite } from '../../../shared/lite';
import { priceRange } from '../../../shared/price';
import css from './catalog.module.css';

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
    <Link to={`/products/${product.id}`} className={`${lite.paper} ${css.card}`} data-testid="product-card" data-product-id={product.id}>
      <ProductImage src={product.images[0]} alt={product.title} />
      <div className={css.cardBody}>
        <div className={lite.row} style={{ gap: 6 }}>
          <Badge color={product.kind === 'TICKET' ? 'teal' : 'gray'}>{t(`shop.kindBadge.${product.kind}`)}</Badge>
          {soldOut && (
            <Badge color="gray" variant="filled">
              {t('shop.product.soldOut')}
            </Badge>
          )}
        </div>
        <h3 className={css.cardTitle}>{product.title}</h3>
        <p className={css.price} data-testid="product-price">
          {priceRange(product.variants.map((v) => v.price))}
        </p>
        {product.kind === 'TICKET' && product.validUntil && (
          <p className={lite.dimmed} style={{ margin: 0, fontSize: '0.75rem' }}>
            {t('shop.product.validUntil', { date: formatDate(product.validUntil, i18n.language) })}
          </p>
        )}
      </div>
    </Link>
  );
}
