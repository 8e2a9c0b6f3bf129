import { useQuery } from '@apollo/client/react';
import { ActionIcon, Anchor, Badge, Box, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatMoney } from '@ticket/ui';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { CartDiscountsDocument, cartTotals, MAX_LINE_QUANTITY, unitCount, useCarts, type CartKind, type CartLine } from '../../../shared/cart';
import { CartSummary } from '../../../shared/cart/CartSummary';
import { TicketIcon, TrashIcon } from '../../../shared/components/icons';
import { ProductImage } from '../../../shared/components/ProductImage';
import { QuantityStepper } from '../../../shared/components/QuantityStepper';

const SLUG: Record<CartKind, 'ticket' | 'goods'> = { TICKET: 'ticket', GOODS: 'goods' };

function LineRow({ line }: { line: CartLine }) {
  const { t } = useTranslation();
  const { setQuantity, remove } = useCarts();
  return (
    <Group wrap="nowrap" align="flex-start" gap="sm" py="sm" data-testid="cart-line" data-variant-id={line.variantId} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Box w={72} visibleFrom="xs" style={{ flexShrink: 0 }}>
        <ProductImage src={line.image} alt="" style={{ borderRadius: 4 }} />
      </Box>
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Anchor component={Link} to={`/products/${line.productId}`} fw={600} c="inherit" size="sm" lineClamp={2}>
          {line.productTitle}
        </Anchor>
        <Text size="sm" c="dimmed">
          {line.variantName} · {formatMoney(line.unitPrice)}
        </Text>
        <Group justify="space-between" wrap="nowrap">
          <QuantityStepper
            value={line.quantity}
            min={1}
            max={MAX_LINE_QUANTITY}
            onChange={(q) => setQuantity(line.kind, line.variantId, q)}
            label={`${line.productTitle} ${line.variantName}`}
            testId="cart-qty"
          />
          <Text fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatMoney(line.unitPrice * line.quantity)}
          </Text>
        </Group>
      </Stack>
      <ActionIcon variant="subtle" color="gray" size="lg" onClick={() => remove(line.kind, line.variantId)} aria-label={t('shop.cart.remove', { name: `${line.productTitle} ${line.variantName}` })} data-testid="cart-remove">
        <TrashIcon size={18} />
      </ActionIcon>
    </Group>
  );
}

/** One cart (tickets or goods) with its own totals and its own checkout button (K1). */
function CartSection({ kind }: { kind: CartKind }) {
  const { t } = useTranslation();
  const { carts } = useCarts();
  const discounts = useQuery(CartDiscountsDocument);
  const lines = carts[kind];
  const totals = cartTotals(kind, lines, (discounts.data?.mixMatchDiscounts ?? []).filter((d) => d.active));
  const slug = SLUG[kind];

  return (
    <Paper withBorder p="md" component="section" id={slug} aria-labelledby={`cart-${slug}-title`} data-testid={`cart-${slug}`} h="100%">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id={`cart-${slug}-title`}>
            {t(`shop.cart.${kind}`)}
          </Title>
          <Badge variant="light" color={kind === 'TICKET' ? 'teal' : 'gray'}>
            {t('shop.cart.units', { count: unitCount(lines) })}
          </Badge>
        </Group>
        {lines.length === 0 ? (
          <Text c="dimmed" py="md" ta="center" data-testid="cart-empty">
            {t('shop.cart.empty')}
          </Text>
        ) : (
          <>
            <div>
              {lines.map((line) => (
                <LineRow key={line.variantId} line={line} />
              ))}
            </div>
            <CartSummary kind={kind} totals={totals} />
            {kind === 'TICKET' && (
              <Text size="xs" c="dimmed">
                {t('shop.cart.ticketNote')}
              </Text>
            )}
          </>
        )}
        <Button
          component={Link}
          to={`/checkout/${slug}`}
          size="md"
          fullWidth
          disabled={lines.length === 0}
          // A link cannot be disabled: say so to assistive technology (and to axe, which then skips its greyed colours).
          aria-disabled={lines.length === 0 || undefined}
          data-testid={`checkout-${slug}`}
          onClick={(e) => lines.length === 0 && e.preventDefault()}
        >
          {t('shop.cart.checkout')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** `/cart`: the ticket cart and the goods cart side by side, each checked out on its own. */
export function CartPage() {
  const { t } = useTranslation();
  const { hash } = useLocation();
  useEffect(() => {
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [hash]);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('shop.cart.title')}
      </Title>
      <Group gap="xs" c="dimmed">
        <TicketIcon size={16} />
        <Text size="sm">{t('shop.cart.separateHint')}</Text>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <CartSection kind="TICKET" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <CartSection kind="GOODS" />
        </Grid.Col>
      </Grid>
      <Anchor component={Link} to="/" size="sm">
        {t('shop.cart.continueShopping')}
      </Anchor>
    </Stack>
  );
}
