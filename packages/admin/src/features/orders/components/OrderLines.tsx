import { ActionIcon, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { formatMoney } from '@ticket/ui';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codeRows, type OrderCode, type OrderDetail, type OrderLineDetail } from '../lib/orderLogic';
import { CodeRedemptionHistory } from './CodeRedemptionHistory';
import { CodeStatusBadge } from './OrderStatusBadge';

/** The order's lines, each with its code (T1) and, after a split, the split codes (X1) under it. */
export function OrderLines({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t('admin.orders.lines')}
      </Title>
      <Stack gap="lg">
        {order.lines.map((line) => (
          <LineView key={line.id} line={line} tickets={order.kind === 'TICKET'} />
        ))}
      </Stack>
    </Paper>
  );
}

function LineView({ line, tickets }: { line: OrderLineDetail; tickets: boolean }) {
  const { t } = useTranslation();
  const rows = codeRows(line.codes);
  return (
    <Stack gap="xs" data-testid="order-line" data-line-id={line.id}>
      <Group justify="space-between" align="baseline" gap="xs">
        <Text fw={600}>
          {line.productTitle} — {line.variantName}
        </Text>
        <Text size="sm" c="dimmed">
          {t('admin.orders.lineAmounts', { quantity: line.quantity, price: formatMoney(line.unitPrice) })}
          {line.discountShare > 0 && ` · ${t('admin.orders.discountShare', { amount: formatMoney(-line.discountShare) })}`}
          {' · '}
          {t('admin.orders.amountPaid', { amount: formatMoney(line.amountPaid) })}
        </Text>
      </Group>
      {tickets && !rows.length && (
        <Text size="sm" c="dimmed">
          {t('admin.orders.codes.none')}
        </Text>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={6} styles={{ td: { whiteSpace: 'nowrap' } }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36} />
                <Table.Th>{t('admin.orders.codes.code')}</Table.Th>
                <Table.Th ta="right">{t('admin.orders.codes.quantity')}</Table.Th>
                <Table.Th ta="right">{t('admin.orders.codes.redeemed')}</Table.Th>
                <Table.Th ta="right">{t('admin.orders.codes.refunded')}</Table.Th>
                <Table.Th ta="right">{t('admin.orders.codes.remaining')}</Table.Th>
                <Table.Th>{t('admin.orders.codes.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ code, depth }) => (
                <CodeRow key={code.code} code={code} depth={depth} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function CodeRow({ code, depth }: { code: OrderCode; depth: 0 | 1 }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const historyId = `code-history-${code.code}`;
  const history = code.redemptions;
  return (
    <Fragment>
      <Table.Tr data-testid="order-code-row" data-code={code.code} data-status={code.status} data-split={depth === 1 ? 'true' : 'false'}>
        <Table.Td>
          <ActionIcon
            variant="subtle"
            size="sm"
            onClick={() => setOpen(!open)}
            aria-expanded={open}
            aria-controls={historyId}
            aria-label={t(open ? 'admin.orders.codes.hideHistory' : 'admin.orders.codes.showHistory', { code: code.code })}
            data-testid="code-history-toggle"
          >
            <span aria-hidden style={{ display: 'inline-block', transform: open ? 'rotate(90deg)' : undefined, transition: 'transform 120ms' }}>
              ▶
            </span>
          </ActionIcon>
        </Table.Td>
        <Table.Td pl={depth ? 'xl' : undefined}>
          <Stack gap={0}>
            <Text ff="monospace" size="sm" fw={500}>
              {depth ? '↳ ' : ''}
              {code.code}
            </Text>
            {code.status === 'SPLIT' && (
              <Text size="xs" c="dimmed" data-testid="code-split-note">
                {t('admin.orders.codes.splitInto', { count: code.children.length })}
              </Text>
            )}
            {depth === 1 && code.parent && (
              <Text size="xs" c="dimmed">
                {t('admin.orders.codes.splitFrom', { code: code.parent.code })}
              </Text>
            )}
          </Stack>
        </Table.Td>
        <Table.Td ta="right">{code.quantity}</Table.Td>
        <Table.Td ta="right">{code.redeemedQuantity}</Table.Td>
        <Table.Td ta="right">{code.refundedQuantity}</Table.Td>
        <Table.Td ta="right" fw={600}>
          {code.remainingQuantity}
        </Table.Td>
        <Table.Td>
          <CodeStatusBadge status={code.status} />
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={historyId} data-testid="code-history" data-code={code.code}>
          <Table.Td />
          <Table.Td colSpan={6} bg="var(--mantine-color-gray-0)">
            <Stack gap="xs" py={4}>
              {code.status === 'SPLIT' && code.children.length > 0 && (
                <div>
                  <Text size="sm" fw={600} mb={4}>
                    {t('admin.orders.codes.children')}
                  </Text>
                  <Stack gap={2}>
                    {code.children.map((child) => (
                      <Group key={child.code} gap="sm" data-testid="code-child" data-code={child.code}>
                        <Text ff="monospace" size="sm">
                          {child.code}
                        </Text>
                        <CodeStatusBadge status={child.status} size="sm" />
                        <Text size="xs" c="dimmed">
                          {t('admin.orders.codes.remainingCount', { count: child.remainingQuantity })}
                        </Text>
                      </Group>
                    ))}
                  </Stack>
                </div>
              )}
              <Text size="sm" fw={600}>
                {t('admin.orders.codes.history')}
              </Text>
              {history === undefined ? (
                <Text size="sm" c="dimmed">
                  {t('admin.orders.codes.historyHidden')}
                </Text>
              ) : history.length ? (
                <CodeRedemptionHistory code={code} redemptions={history} />
              ) : (
                <Text size="sm" c="dimmed" data-testid="code-history-empty">
                  {t('admin.orders.codes.noHistory')}
                </Text>
              )}
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}
