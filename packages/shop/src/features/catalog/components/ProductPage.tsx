import { useQuery } from '@apollo/client/react';
import { formatDate, formatMoney } from '@ticket/ui/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCarts, type AddResult } from '../../../shared/cart';
import { NotFound } from '../../../shared/components/NotFound';
import { ProductImage } from '../../../shared/components/ProductImage';
import { TermsBox } from '../../../shared/components/TermsBox';
import { Alert, Badge, Button, lite, PageSpinner } from '../../../shared/lite';
import { priceRange, saleState } from '../../../shared/price';
import { ProductPageDocument } from '../api/catalog';
import css from './catalog.module.css';
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
    <p className={lite.small} style={{ margin: 0 }} data-testid="product-validity">
      <strong>{t('shop.product.validity')}</strong> {text}
    </p>
  );
}

/**
 * `/products/:id`: description, ticket types with steppers, terms (K2), validity, 任選折扣. Drawn without
 * Mantine (shared/lite): it is the page a shopper lands on from a link, held to the first-load budget.
 */
export function ProductPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(ProductPageDocument, { variables: { id } });
  const { add } = useCarts();
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [added, setAdded] = useState<AddResult | null>(null);
  const [nothingPicked, setNothingPicked] = useState(false);

  if (loading && !data) return <PageSpinner />;
  if (error && !data) {
    return (
      <Alert color="red" title={t('shop.product.loadError')} role="alert">
        <Button variant="danger" size="xs" onClick={() => void refetch()}>
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
    <div className={lite.stack} style={{ gap: '1.25rem' }}>
      <div className={css.product}>
        <div className={`${lite.paper} ${css.cover}`}>
          <ProductImage src={product.images[0]} alt={product.title} priority />
        </div>
        <div className={lite.stack}>
          <div className={lite.row}>
            <Badge color={isTicket ? 'teal' : 'gray'}>{t(`shop.kindBadge.${product.kind}`)}</Badge>
          </div>
          <h1 className={lite.heading} data-testid="product-title">
            {product.title}
          </h1>
          <p className={css.bigPrice}>{priceRange(product.variants.map((v) => v.price))}</p>
          {isTicket && <Validity from={product.validFrom} until={product.validUntil} />}
          {!isTicket && (
            <p className={lite.small} style={{ margin: 0 }} data-testid="product-shipping">
              {product.shippingFee === 0
                ? t('shop.product.shippingFree')
                : product.freeShippingThreshold != null
                  ? t('shop.product.shippingWithThreshold', { fee: formatMoney(product.shippingFee), threshold: formatMoney(product.freeShippingThreshold) })
                  : t('shop.product.shippingFlat', { fee: formatMoney(product.shippingFee) })}
            </p>
          )}
          <MixMatchOffers discounts={data?.mixMatchDiscounts ?? []} variantIds={product.variants.map((v) => v.id)} />

          <section aria-labelledby="product-variants">
            <h2 className={lite.heading} id="product-variants">
              {t(isTicket ? 'shop.product.variantsTitle' : 'shop.product.goodsVariantsTitle')}
            </h2>
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
          </section>
          {nothingPicked && (
            <p className={lite.small} style={{ margin: 0, color: 'var(--lite-danger)' }} role="alert">
              {t('shop.product.pickQuantity')}
            </p>
          )}
          <Button size="md" onClick={addToCart} data-testid="add-to-cart" fullWidth>
            {t('shop.product.addToCart')}
          </Button>
          {added && (
            <Alert color={added.otherCartHasItems ? 'yellow' : 'teal'} role="status" data-testid="cart-notice" data-cart={added.kind}>
              <p style={{ margin: '0 0 0.25rem' }}>{t(added.otherCartHasItems ? `shop.product.addedSeparate.${added.kind}` : `shop.product.added.${added.kind}`)}</p>
              <Link className={lite.link} to={`/cart#${added.kind === 'TICKET' ? 'ticket' : 'goods'}`} style={{ fontWeight: 600 }}>
                {t('shop.product.viewCart')}
              </Link>
            </Alert>
          )}
        </div>
      </div>

      <section aria-labelledby="product-description">
        <h2 className={lite.heading} id="product-description" style={{ marginBottom: '0.625rem' }}>
          {t('shop.product.description')}
        </h2>
        <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{product.description}</p>
      </section>
      {isTicket && <TermsBox title={t('shop.product.termsTitle')} terms={product.terms} />}
    </div>
  );
}
