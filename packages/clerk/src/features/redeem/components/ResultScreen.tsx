import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { signal } from '../../../shared/feedback';
import { useI18n } from '../../../shared/i18n';
import type { Outcome } from '../useRedeemFlow';

export interface ResultScreenProps {
  outcome: Outcome;
  /** Back to scanning; `typed` is what a hardware scanner typed meanwhile (the next code, looked up next). */
  onDone(typed?: string): void;
  /** For a refusal with a code: show the code's details instead. */
  onShowTicket?(): void;
  /** Seconds before going back by itself: 2 in scanner mode (issue 13.3), else 4 after a success, 8 after a refusal. */
  seconds: number;
}

/**
 * The answer at arm's length: a full-screen green 核銷成功 or red refusal, with a sound and a vibration that
 * differ (feedback.ts), marked 離線 when it came from the offline snapshot. Back with the button, Enter,
 * or by itself.
 */
export default function ResultScreen({ outcome, onDone, onShowTicket, seconds }: ResultScreenProps) {
  const { t } = useI18n();
  const success = outcome.kind === 'success';
  const [left, setLeft] = useState(seconds);
  const typed = useRef('');
  const finished = useRef(false);
  const again = useRef<HTMLButtonElement>(null);

  const done = useCallback(
    (text?: string) => {
      if (finished.current) return;
      finished.current = true;
      onDone(text || undefined);
    },
    [onDone],
  );

  useEffect(() => {
    signal(success ? 'success' : 'refusal');
    again.current?.focus({ preventScroll: true });
  }, [success]);

  // A layout effect: the keys are taken from the moment the screen is on the page (a scanner may already be typing).
  useLayoutEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      if (event.key === 'Enter') {
        event.preventDefault();
        event.stopPropagation();
        done(typed.current);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        done();
      } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
        // A hardware scanner is already typing the next code: keep it for after this screen.
        event.preventDefault();
        typed.current += event.key;
      }
    }
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }, [done]);

  useEffect(() => {
    const timer = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left <= 0 && !typed.current) done();
  }, [left, done]);

  const ticket = outcome.ticket;
  return (
    <div
      className={`result ${success ? 'ok' : 'no'}`}
      role={success ? 'status' : 'alert'}
      aria-live="assertive"
      data-testid={success ? 'redeem-success' : 'redeem-refusal'}
      data-offline={outcome.offline ? 'true' : undefined}
    >
      <div className="result-body">
        <div className="result-mark" aria-hidden>
          {success ? '✓' : '✕'}
        </div>
        <h1 className="result-title">{success ? t('redemption.success') : t('redemption.refusal')}</h1>
        {outcome.offline && (
          <div className="badge offline-badge" data-testid="result-offline">
            {t('clerk.offline.badge')}
          </div>
        )}
        {!success && (
          <p className="result-message" data-testid="refusal-message">
            {outcome.message}
          </p>
        )}
        {outcome.title && (
          <div className="result-ticket" data-testid="result-ticket">
            {outcome.title}
          </div>
        )}
        {success && (
          <div className="result-quantity" data-testid="result-quantity">
            {t('redemption.redeemedQuantity', { count: outcome.quantity })}
          </div>
        )}
        {ticket && (
          <div className="lg" data-testid="result-remaining">
            {t('redemption.remainingAfter', { remaining: ticket.remainingQuantity, total: ticket.quantity })}
          </div>
        )}
        {success && outcome.offline && <div className="lg">{t('clerk.offline.success')}</div>}
        {outcome.code && <div className="mono small wrap">{outcome.code}</div>}
      </div>
      <div className="result-actions stack">
        <button ref={again} type="button" className="btn xl inverse" onClick={() => done()} data-testid="redeem-again">
          {t('redemption.redeemAgain')}
        </button>
        {!success && ticket && onShowTicket && (
          <button
            type="button"
            className="btn outline-inverse"
            onClick={() => {
              finished.current = true;
              onShowTicket();
            }}
            data-testid="refusal-details"
          >
            {t('redemption.viewDetails')}
          </button>
        )}
        <div className="center">{t('redemption.autoReturn', { seconds: Math.max(left, 0) })}</div>
      </div>
    </div>
  );
}
