import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { formatMoney } from '@ticket/ui';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../../gql';
import type { MixMatchOffers_DiscountFragment } from '../../../gql/graphql';

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
    <Paper withBorder p="sm" bg="orange.0" data-testid="mix-match-offers">
      <Stack gap="xs">
        <Group gap="xs">
          <Badge color="orange">{t('shop.product.mixMatchTitle')}</Badge>
        </Group>
        {offers.map((d) => (
          <Stack key={d.id} gap={2}>
            <Title order={3} size="h5">
              {d.fixedPrice != null
                ? t('shop.product.mixMatchFixed', { count: d.requiredQuantity, price: formatMoney(d.fixedPrice) })
                : t('shop.product.mixMatchPercent', { count: d.requiredQuantity, percent: d.percentOff ?? 0 })}
            </Title>
            <Text size="sm" c="dimmed">
              {d.name}
            </Text>
            <Text size="sm">{t('shop.product.mixMatchApplies')}</Text>
            <List size="sm" withPadding>
              {d.variants.map((v) => (
                <List.Item key={v.id}>{v.name}</List.Item>
              ))}
            </List>
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
