import { Divider, Group, Stack, Text } from '@mantine/core';
import { formatMoney } from '@ticket/ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CartKind } from './cart-store';
import type { CartTotals } from './pricing';

function Row({ label, children, strong, testId }: { label: ReactNode; children: ReactNode; strong?: boolean; testId?: string }) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size={strong ? 'lg' : 'sm'} fw={strong ? 700 : 400}>
        {label}
      </Text>
      <Text size={strong ? 'lg' : 'sm'} fw={strong ? 700 : 500} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {children}
      </Text>
    </Group>
  );
}

/** Subtotal, 任選折扣, shipping (goods only, K3) and total of one cart. */
export function CartSummary({ kind, totals }: { kind: CartKind; totals: CartTotals }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Row label={t('shop.cart.subtotal')} testId="cart-subtotal">
        {formatMoney(totals.subtotal)}
      </Row>
      {totals.discount > 0 && (
        <Row label={t('shop.cart.discount')} testId="cart-discount">
          {formatMoney(-totals.discount)}
        </Row>
      )}
      {kind === 'GOODS' && (
        <Row label={t('shop.cart.shipping')} testId="cart-shipping">
          {totals.shippingFee === 0 ? t('shop.cart.shippingFree') : formatMoney(totals.shippingFee)}
        </Row>
      )}
      {kind === 'GOODS' && totals.shippingFee > 0 && totals.freeShippingAbove != null && (
        <Text size="xs" c="dimmed">
          {t('shop.cart.freeShippingHint', { amount: formatMoney(totals.freeShippingAbove) })}
        </Text>
      )}
      <Divider />
      <Row label={t('shop.cart.total')} strong testId="cart-total">
        {formatMoney(totals.total)}
      </Row>
    </Stack>
  );
}
