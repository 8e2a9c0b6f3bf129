import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { formatDateTime, useViewer } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderCode } from '../lib/orderLogic';
import { RedemptionReverseModal } from './RedemptionReverseModal';

type Redemption = NonNullable<OrderCode['redemptions']>[number];

/** B3: what of a redemption can still be given back (none for a reversal, or on a void code). */
export function reversibleOf(code: Pick<OrderCode, 'status'>, r: Pick<Redemption, 'kind' | 'quantity' | 'reversedQuantity'>): number {
  if (r.kind !== 'REDEMPTION' || code.status === 'SPLIT' || code.status === 'REFUNDED') return 0;
  return Math.max(r.quantity - r.reversedQuantity, 0);
}

/**
 * R2/B3: a code's redemptions as the server lists them (newest first): when, how many, which way, which
 * device, who. A correction (kind REVERSAL) shows its negative quantity and the admin's reason; with
 * REDEMPTIONS_ADJUST each redemption that still has units to give back has a 更正 button.
 */
export function CodeRedemptionHistory({ code, redemptions }: { code: Pick<OrderCode, 'code' | 'status'>; redemptions: readonly Redemption[] }) {
  const { t, i18n } = useTranslation();
  const canReverse = useViewer()?.permissions.includes('REDEMPTIONS_ADJUST') ?? false;
  const [reversing, setReversing] = useState<Redemption | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <Stack gap="xs">
      {done && (
        <Text size="sm" c="teal" role="status" data-testid="reverse-done">
          {done}
        </Text>
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={4} withRowBorders={false} data-testid="redemption-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('redemption.history.at')}</Table.Th>
              <Table.Th ta="right">{t('redemption.history.quantity')}</Table.Th>
              <Table.Th>{t('redemption.history.channel')}</Table.Th>
              <Table.Th>{t('redemption.history.device')}</Table.Th>
              <Table.Th>{t('redemption.history.by')}</Table.Th>
              {canReverse && <Table.Th>{t('admin.orders.codes.historyActions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {redemptions.map((r) => {
              const reversal = r.kind === 'REVERSAL';
              const reversible = reversibleOf(code, r);
              return (
                <Table.Tr key={r.id} data-testid="redemption-row" data-kind={r.kind} data-id={r.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.createdAt, i18n.language)}</Table.Td>
                  <Table.Td ta="right" c={reversal ? 'red' : undefined} fw={reversal ? 600 : undefined} data-testid="redemption-quantity">
                    {r.quantity}
                  </Table.Td>
                  <Table.Td>
                    {reversal ? (
                      <Stack gap={0}>
                        <Badge color="orange" variant="light" size="sm" data-testid="reversal-badge">
                          {t('admin.orders.codes.reversalBadge')}
                        </Badge>
                        {r.reason && (
                          <Text size="xs" c="dimmed" data-testid="reversal-reason">
                            {t('admin.orders.codes.reversalReason', { reason: r.reason })}
                          </Text>
                        )}
                      </Stack>
                    ) : (
                      <>
                        {t(`redemption.channel.${r.channel}`)}
                        {r.reversedQuantity > 0 && (
                          <Text size="xs" c="dimmed" data-testid="reversed-note">
                            {t('admin.orders.codes.reversedNote', { count: r.reversedQuantity })}
                          </Text>
                        )}
                      </>
                    )}
                  </Table.Td>
                  <Table.Td>{r.device || '—'}</Table.Td>
                  <Table.Td>{r.redeemedBy}</Table.Td>
                  {canReverse && (
                    <Table.Td>
                      {reversible > 0 && (
                        <Button
                          size="compact-xs"
                          variant="light"
                          color="orange"
                          onClick={() => {
                            setDone(null);
                            setReversing(r);
                          }}
                          aria-label={t('admin.orders.codes.reverseLabel', { quantity: r.quantity, time: formatDateTime(r.createdAt, i18n.language) })}
                          data-testid="reverse-open"
                        >
                          {t('admin.orders.codes.reverse')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {reversing && (
        <RedemptionReverseModal
          code={code}
          redemption={reversing}
          onClose={() => setReversing(null)}
          onReversed={({ quantity, remaining }) => {
            setReversing(null);
            setDone(t('admin.orders.codes.reversed', { quantity, code: code.code, remaining }));
          }}
        />
      )}
    </Stack>
  );
}
