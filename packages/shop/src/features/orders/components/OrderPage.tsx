import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, Breadcrumbs, Button, Divider, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { formatDateTime, formatMoney, PageLoader } from '@ticket/ui';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { OrderStatus } from '../../../gql/graphql';
import { awaitingPaymentLines, forgetAwaitingPayment, useCarts, type CartKind } from '../../../shared/cart';
import { NotFound } from '../../../shared/components/NotFound';
import { OrderDetailDocument } from '../api/orders';
import { OrderMessages } from './OrderMessages';
import { RefundSummary } from './RefundSummary';
import { SplitChildren } from './SplitChildren';
import { SplitDialog, type SplitTarget } from './SplitDialog';
import { OrderStatusBadge } from './StatusBadge';
import { TicketCodeCard } from './TicketCodeCard';

/** The after-sale states get a sentence saying what they mean for the buyer's codes. */
const STATUS_NOTES: Partial<Record<OrderStatus, string>> = {
  RETURNING: 'orange',
  RETURN_REVIEW: 'orange',
  PARTIALLY_REFUNDED: 'grape',
  CANCELLED: 'gray',
  CLOSED: 'gray',
};

/** P3: how often a card order waiting for its payment (3-D Secure) is read again. */
export const PAYMENT_POLL_MS = 2000;

/** P3: the order waits for the bank's answer; the page asks again every PAYMENT_POLL_MS by itself. */
function PaymentWaiting() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" radius="md" role="status" aria-live="polite" data-testid="payment-waiting" bg="yellow.0">
      <Group align="flex-start" wrap="nowrap" gap="md">
        <Loader size="md" color="yellow.8" aria-hidden />
        <Stack gap={4}>
          <Title order={2} size="h4">
            {t('shop.orders.waiting.title')}
          </Title>
          <Text size="sm">{t('shop.orders.waiting.body')}</Text>
          <Text size="sm" fw={500}>
            {t('shop.orders.waiting.auto')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('shop.orders.waiting.notFinished')}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {children}
      </Text>
    </Stack>
  );
}

function MoneyRow({ label, amount, strong }: { label: string; amount: number; strong?: boolean }) {
  return (
    <Group justify="space-between">
      <Text size={strong ? 'lg' : 'sm'} fw={strong ? 700 : 400}>
        {label}
      </Text>
      <Text size={strong ? 'lg' : 'sm'} fw={strong ? 700 : 500} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatMoney(amount)}
      </Text>
    </Group>
  );
}

/**
 * `/account/orders/:id`: the order, its lines and each line's codes with quantities and QR (T3), 分票 (X1/X2),
 * the refund (F3) and 詢問紀錄 (F1).
 */
