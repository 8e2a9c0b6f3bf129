import { ActionIcon, Alert, Badge, Button, CopyButton, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { BUSINESS_TIME_ZONE, formatMoney } from '@ticket/ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderPaymentFieldsFragment, PaymentStatus } from '../../../gql/graphql';
import type { OrderDetail } from '../lib/orderLogic';

const PAYMENT_STATUS_COLOR: Record<PaymentStatus, string> = {
  SUCCEEDED: 'green',
  PARTIALLY_REFUNDED: 'pink',
  REFUNDED: 'red',
  VOIDED: 'gray',
};

/** Two sheets (copy) or a tick (copied), drawn inline: no icon font or library is loaded for one button. */
function CopyIcon({ copied }: { copied: boolean }) {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {copied ? (
        <path d="M5 12l5 5L20 7" />
      ) : (
        <>
          <rect x="8" y="8" width="12" height="12" rx="2" />
          <path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" />
        </>
      )}
    </svg>
  );
}

/** Notifications can come a second apart (a duplicate, a retry): show the seconds, in Taipei time. */
function formatInstant(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language.startsWith('en') ? 'en-US' : 'zh-TW', {
    timeZone: BUSINESS_TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'medium',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/**
 * What needs the admin's eye first about the payment: P3 the order still waits for the shopper's 3-D Secure
 * step; P5 money arrived after the hold expired and was refunded automatically.
 */
export function PaymentAlerts({ order, onRefresh, refreshing }: { order: OrderDetail; onRefresh(): void; refreshing: boolean }) {
  const { t } = useTranslation();
  const late = order.payment?.lateRefundReference;
  return (
    <>
      {order.status === 'PENDING_PAYMENT' && (
        <Alert color="yellow" variant="light" title={t('admin.payment.pending.title')} data-testid="payment-pending">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('admin.payment.pending.body')}</Text>
            <Button size="xs" variant="default" onClick={onRefresh} loading={refreshing} data-testid="payment-pending-refresh">
              {t('admin.payment.pending.refresh')}
            </Button>
          </Stack>
        </Alert>
      )}
      {late && (
        <Alert color="red" variant="light" role="alert" title={t('admin.payment.lateRefund.title')} data-testid="payment-late-refund">
          <Text size="sm">{t('admin.payment.lateRefund.body')}</Text>
          <Text size="sm" mt={4}>
            {t('admin.payment.lateRefund.reference')}{' '}
            <Text span ff="monospace" fw={600} data-testid="payment-late-refund-reference">
              {late}
            </Text>
          </Text>
        </Alert>
      )}
    </>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Table.Tr>
      <Table.Th fw={500} c="dimmed" w="40%" style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td data-testid={testId}>{children}</Table.Td>
    </Table.Tr>
  );
}

/** 付款資訊 (B6, P4): the card payment as the gateway reported it, and every notification it posted. */
export function PaymentPanel({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const payment = order.payment;
  return (
    <Paper withBorder p="md" data-testid="order-payment">
      <Title order={3} size="h4" mb="sm">
        {t('admin.payment.title')}
      </Title>
      {payment ? (
        <PaymentDetails payment={payment} />
      ) : (
        <Text size="sm" c="dimmed" data-testid="payment-none">
          {order.status === 'PENDING_PAYMENT'
            ? t('admin.payment.noneYetPending')
            : order.paymentMethod === 'CASH_ON_DELIVERY'
              ? t('admin.payment.noneCashOnDelivery')
              : t('admin.payment.none')}
        </Text>
      )}
      <Notifications notifications={order.paymentNotifications ?? []} />
    </Paper>
  );
}

function PaymentDetails({ payment }: { payment: OrderPaymentFieldsFragment }) {
  const { t, i18n } = useTranslation();
  const card = [payment.cardBrand, payment.cardLastFour ? `•••• ${payment.cardLastFour}` : null].filter(Boolean).join(' ');
  return (
    <Table verticalSpacing={6} withRowBorders={false}>
      <Table.Tbody>
        <Row label={t('admin.payment.statusLabel')} testId="payment-status">
          <Badge tt="none" miw="max-content" color={PAYMENT_STATUS_COLOR[payment.status]} data-status={payment.status}>
            {t(`admin.payment.status.${payment.status}`)}
          </Badge>
        </Row>
        <Row label={t('admin.payment.gateway')} testId="payment-gateway">
          {t(`admin.payment.gateways.${payment.gateway}`, { defaultValue: payment.gateway })}
        </Row>
        <Row label={t('admin.payment.transactionId')}>
          <Group gap={4} wrap="nowrap">
            <Text span ff="monospace" size="sm" style={{ wordBreak: 'break-all' }} data-testid="payment-transaction-id">
              {payment.transactionId}
            </Text>
            <CopyButton value={payment.transactionId}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color={copied ? 'teal' : 'gray'}
                    size="sm"
                    onClick={copy}
                    aria-label={t('admin.payment.copyTransactionId')}
                    data-testid="payment-transaction-copy"
                  >
                    <CopyIcon copied={copied} />
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        </Row>
        <Row label={t('admin.payment.paidAt')}>{formatInstant(payment.createdAt, i18n.language)}</Row>
        <Row label={t('admin.payment.threeDomainSecure')} testId="payment-3ds">
          <Text span size="sm" data-used={payment.threeDomainSecure}>
            {payment.threeDomainSecure ? t('admin.payment.threeDomainSecureUsed') : t('admin.payment.threeDomainSecureNotUsed')}
          </Text>
        </Row>
        <Row label={t('admin.payment.card')} testId="payment-card">
          {card || '—'}
        </Row>
        <Row label={t('admin.payment.bankResult')} testId="payment-bank-result">
          {payment.bankResult || '—'}
        </Row>
        <Row label={t('admin.payment.amount')} testId="payment-amount">
          <Text span fw={700} size="sm">
            {formatMoney(payment.amount)}
          </Text>
        </Row>
        <Row label={t('admin.payment.refundedAmount')} testId="payment-refunded">
          {formatMoney(payment.refundedAmount)}
        </Row>
      </Table.Tbody>
    </Table>
  );
}

function Notifications({ notifications }: { notifications: readonly { gateway: string; transactionId: string; receivedAt: string }[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={6} mt="md" data-testid="payment-notifications">
      <Group justify="space-between" gap="xs">
        <Text fw={600} size="sm">
          {t('admin.payment.notifications.title')}
        </Text>
        {notifications.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('admin.payment.notifications.count', { count: notifications.length })}
          </Text>
        )}
      </Group>
      {notifications.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="payment-notifications-empty">
          {t('admin.payment.notifications.empty')}
        </Text>
      ) : (
        <Stack gap={4} component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
          {notifications.map((n, i) => (
            <li key={`${n.receivedAt}-${i}`} data-testid="payment-notification">
              <Text size="sm">{formatInstant(n.receivedAt, i18n.language)}</Text>
              <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
                {t(`admin.payment.gateways.${n.gateway}`, { defaultValue: n.gateway })} · {n.transactionId}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
