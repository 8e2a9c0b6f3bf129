import { Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { formatDate } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../../gql';
import type { TicketCodeCard_CodeFragment } from '../../../gql/graphql';
import { QrIcon, SplitIcon } from '../../../shared/components/icons';
import { QrModal } from './QrModal';
import { CodeStatusBadge } from './StatusBadge';

/** A redemption code (核銷碼) with its quantities (T3). */
export const TicketCodeCardFragment = graphql(`
  fragment TicketCodeCard_code on TicketCode {
    code
    quantity
    redeemedQuantity
    refundedQuantity
    remainingQuantity
    status
    qrUrl
    validFrom
    validUntil
  }
`);

function Quantity({ label, value, testId, strong }: { label: string; value: number; testId: string; strong?: boolean }) {
  return (
    <Stack gap={0} align="center">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={strong ? 800 : 600} size={strong ? 'xl' : 'lg'} c={strong ? (value > 0 ? 'teal.8' : 'dimmed') : undefined} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

/** X1: an active code of its own (not a split code) with 2 or more left can be split. */
export function canSplit(code: { status: string; remainingQuantity: number }, isSplitCode: boolean): boolean {
  return !isSplitCode && code.status === 'ACTIVE' && code.remainingQuantity >= 2;
}

/**
 * T3: one redemption code (核銷碼) with its quantities, and its QR on request. `onSplit` is given for a
 * code of its own (not a split code); the 分票 button shows when the code can be split (X1).
 */
export function TicketCodeCard({ code, title, onSplit }: { code: TicketCodeCard_CodeFragment; title: string; onSplit?: () => void }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const usable = code.status === 'ACTIVE' && code.remainingQuantity > 0;
  const refunded = code.status === 'REFUNDED';
  const splittable = !!onSplit && canSplit(code, false);

  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-testid="ticket-code-card"
      data-status={code.status}
      bg={refunded ? 'gray.1' : undefined}
      c={refunded ? 'dimmed' : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('shop.orders.code.label')}
            </Text>
            <Text
              ff="monospace"
              fw={700}
              size="lg"
              data-testid="ticket-code"
              data-code={code.code}
              td={refunded ? 'line-through' : undefined}
              style={{ letterSpacing: '0.08em', wordBreak: 'break-all' }}
            >
              {code.code}
            </Text>
          </Stack>
          <CodeStatusBadge status={code.status} />
        </Group>
        <SimpleGrid cols={4} spacing={4}>
          <Quantity label={t('shop.orders.code.total')} value={code.quantity} testId="code-quantity" />
          <Quantity label={t('shop.orders.code.redeemed')} value={code.redeemedQuantity} testId="code-redeemed" />
          <Quantity label={t('shop.orders.code.refunded')} value={code.refundedQuantity} testId="code-refunded" />
          <Quantity label={t('shop.orders.code.remaining')} value={code.remainingQuantity} testId="code-remaining" strong />
        </SimpleGrid>
        {(code.validFrom || code.validUntil) && (
          <Text size="xs" c="dimmed">
            {t('shop.orders.code.validity')}{' '}
            {code.validFrom && code.validUntil
              ? t('shop.product.validRange', { from: formatDate(code.validFrom, i18n.language), until: formatDate(code.validUntil, i18n.language) })
              : code.validFrom
                ? t('shop.product.validFrom', { date: formatDate(code.validFrom, i18n.language) })
                : t('shop.product.validUntil', { date: formatDate(code.validUntil!, i18n.language) })}
          </Text>
        )}
        {usable ? (
          <Stack gap={6}>
            <Group gap="xs" wrap="nowrap">
              <Button leftSection={<QrIcon size={18} />} onClick={() => setOpen(true)} data-testid="show-qr" style={{ flex: 1 }}>
                {t('shop.orders.code.showQr')}
              </Button>
              {splittable && (
                <Button variant="light" leftSection={<SplitIcon size={18} />} onClick={onSplit} data-testid="split-code">
                  {t('shop.orders.code.split')}
                </Button>
              )}
            </Group>
            {splittable && (
              <Text size="xs" c="dimmed">
                {t('shop.orders.code.splitHint', { count: code.remainingQuantity })}
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t(`shop.orders.code.unusable.${code.status}`)}
          </Text>
        )}
      </Stack>
      <QrModal opened={open} onClose={() => setOpen(false)} title={title} code={code.code} qrUrl={code.qrUrl} remaining={code.remainingQuantity} />
    </Paper>
  );
}
