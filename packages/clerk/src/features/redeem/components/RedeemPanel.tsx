import { useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../../shared/i18n';
import { isSplitCode, newIdempotencyKey } from '../../../shared/ui-source';
import type { RedeemRequest, Ticket } from '../useRedeemFlow';
import { Dialog } from '../../../shared/components/Dialog';

/** R4: how many, default 1, with big +/- for a thumb and "all remaining" (X3: split codes fixed at 1). */
function QuantityPicker({ value, onChange, max, fixed, onSubmit }: { value: number | ''; onChange(v: number | ''): void; max: number; fixed: boolean; onSubmit(): void }) {
  const { t } = useI18n();
  const current = value === '' ? 0 : value;
  const step = (delta: number) => onChange(Math.min(max, Math.max(1, current + delta)));
  return (
    <div className="stack tight">
      <label className="label" htmlFor="redeem-quantity">
        {t('redemption.quantity')}
      </label>
      <div className="dim small">{fixed ? t('redemption.splitQuantityFixed') : t('redemption.quantityMax', { max })}</div>
      <div className="stepper">
        <button type="button" className="btn step" aria-label={t('redemption.decrease')} disabled={fixed || current <= 1} onClick={() => step(-1)} data-testid="quantity-decrease">
          −
        </button>
        <input
          id="redeem-quantity"
          name="quantity"
          className="input qty"
          inputMode="numeric"
          value={fixed ? 1 : value}
          disabled={fixed}
          readOnly={fixed}
          onChange={(e) => {
            const digits = e.currentTarget.value.replace(/\D/g, '');
            onChange(digits === '' ? '' : Math.min(max, Math.max(1, Number(digits))));
          }}
          onBlur={() => value === '' && onChange(1)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onSubmit();
            }
          }}
          data-testid="redeem-quantity"
        />
        <button type="button" className="btn step" aria-label={t('redemption.increase')} disabled={fixed || current >= max} onClick={() => step(1)} data-testid="quantity-increase">
          +
        </button>
      </div>
      {!fixed && max > 1 && (
        <button type="button" className="btn" disabled={current === max} onClick={() => onChange(max)} data-testid="quantity-all">
          {t('clerk.allRemaining')} ({max})
        </button>
      )}
    </div>
  );
}

/**
 * R4: quantity, "核銷", then a confirm dialog that repeats ticket and quantity. R5: the key is made when the
 * dialog opens, so a retried confirm sends the same one.
 */
export function RedeemPanel({ ticket, onConfirm, onCancel }: { ticket: Ticket; onConfirm(request: RedeemRequest): Promise<string | null>; onCancel?(): void }) {
  const { t } = useI18n();
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

  /** A scanner reading the next ticket while the dialog is open types characters and Enter: that Enter must not confirm. */
  function guardScannerEnter(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key.length === 1) lastCharacterAt.current = Date.now();
    else if (event.key === 'Enter' && Date.now() - lastCharacterAt.current < 1000) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  return (
    <div className="stack">
      <QuantityPicker value={fixed ? 1 : quantity} onChange={setQuantity} max={max} fixed={fixed} onSubmit={open} />
      <button type="button" className="btn primary xl" onClick={open} disabled={!valid} data-testid="redeem-submit">
        {t('redemption.redeem')}
      </button>
      {pending && (
        <Dialog title={t('redemption.confirmTitle')} onClose={cancel} testId="confirm-dialog" onKeyDownCapture={guardScannerEnter}>
          <p>{t('redemption.confirmQuestion')}</p>
          <div>
            <div className="dim small">{t('redemption.confirmTicket')}</div>
            <div className="lg strong" data-testid="confirm-ticket">
              {ticket.productTitle}・{ticket.variantName}
            </div>
            <div className="mono dim small wrap">{ticket.code}</div>
          </div>
          <div>
            <div className="dim small">{t('redemption.confirmQuantity')}</div>
            <div className="huge" data-testid="confirm-quantity">
              {t('redemption.confirmQuantityValue', { count: pending.quantity })}
            </div>
          </div>
          {error && (
            <div className="alert danger" role="alert" data-testid="confirm-error">
              <strong>{error}</strong>
              <div className="small">{t('redemption.retryHint')}</div>
            </div>
          )}
          <div className="row grow">
            <button type="button" className="btn xl" onClick={cancel} disabled={busy} data-testid="confirm-cancel">
              {t('common.cancel')}
            </button>
            <button type="button" className="btn primary xl" onClick={confirm} disabled={busy} aria-busy={busy} data-testid="confirm-submit" data-autofocus>
              {t('redemption.confirmSubmit')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