export function OrderPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const placed = (location.state as { placed?: string } | null)?.placed;
  const navigate = useNavigate();
  const { carts, add } = useCarts();
  const { data, loading, error, refetch, startPolling, stopPolling } = useQuery(OrderDetailDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [splitting, setSplitting] = useState<SplitTarget | null>(null);
  const order = data?.order;
  const status = order?.status;

  // P3: a card order still PENDING_PAYMENT waits for the bank (3-D Secure): read it again every 2 s until
  // its status changes.
  const waiting = status === 'PENDING_PAYMENT' && order?.paymentMethod === 'CREDIT_CARD';
  useEffect(() => {
    if (!waiting) return;
    startPolling(PAYMENT_POLL_MS);
    return () => stopPolling();
  }, [waiting, startPolling, stopPolling]);

  // Whether the shopper comes back from the bank's page (this browser sent them there) or saw the wait
  // here: then the result gets a sentence of its own.
  const [fromBank, setFromBank] = useState(false);
  // The way back from the bank says so (another tab of this browser may have seen the result first).
  const returnedFromBank = new URLSearchParams(useLocation().search).get('from') === 'bank';
  const orderId = order?.id;
  useEffect(() => {
    if (!orderId || !status) return;
    if (waiting || awaitingPaymentLines(orderId) || returnedFromBank) setFromBank(true);
    // Paid (or later): the lines kept for another try are not needed any more.
    if (status !== 'PENDING_PAYMENT' && status !== 'PAYMENT_FAILED' && status !== 'EXPIRED') forgetAwaitingPayment(orderId);
  }, [orderId, status, waiting, returnedFromBank]);

  if (loading && !data) return <PageLoader />;
  if (error && !data) {
    return (
      <Alert color="red" title={t('shop.orders.loadError')} role="alert">
        <Button variant="light" color="red" size="xs" mt="xs" onClick={() => void refetch()}>
          {t('shop.retry')}
        </Button>
      </Alert>
    );
  }
  if (!order) return <NotFound title={t('shop.orders.notFound')} backTo="/account/orders" backLabel={t('shop.orders.backToList')} />;
  const isTicket = order.kind === 'TICKET';
  const paidTicket = isTicket && order.lines.some((l) => l.codes.length > 0);
  const noteColor = STATUS_NOTES[order.status];
  const payment = order.payment;

  /** A failed or expired payment: the lines go back in the cart (unless already there) for another try. */
  function backToCart(orderId: string, kind: CartKind) {
    const lines = awaitingPaymentLines(orderId);
    const inCart = new Set(carts[kind].map((l) => l.variantId));
    const missing = (lines ?? []).filter((l) => !inCart.has(l.variantId));
    if (missing.length > 0) add(missing);
    forgetAwaitingPayment(orderId);
    navigate('/cart');
  }

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Text size="sm" c="dimmed">
          {t('shop.nav.account')}
        </Text>
        <Anchor component={Link} to="/account/orders" size="sm">
          {t('shop.orders.title')}
        </Anchor>
        <Text size="sm">{order.number}</Text>
      </Breadcrumbs>

      {placed && order.status === 'PAID' && (
        <Alert color="teal" role="status" data-testid="order-placed">
          {t(isTicket ? 'shop.orders.placedTicket' : 'shop.orders.placedGoods')}
        </Alert>
      )}
      {placed && order.status === 'PENDING_PAYMENT' && order.paymentMethod === 'CASH_ON_DELIVERY' && (
        <Alert color="teal" role="status" data-testid="order-placed">
          {t('shop.orders.placedCod')}
        </Alert>
      )}
      {!placed && fromBank && order.status === 'PAID' && (
        <Alert color="teal" role="status" data-testid="order-paid-now">
          {t(isTicket ? 'shop.orders.paidNow' : 'shop.orders.placedGoods')}
        </Alert>
      )}
      {waiting && <PaymentWaiting />}
      {order.status === 'PAYMENT_FAILED' && (
        <Alert color="red" title={t('shop.orders.failed.title')} role="alert" data-testid="payment-failed">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('shop.orders.failed.body')}</Text>
            <Text size="sm">{t('shop.orders.failed.retry')}</Text>
            <Button size="sm" variant="light" color="red" onClick={() => backToCart(order.id, order.kind)} data-testid="back-to-cart">
              {t('shop.orders.backToCart')}
            </Button>
          </Stack>
        </Alert>
      )}
      {order.status === 'EXPIRED' && (
        <Alert color="gray" title={t('shop.orders.expired.title')} role="alert" data-testid="order-expired">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('shop.orders.expired.body')}</Text>
            {payment?.lateRefundReference && (
              <Text size="sm" fw={500} data-testid="late-payment-refund">
                {t('shop.orders.expired.latePayment', { reference: payment.lateRefundReference })}
              </Text>
            )}
            <Button size="sm" variant="default" onClick={() => backToCart(order.id, order.kind)} data-testid="back-to-cart">
              {t('shop.orders.backToCart')}
            </Button>
          </Stack>
        </Alert>
      )}

      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {t('shop.orders.number')}
          </Text>
          <Title order={1} size="h2" ff="monospace" data-testid="order-number">
            {order.number}
          </Title>
          <Anchor href="#inquiries" size="sm" data-testid="jump-inquiries">
            {t('shop.messages.jump')}
            {order.messages.length > 0 && ` (${order.messages.length})`}
          </Anchor>
        </Stack>
        <Group gap="xs">
          <Badge variant="outline" color={isTicket ? 'teal' : 'gray'}>
            {t(`shop.kindBadge.${order.kind}`)}
          </Badge>
          <OrderStatusBadge status={order.status} />
        </Group>
      </Group>

      {noteColor && (
        <Alert color={noteColor} variant="light" data-testid="order-status-note" data-status={order.status}>
          {t(`shop.orders.statusNote.${order.status as keyof typeof STATUS_NOTES & string}`)}
        </Alert>
      )}
      {order.refund && <RefundSummary refund={order.refund} />}

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Fact label={t('shop.orders.createdAt')}>{formatDateTime(order.createdAt, i18n.language)}</Fact>
          <Fact label={t('shop.orders.paidAt')}>{order.paidAt ? formatDateTime(order.paidAt, i18n.language) : '—'}</Fact>
          <Fact label={t('shop.orders.paymentMethod')}>
            {t(`shop.payment.${order.paymentMethod}`)}
            {payment?.cardLastFour && (
              <Text span size="sm" c="dimmed" ff="monospace" data-testid="payment-card">
                {' '}
                {t('shop.orders.cardUsed', { brand: payment.cardBrand ?? '', lastFour: payment.cardLastFour }).trim()}
              </Text>
            )}
          </Fact>
          <Fact label={t('shop.orders.recipient')}>
            {order.recipient.name} {order.recipient.phone}
          </Fact>
        </SimpleGrid>
      </Paper>

      <Stack gap="md" component="section" aria-label={t('shop.orders.lines')}>
        <Title order={2} size="h4">
          {t(isTicket ? 'shop.orders.ticketLines' : 'shop.orders.lines')}
        </Title>
        {isTicket && !paidTicket && (
          <Text size="sm" c="dimmed" data-testid="no-codes">
            {t(order.status === 'PENDING_PAYMENT' ? 'shop.orders.codesAfterPayment' : 'shop.orders.noCodes')}
          </Text>
        )}
        {order.lines.map((line) => (
          <Paper key={line.id} withBorder p="md" data-testid="order-line">
            <Stack gap="sm">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text fw={600}>{line.productTitle}</Text>
                  <Text size="sm" c="dimmed">
                    {line.variantName} · {formatMoney(line.unitPrice)} × {line.quantity}
                  </Text>
                  {line.discountShare > 0 && (
                    <Text size="xs" c="orange">
                      {t('shop.orders.lineDiscount', { amount: formatMoney(line.discountShare) })}
                    </Text>
                  )}
                </Stack>
                <Text fw={600} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                  {formatMoney(line.amountPaid)}
                </Text>
              </Group>
              {line.codes
                .filter((c) => !c.parent)
                .map((c) => {
                  const title = `${line.productTitle} ${line.variantName}`;
                  // X1: a split code's children are listed under it.
                  const children = line.codes.filter((child) => child.parent?.code === c.code);
                  return (
                    <SimpleGrid key={c.code} cols={{ base: 1, sm: 2 }} spacing="sm" data-testid="code-group" data-code={c.code} style={{ alignItems: 'start' }}>
                      <TicketCodeCard code={c} title={title} onSplit={() => setSplitting({ code: c.code, remaining: c.remainingQuantity, title })} />
                      {children.length > 0 && <SplitChildren codes={children} title={title} />}
                    </SimpleGrid>
                  );
                })}
            </Stack>
          </Paper>
        ))}
      </Stack>

      <Paper withBorder p="md" maw={420} w="100%" ml="auto">
        <Stack gap={6}>
          <MoneyRow label={t('shop.cart.subtotal')} amount={order.subtotal} />
          {order.discount > 0 && <MoneyRow label={t('shop.cart.discount')} amount={-order.discount} />}
          {!isTicket && <MoneyRow label={t('shop.cart.shipping')} amount={order.shippingFee} />}
          <Divider />
          <MoneyRow label={t('shop.cart.total')} amount={order.total} strong />
        </Stack>
      </Paper>
      <OrderMessages orderId={order.id} messages={order.messages} />

      <Anchor component={Link} to="/account/orders" size="sm">
        {t('shop.orders.backToList')}
      </Anchor>
      <SplitDialog target={splitting} onClose={() => setSplitting(null)} onSplit={() => void refetch()} />
    </Stack>
  );
}
