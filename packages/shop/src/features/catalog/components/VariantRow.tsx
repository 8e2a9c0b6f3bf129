import { Badge, Group, Stack, Text } from '@mantine/core';
import { formatDateTime, formatMoney } from '@ticket/ui';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../../gql';
import type { VariantRow_VariantFragment } from '../../../gql/graphql';
import { MAX_LINE_QUANTITY } from '../../../shared/cart';
import { QuantityStepper } from '../../../shared/components/QuantityStepper';
import { saleState } from '../../../shared/price';

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
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      py="sm"
      data-testid="variant-row"
      data-variant-id={variant.id}
      data-state={state}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)', opacity: disabled ? 0.6 : 1 }}
    >
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text fw={600}>{variant.name}</Text>
        <Group gap="xs">
          <Text fw={700} c="teal.8">
            {formatMoney(variant.price)}
          </Text>
          {state === 'onSale' && variant.stockAvailable != null && (
            <Text size="sm" c={variant.stockAvailable <= 10 ? 'orange.8' : 'dimmed'} data-testid="variant-stock">
              {t('shop.product.remaining', { count: variant.stockAvailable })}
            </Text>
          )}
          {state === 'soldOut' && (
            <Badge color="gray" variant="filled">
              {t('shop.product.soldOut')}
            </Badge>
          )}
          {state === 'notYet' && (
            <Badge color="blue" variant="light">
              {t('shop.product.notOnSaleYet', { date: formatDateTime(variant.saleStartsAt!, i18n.language) })}
            </Badge>
          )}
          {state === 'ended' && (
            <Badge color="gray" variant="light">
              {t('shop.product.saleEnded')}
            </Badge>
          )}
        </Group>
        {state === 'onSale' && variant.saleEndsAt && (
          <Text size="xs" c="dimmed">
            {t('shop.product.saleEnds', { date: formatDateTime(variant.saleEndsAt, i18n.language) })}
          </Text>
        )}
      </Stack>
      <QuantityStepper value={quantity} onChange={onChange} max={max} label={variant.name} disabled={disabled} testId="variant-qty" />
    </Group>
  );
}
