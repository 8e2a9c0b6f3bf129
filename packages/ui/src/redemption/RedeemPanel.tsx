import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RedeemTicket } from './documents';
import { newIdempotencyKey } from './idempotency';
import { isSplitCode } from './code';
import { QuantityField } from './QuantityField';

export interface RedeemRequest {
  quantity: number;
  /** R5: made when the confirm dialog opens; a retry of the same confirm sends the same key. */
  idempotencyKey: string;
}

export interface RedeemPanelProps {
  /** An active code with something left (see isRedeemable). */
  ticket: RedeemTicket;
  /**
   * Redeems. Resolves to null when the server answered (success or refusal: the dialog closes and the
   * caller shows the result), or to a message when the request may not have arrived (the dialog stays open
   * and confirming again retries with the same key).
   */
  onConfirm(request: RedeemRequest): Promise<string | null>;
  /** After the dialog closes without redeeming (cancel), e.g. to put focus back on the code field. */
  onCancel?(): void;
}

/** R4: quantity (default 1; X3: fixed at 1 for split codes), "核銷", and a confirm dialog that repeats ticket and quantity. */
export function RedeemPanel({ ticket, onConfirm, onCancel }: RedeemPanelProps) {
  const { t } = useTranslation();
  const fixed = isSplitCode(ticket.code) || ticket.parent != null;
  const max = fixed ? 1 : ticket.remainingQuantity;
  const [quantity, setQuantity] = useState<number | ''>(1);
  const [pending, setPending] = useState<RedeemRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lastCharacterAt = useRef(0);
  const chosen = fixed ? 1 : quantity;
  const valid = chosen !== '' && chosen >= 1 && chosen <= max;

  function open() {
    if (!valid) return;
    setError(null);
    setPending({ quantity: chosen, idempotencyKey: newIdempotencyKey() });
  }

  function cancel() {
    if (busy) return;
    setPending(null);
    setError(null);
    onCancel?.();
  }

  async function confirm() {
    if (!pending || busy) return;
    setBusy(true);
    setError(null);
    try {
      const problem = await onConfirm(pending);
      if (problem) setError(problem);
      else setPending(null);
    } catch {
      setError(t('common.networkError'));
    } finally {
      setBusy(false);
    }
  }

  /**
   * A hardware scanner reading the next ticket while this dialog is open types characters and Enter; that
   * Enter must not confirm this redemption. A person's Enter on the focused button still does.
   */
  function guardScannerEnter(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key.length === 1) lastCharacterAt.current = Date.now();
    else if (event.key === 'Enter' && Date.now() - lastCharacterAt.current < 1000) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  return (
    <Stack gap="md">
      <QuantityField value={fixed ? 1 : quantity} onChange={setQuantity} max={max} fixed={fixed} onSubmit={open} />
      <Button size="xl" h={72} fz={26} color="teal" onClick={open} disabled={!valid} data-testid="redeem-submit" fullWidth>
        {t('redemption.redeem')}
      </Button>

      <Modal
        opened={pending !== null}
        onClose={cancel}
        title={t('redemption.confirmTitle')}
        centered
        size="md"
        closeOnClickOutside={!busy}
        closeOnEscape={!busy}
        withCloseButton={!busy}
        styles={{ title: { fontSize: 'var(--mantine-font-size-xl)', fontWeight: 700 } }}
      >
        <Stack data-testid="confirm-dialog" onKeyDownCapture={guardScannerEnter}>
          <Text>{t('redemption.confirmQuestion')}</Text>
          <div>
            <Text size="sm" c="dimmed">
              {t('redemption.confirmTicket')}
            </Text>
            <Text size="xl" fw={700} data-testid="confirm-ticket">
              {ticket.productTitle}・{ticket.variantName}
            </Text>
            <Text ff="monospace" size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {ticket.code}
            </Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('redemption.confirmQuantity')}
            </Text>
            <Text fz={40} fw={800} lh={1.1} data-testid="confirm-quantity">
              {t('redemption.confirmQuantityValue', { count: pending?.quantity ?? 0 })}
            </Text>
          </div>
          {error && (
            <Alert color="red" variant="filled" role="alert" data-testid="confirm-error">
              <Text fw={600}>{error}</Text>
              <Text size="sm">{t('redemption.retryHint')}</Text>
            </Alert>
          )}
          <Group grow wrap="nowrap">
            <Button size="xl" variant="default" onClick={cancel} disabled={busy} data-testid="confirm-cancel">
              {t('common.cancel')}
            </Button>
            <Button size="xl" color="teal" loading={busy} onClick={confirm} data-testid="confirm-submit" data-autofocus>
              {t('redemption.confirmSubmit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
