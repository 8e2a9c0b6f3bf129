import { formatMoney } from '@ticket/ui/core';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../../gql';
import type { MixMatchOffers_DiscountFragment } from '../../../gql/graphql';
import { Badge, lite } from '../../../shared/lite';
import css from './catalog.module.css';

/** A 任選折扣 offer. */
export const MixMatchOffersFragment = graphql(`
  fragment MixMatchOffers_discount on MixMatchDiscount {
    id
    name
    active
    requiredQuantity
    fixedPrice
    percentOff
    variants {
      id
      name
    }
  }
`);

/** C3: the 任選折扣 offers that include one of this product's variants. */
export function MixMatchOffers({ discounts, variantIds }: { discounts: MixMatchOffers_DiscountFragment[]; variantIds: string[] }) {
  const { t } = useTranslation();
  const offers = discounts.filter((d) => d.active && d.variants.some((v) => variantIds.includes(v.id)));
  if (offers.length === 0) return null;
  return (
    <div className={`${lite.paper} ${lite.stack} ${css.offers}`} style={{ gap: '0.625rem' }} data-testid="mix-match-offers">
      <div>
        <Badge color="orange">{t('shop.product.mixMatchTitle')}</Badge>
      </div>
      {offers.map((d) => (
        <div key={d.id} className={lite.small}>
          <h3 className={lite.heading}>
            {d.fixedPrice != null
              ? t('shop.product.mixMatchFixed', { count: d.requiredQuantity, price: formatMoney(d.fixedPrice) })
              : t('shop.product.mixMatchPercent', { count: d.requiredQuantity, percent: d.percentOff ?? 0 })}
          </h3>
          <p className={lite.dimmed} style={{ margin: 0 }}>
            {d.name}
          </p>
          <p style={{ margin: 0 }}>{t('shop.product.mixMatchApplies')}</p>
          <ul>
            {d.variants.map((v) => (
              <li key={v.id}>{v.name}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
