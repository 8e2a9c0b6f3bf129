import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { FormError, formatDateTime } from '@ticket/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketCodeRedemptionReverseErrorCode } from '../../../gql/graphql';
import { newIdempotencyKey } from '../../../lib/idempotency';
import { TicketCodeRedemptionReverseDocument } from '../api/redemptionReverse';
import type { OrderCode } from '../lib/orderLogic';

type Redemption = NonNullable<OrderCode['redemptions']>[number];

export interface RedemptionReverseModalProps {
  code: Pick<OrderCode, 'code'>;
  /** The redemption to correct (kind REDEMPTION). */
  redemption: Redemption;
  onClose(): void;
  /** After a reversal, with what the server says the code has left. */
  onReversed(result: { quantity: number; remaining: number }): void;
}

export const REASON_MAX = 500;

/** Where a refusal is shown: under the quantity, under the reason, or above the buttons. */
function placeOf(code: TicketCodeRedemptionReverseErrorCode): 'quantity' | 'reason' | 'general' {
  switch (code) {
    case 'QUANTITY_EXCEEDS_REDEEMED':
    case 'INVALID_QUANTITY':
      return 'quantity';
    case 'REASON_REQUIRED':
      return 'reason';
    case 'CODE_VOID':
    case 'REDEMPTION_NOT_FOUND':
    case 'REVERSAL_NOT_REVERSIBLE':
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'IDEMPOTENCY_KEY_REQUIRED':
    case 'INVALID_INPUT':
      return 'general';
  }
}

/**
 * B3, 更正核銷: how many of one redemption's units go back to the code, and why (required); then a confirm
 * step that says it in words. One idempotency key per confirmation: a retried confirm (double click, network
 * retry) corrects once; going back to change the quantity or reason makes a new one.
 */
export function RedemptionReverseModal({ code, redemption, onClose, onReversed }: RedemptionReverseModalProps) {
  const { t, i18n } = useTranslation();
  const max = Math.max(redemption.quantity - redemption.reversedQuantity, 0);
  const [quantity, setQuantity] = useState<number | string>(max === 1 ? 1 : '');
  const [reason, setReason] = useState('');
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [key, setKey] = useState(newIdempotencyKey);
  const [errors, setErrors] = useState<{ quantity?: string; reason?: string; general?: string }>({});
  const [reverse, { loading }] = useMutation(TicketCodeRedemptionReverseDocument, { refetchQueries: ['OrderDetail'], awaitRefetchQueries: true });
  const n = typeof quantity === 'number' ? quantity : Number(quantity);

  function next() {
    const found: typeof errors = {};
    if (!Number.isInteger(n) || n < 1 || n > max) found.quantity = t('admin.orders.codes.reverseQuantityInvalid', { max });
    if (!reason.trim()) found.reason = t('admin.orders.codes.reverseReasonRequired');
    setErrors(found);
    if (Object.keys(found).length) return;
    setKey(newIdempotencyKey());
    setStep('confirm');
  }

  async function submit() {
    setErrors({});
    try {
      const { data } = await reverse({ variables: { input: { redemptionId: redemption.id, quantity: n, reason: reason.trim(), idempotencyKey: key } } });
      const payload = data?.ticketCodeRedemptionReverse;
      if (!payload) throw new Error('no payload');
      if (payload.errors.length) {
        const found: typeof errors = {};
        for (const e of payload.errors) found[placeOf(e.code)] ??= e.message;
        setErrors(found);
        // Show field refusals where they can be fixed.
        if (found.quantity || found.reason) setStep('form');
        return;
      }
      onReversed({ quantity: n, remaining: payload.ticketCode?.remainingQuantity ?? 0 });
    } catch {
      setErrors({ general: t('common.networkError') });
    }
  }

  return (
    <Modal opened onClose={onClose} title={t(step === 'form' ? 'admin.orders.codes.reverseTitle' : 'admin.orders.codes.reverseConfirmTitle')} centered>
      {step === 'form' ? (
        <Stack gap="sm" data-testid="reverse-form">
          <Text size="sm">{t('admin.orders.codes.reverseIntro', { code: code.code })}</Text>
          <Alert variant="light" color="gray" p="xs">
            <Text size="sm" data-testid="reverse-redemption">
              {t('admin.orders.codes.reverseRedemption', { time: formatDateTime(redemption.createdAt, i18n.language), by: redemption.redeemedBy, quantity: redemption.quantity })}
            </Text>
            {redemption.reversedQuantity > 0 && (
              <Text size="xs" c="dimmed">
                {t('admin.orders.codes.reverseAlready', { count: redemption.reversedQuantity })}
              </Text>
            )}
          </Alert>
          <NumberInput
            label={t('admin.orders.codes.reverseQuantity')}
            description={t('admin.orders.codes.reverseQuantityHint', { max })}
            min={1}
            max={max}
            step={1}
            allowDecimal={false}
            allowNegative={false}
            value={quantity}
            onChange={setQuantity}
            error={errors.quantity}
            required
            data-testid="reverse-quantity"
          />
          <Textarea
            label={t('admin.orders.codes.reverseReason')}
            placeholder={t('admin.orders.codes.reverseReasonPlaceholder')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={REASON_MAX}
            autosize
            minRows={2}
            error={errors.reason}
            required
            data-testid="reverse-reason"
          />
          {errors.general && <FormError>{errors.general}</FormError>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={next} data-testid="reverse-next">
              {t('admin.orders.codes.reverseNext')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm" data-testid="reverse-confirm">
          <Text data-testid="reverse-confirm-text">{t('admin.orders.codes.reverseConfirm', { quantity: n, code: code.code })}</Text>
          <Text size="sm" c="dimmed">
            {t('admin.orders.codes.reverseReason')}：{reason.trim()}
          </Text>
          {errors.general && <FormError>{errors.general}</FormError>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep('form')} disabled={loading} data-testid="reverse-back">
              {t('admin.orders.codes.reverseBack')}
            </Button>
            <Button color="red" onClick={() => void submit()} loading={loading} data-testid="reverse-submit">
              {t('admin.orders.codes.reverseSubmit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
