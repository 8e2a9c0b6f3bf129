import type { ReactNode } from 'react';
import { useI18n } from '../../../shared/i18n';
import { formatDate, historyLine, validityAt } from '../../../shared/ui-source';
import { StatusBadge } from '../../../shared/components/StatusBadge';
import type { Ticket } from '../useRedeemFlow';

function Field({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div>
      <div className="dim small">{label}</div>
      <div className="strong wrap" data-testid={testId}>
        {children}
      </div>
    </div>
  );
}

/**
 * R4: what the clerk checks before redeeming: product and ticket type, remaining of total, holder (name,
 * masked phone), order number, validity and status, and the code's last redemptions (R2).
 */
export function TicketCard({ ticket, children }: { ticket: Ticket; children?: ReactNode }) {
  const { t, language } = useI18n();
  const validity = validityAt(ticket);
  const from = ticket.validFrom && formatDate(ticket.validFrom, language);
  const until = ticket.validUntil && formatDate(ticket.validUntil, language);
  const validityText =
    from && until ? `${from} – ${until}` : from ? t('redemption.card.validFromOnly', { from }) : until ? t('redemption.card.validUntilOnly', { until }) : t('redemption.card.validAlways');
  const history = ticket.redemptions.slice(0, 5);
  return (
    <section className="card stack" data-testid="ticket-card" data-code={ticket.code} data-status={ticket.status}>
      <div className="row">
        <StatusBadge status={ticket.status} />
        {ticket.parent && <span className="badge outline">{t('redemption.card.splitFrom', { code: ticket.parent.code })}</span>}
      </div>
      <div>
        <h2 className="title wrap" data-testid="ticket-title">
          {ticket.productTitle}
        </h2>
        <div className="lg" data-testid="ticket-variant">
          {t('redemption.card.ticketTypeValue', { name: ticket.variantName })}
        </div>
      </div>
      <div className="row between end">
        <div>
          <div className="dim small">{t('redemption.card.remainingOfTotal')}</div>
          <div className={`huge${ticket.remainingQuantity > 0 ? '' : ' dim'}`} data-testid="ticket-remaining">
            {ticket.remainingQuantity} / {ticket.quantity}
          </div>
        </div>
        <div className="dim small right">
          {t('redemption.card.redeemed')} {ticket.redeemedQuantity}
          {ticket.refundedQuantity > 0 && (
            <>
              <br />
              {t('redemption.card.refunded')} {ticket.refundedQuantity}
            </>
          )}
        </div>
      </div>
      <div className="mono wrap" data-testid="ticket-code">
        {ticket.code}
      </div>
      <div className="grid2">
        <Field label={t('redemption.card.holder')} testId="ticket-holder">
          {ticket.holderName}
        </Field>
        <Field label={t('redemption.card.phone')} testId="ticket-phone">
          {ticket.holderPhoneMasked}
        </Field>
        <Field label={t('redemption.card.orderNumber')} testId="ticket-order">
          {ticket.orderNumber}
        </Field>
        <Field label={t('redemption.card.validity')} testId="ticket-validity">
          {validityText}
        </Field>
      </div>
      {ticket.status === 'ACTIVE' && validity !== 'valid' && (
        <div className="alert warn" data-testid="ticket-validity-warning">
          {t(validity === 'notYet' ? 'redemption.card.notYetValid' : 'redemption.card.expired')}
        </div>
      )}
      {children}
      <div className="dim small">{t('redemption.card.history')}</div>
      {history.length ? (
        <ul className="history" data-testid="ticket-history">
          {history.map((r) => (
            <li key={r.id}>
              {historyLine(t, r, language)}
            </li>
          ))}
        </ul>
      ) : (
        <div className="dim small">{t('redemption.card.noHistory')}</div>
      )}
    </section>
  );
}
