import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Checkbox, Group, List, Loader, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { FormError, formatMoney } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../../lib/idempotency';
import { OrderDetailDocument, OrderRefundDocument, RefundQuoteDocument } from '../api/orders';
import { codeRows, refundBlock, type OrderDetail } from '../lib/orderLogic';
import { CodeStatusBadge } from './OrderStatusBadge';

export interface RefundModalProps {
  order: OrderDetail;
  opened: boolean;
  onClose(): void;
}

/** 部分退款 (F2-F8): choose codes, see the server's quote live, confirm once. */
export function RefundModal({ order, opened, onClose }: RefundModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('admin.orders.refundForm.title', { number: order.number })} size="xl" centered>
      <RefundForm order={order} onDone={onClose} />
    </Modal>
  );
}

export function RefundForm({ order, onDone }: { order: OrderDetail; onDone(): void }) {
  const { t } = useTranslation();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [selected, setSelected] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refund, { loading: refunding }] = useMutation(OrderRefundDocument, {
    refetchQueries: ({ data }) => (data?.orderRefund.errors.length ? [] : [OrderDetailDocument]),
    awaitRefetchQueries: true,
  });
  const quoteResult = useQuery(RefundQuoteDocument, {
    variables: { orderId: order.id, codes: selected },
    skip: !selected.length,
    fetchPolicy: 'network-only',
  });
  const quote = selected.length ? (quoteResult.data ?? quoteResult.previousData)?.refundQuote : undefined;
  const quoteLines = quote?.lines.filter((l) => selected.includes(l.code)) ?? [];
  const quoteCurrent = !!quoteResult.data && !quoteResult.loading;
  const unrefundable = quoteLines.some((l) => !l.refundable);
  const codes = order.lines.flatMap((line) => codeRows(line.codes).map((row) => ({ ...row, line })));

  const toggle = (code: string, checked: boolean) => {
    setError(null);
    setSelected((now) => (checked ? [...now, code] : now.filter((c) => c !== code)));
  };

  async function confirm() {
    setError(null);
    try {
      const { data } = await refund({ variables: { input: { orderId: order.id, codes: selected, idempotencyKey, reason: reason.trim() || null } } });
      const result = data?.orderRefund;
      if (result?.refund && !result.errors.length) onDone();
      else setError(result?.errors.map((e) => e.message).join(' ') || t('common.unexpectedError'));
    } catch {
      setError(t('common.networkError'));
    }
  }

  return (
    <Stack>
      <Alert color="blue" variant="light" title={t('admin.orders.refundForm.rulesTitle')} data-testid="refund-rules">
        <List size="sm" spacing={2}>
          <List.Item>{t('admin.orders.refundForm.ruleWhole')}</List.Item>
          <List.Item>{t('admin.orders.refundForm.ruleRedeemed')}</List.Item>
          <List.Item>{t('admin.orders.refundForm.ruleOnce')}</List.Item>
          <List.Item>{t('admin.orders.refundForm.ruleNextDay')}</List.Item>
        </List>
      </Alert>
      <FormError>{error}</FormError>
      <Table.ScrollContainer minWidth={620}>
        <Table verticalSpacing="xs" styles={{ td: { whiteSpace: 'nowrap' }, th: { whiteSpace: 'nowrap' } }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.orders.codes.code')}</Table.Th>
              <Table.Th ta="right">{t('admin.orders.codes.remaining')}</Table.Th>
              <Table.Th>{t('admin.orders.codes.status')}</Table.Th>
              <Table.Th ta="right">{t('admin.orders.refundForm.quantity')}</Table.Th>
              <Table.Th ta="right">{t('admin.orders.refundForm.amount')}</Table.Th>
              <Table.Th ta="right">{t('admin.orders.refundForm.feeRefund')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {codes.map(({ code, depth, line }) => {
              const block = refundBlock(code);
              const checked = selected.includes(code.code);
              const quoted = checked ? quoteLines.find((l) => l.code === code.code) : undefined;
              const reasonId = `refund-block-${code.code}`;
              return (
                <Table.Tr key={code.code} data-testid="refund-code-row" data-code={code.code}>
                  <Table.Td pl={depth ? 'xl' : undefined}>
                    <Checkbox
                      label={
                        <Text span ff="monospace" size="sm">
                          {code.code}
                        </Text>
                      }
                      checked={checked}
                      disabled={!!block}
                      onChange={(e) => toggle(code.code, e.currentTarget.checked)}
                      aria-describedby={block ? reasonId : undefined}
                      data-testid="refund-code-checkbox"
                      data-code={code.code}
                    />
                    <Text size="xs" c="dimmed" ml={30} style={{ whiteSpace: 'normal' }}>
                      {line.productTitle} — {line.variantName}
                    </Text>
                    {block && (
                      <Text id={reasonId} size="xs" c="orange.8" ml={30} data-testid="refund-code-blocked">
                        {t(`admin.orders.refundForm.blocked.${block}`)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {code.remainingQuantity} / {code.quantity}
                  </Table.Td>
                  <Table.Td>
                    <CodeStatusBadge status={code.status} size="sm" />
                  </Table.Td>
                  <Table.Td ta="right" data-testid="refund-quote-quantity">
                    {quoted ? quoted.quantity : checked ? '…' : ''}
                  </Table.Td>
                  <Table.Td ta="right" data-testid="refund-quote-amount">
                    {quoted ? formatMoney(quoted.amount) : ''}
                  </Table.Td>
                  <Table.Td ta="right" data-testid="refund-quote-fee">
                    {quoted ? formatMoney(quoted.feeRefund) : ''}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {quoteResult.error && selected.length > 0 && <FormError>{t('admin.orders.refundForm.quoteFailed')}</FormError>}
      {unrefundable && (
        <Text size="sm" c="red" role="alert">
          {t('admin.orders.refundForm.unrefundable')}
        </Text>
      )}
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={2} aria-live="polite">
          <Group gap="xs" align="baseline">
            <Text size="sm">{t('admin.orders.refundForm.total')}</Text>
            <Text fw={700} size="xl" data-testid="refund-total" data-amount={quote ? quote.amount : 0}>
              {formatMoney(quote ? quote.amount : 0)}
            </Text>
            {selected.length > 0 && !quoteCurrent && !quoteResult.error && <Loader size="xs" aria-label={t('common.loading')} />}
          </Group>
          <Text size="xs" c="dimmed" data-testid="refund-fee-total">
            {t('admin.orders.refundForm.feeTotal', { amount: formatMoney(quote ? quote.feeRefund : 0) })}
          </Text>
          {!selected.length && (
            <Text size="xs" c="dimmed">
              {t('admin.orders.refundForm.chooseHint')}
            </Text>
          )}
        </Stack>
      </Group>
      <Textarea
        name="reason"
        label={t('admin.orders.refundForm.reason')}
        autosize
        minRows={2}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        data-testid="refund-reason"
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          color="pink"
          loading={refunding}
          disabled={!selected.length || !quoteCurrent || unrefundable}
          onClick={confirm}
          data-testid="refund-confirm"
        >
          {quote && quoteCurrent ? t('admin.orders.refundForm.confirmAmount', { amount: formatMoney(quote.amount) }) : t('admin.orders.refundForm.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
