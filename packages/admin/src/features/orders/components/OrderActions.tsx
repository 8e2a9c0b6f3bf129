import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { ConfirmModal, FormError, formatMoney, useViewer } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../../lib/idempotency';
import { OrderCancelDocument, OrderDetailDocument, OrderMarkReturningDocument, OrderMarkReturnReviewDocument } from '../api/orders';
import { orderActions, type OrderAction, type OrderDetail } from '../lib/orderLogic';
import { RefundModal } from './RefundModal';


/** The state actions that are valid now (F5, F6), each behind a confirmation. */
export function OrderActions({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const permissions = useViewer()?.permissions ?? [];
  const { actions, cancelBlockedByRedemptions } = orderActions(order, permissions);
  const [open, setOpen] = useState<OrderAction | null>(null);
  // The page reloads the order after a change; a refusal changed nothing.
  const [markReturning] = useMutation(OrderMarkReturningDocument, {
    refetchQueries: ({ data }) => (data?.orderMarkReturning.errors.length ? [] : [OrderDetailDocument]),
    awaitRefetchQueries: true,
  });
  const [markReturnReview] = useMutation(OrderMarkReturnReviewDocument, {
    refetchQueries: ({ data }) => (data?.orderMarkReturnReview.errors.length ? [] : [OrderDetailDocument]),
    awaitRefetchQueries: true,
  });
  const close = () => setOpen(null);

  if (!actions.length && !cancelBlockedByRedemptions) return null;
  return (
    <Stack gap={4} align="flex-end">
      <Group gap="sm" data-testid="order-actions">
        {actions.includes('markReturning') && (
          <Button variant="light" color="orange" onClick={() => setOpen('markReturning')} data-testid="order-mark-returning">
            {t('admin.orders.actions.markReturning')}
          </Button>
        )}
        {actions.includes('markReturnReview') && (
          <Button variant="light" color="grape" onClick={() => setOpen('markReturnReview')} data-testid="order-mark-review">
            {t('admin.orders.actions.markReturnReview')}
          </Button>
        )}
        {actions.includes('refund') && (
          <Button color="pink" onClick={() => setOpen('refund')} data-testid="order-refund">
            {t('admin.orders.actions.refund')}
          </Button>
        )}
        {actions.includes('cancel') && (
          <Button variant="outline" color="red" onClick={() => setOpen('cancel')} data-testid="order-cancel">
            {t('admin.orders.actions.cancel')}
          </Button>
        )}
      </Group>
      {cancelBlockedByRedemptions && (
        <Text size="xs" c="dimmed" data-testid="order-cancel-blocked">
          {t('admin.orders.actions.cancelBlocked')}
        </Text>
      )}

      <ConfirmModal
        opened={open === 'markReturning'}
        onClose={close}
        title={t('admin.orders.actions.markReturningTitle')}
        confirmLabel={t('admin.orders.actions.markReturning')}
        onConfirm={async () => {
          const { data } = await markReturning({ variables: { input: { orderId: order.id } } });
          return data?.orderMarkReturning.errors.map((e) => e.message).join(' ');
        }}
      >
        <Text>{t('admin.orders.actions.markReturningConfirm', { number: order.number })}</Text>
      </ConfirmModal>
      <ConfirmModal
        opened={open === 'markReturnReview'}
        onClose={close}
        title={t('admin.orders.actions.markReturnReviewTitle')}
        confirmLabel={t('admin.orders.actions.markReturnReview')}
        onConfirm={async () => {
          const { data } = await markReturnReview({ variables: { input: { orderId: order.id } } });
          return data?.orderMarkReturnReview.errors.map((e) => e.message).join(' ');
        }}
      >
        <Text>{t('admin.orders.actions.markReturnReviewConfirm', { number: order.number })}</Text>
      </ConfirmModal>
      <Modal opened={open === 'cancel'} onClose={close} title={t('admin.orders.cancel.title', { number: order.number })} centered>
        <CancelOrderForm order={order} onDone={close} />
      </Modal>
      <RefundModal order={order} opened={open === 'refund'} onClose={close} />
    </Stack>
  );
}

/** F5: voids every code and returns everything; a reason for the record; one idempotency key per dialog. */
function CancelOrderForm({ order, onDone }: { order: OrderDetail; onDone(): void }) {
  const { t } = useTranslation();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [cancel, { loading }] = useMutation(OrderCancelDocument, {
    refetchQueries: ({ data }) => (data?.orderCancel.errors.length ? [] : [OrderDetailDocument]),
    awaitRefetchQueries: true,
  });

  async function confirm() {
    setError(null);
    try {
      const { data } = await cancel({ variables: { input: { orderId: order.id, idempotencyKey, reason: reason.trim() || null } } });
      const result = data?.orderCancel;
      if (result && !result.errors.length) onDone();
      else setError(result?.errors.map((e) => e.message).join(' ') || t('common.unexpectedError'));
    } catch {
      setError(t('common.networkError'));
    }
  }

  return (
    <Stack>
      <FormError>{error}</FormError>
      <Text>{t('admin.orders.cancel.explain', { total: formatMoney(order.total) })}</Text>
      <Text size="sm" c="dimmed">
        {t('admin.orders.cancel.explainPayment')}
      </Text>
      <Text size="sm" fw={600} c="red">
        {t('admin.orders.cancel.irreversible')}
      </Text>
      <Textarea
        name="reason"
        label={t('admin.orders.cancel.reason')}
        placeholder={t('admin.orders.cancel.reasonPlaceholder')}
        autosize
        minRows={2}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        data-testid="cancel-reason"
        data-autofocus
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone} data-testid="confirm-cancel">
          {t('admin.orders.cancel.back')}
        </Button>
        <Button color="red" loading={loading} onClick={confirm} data-testid="confirm-submit">
          {t('admin.orders.cancel.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
