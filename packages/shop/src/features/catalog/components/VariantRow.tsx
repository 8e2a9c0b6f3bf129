import { formatDateTime, formatMoney } from '@ticket/ui/core';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../../gql';
import type { VariantRow_VariantFragment } from '../../../gql/graphql';
import { MAX_LINE_QUANTITY } from '../../../shared/cart';
import { QuantityStepper } from '../../../shared/components/QuantityStepper';
import { Badge, lite } from '../../../shared/lite';
import { saleState } from '../../../shared/price';
import css from './catalog.module.css';

/** One ticket type (票種) row on the product page. */
export const VariantRowFragment = graphql(`
  fragment VariantRow_variant on Variant {
    id
    name
    price
    stockAvailable
    saleStartsAt
    saleEndsAt
  }
`);

/** One ticket type: name, price, what is left, and how many to add. Sold out or off sale: disabled. */
export function VariantRow({ variant, quantity, onChange }: { variant: VariantRow_VariantFragment; quantity: number; onChange(q: number): void }) {
  const { t, i18n } = useTranslation();
  const state = saleState(variant);
  const max = Math.min(variant.stockAvailable ?? MAX_LINE_QUANTITY, MAX_LINE_QUANTITY);
  const disabled = state !== 'onSale';

  return (
    <div className={css.variant} data-testid="variant-row" data-variant-id={variant.id} data-state={state} data-disabled={disabled || undefined}>
      <div style={{ minWidth: 0 }}>
        <p className={css.variantName}>{variant.name}</p>
        <div className={lite.row}>
          <p className={css.price}>{formatMoney(variant.price)}</p>
          {state === 'onSale' && variant.stockAvailable != null && (
            <span className={`${lite.small} ${variant.stockAvailable <= 10 ? css.low : lite.dimmed}`} data-testid="variant-stock">
              {t('shop.product.remaining', { count: variant.stockAvailable })}
            </span>
          )}
          {state === 'soldOut' && (
            <Badge color="gray" variant="filled">
              {t('shop.product.soldOut')}
            </Badge>
          )}
          {state === 'notYet' && <Badge color="blue">{t('shop.product.notOnSaleYet', { date: formatDateTime(variant.saleStartsAt!, i18n.language) })}</Badge>}
          {state === 'ended' && <Badge color="gray">{t('shop.product.saleEnded')}</Badge>}
        </div>
        {state === 'onSale' && variant.saleEndsAt && (
          <p className={lite.dimmed} style={{ margin: 0, fontSize: '0.75rem' }}>
            {t('shop.product.saleEnds', { date: formatDateTime(variant.saleEndsAt, i18n.language) })}
          </p>
        )}
      </div>
      <QuantityStepper value={quantity} onChange={onChange} max={max} label={variant.name} disabled={disabled} testId="variant-qty" />
    </div>
  );
}
