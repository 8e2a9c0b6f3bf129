import { Dialog } from '../../../shared/components/Dialog';
import { useI18n } from '../../../shared/i18n';
import type { RedeemRequest, Ticket } from '../useRedeemFlow';
import { RedeemPanel } from './RedeemPanel';
import { TicketCard } from './TicketCard';

/** R4: the code's details, then quantity, "核銷" and the confirm dialog; or why it can't be redeemed. */
export default function TicketPanel({ ticket, onConfirm }: { ticket: Ticket; onConfirm(request: RedeemRequest): Promise<string | null> }) {
  const { t } = useI18n();
  return (
    <TicketCard ticket={ticket}>
      {ticket.status === 'ACTIVE' && ticket.remainingQuantity > 0 ? (
        <RedeemPanel key={`${ticket.code}:${ticket.redeemedQuantity}`} ticket={ticket} onConfirm={onConfirm} />
      ) : (
        <div className="alert danger strong" data-testid="ticket-not-redeemable">
          {t(`redemption.statusRefusal.${ticket.status === 'ACTIVE' ? 'FULLY_REDEEMED' : ticket.status}`)}
        </div>
      )}
    </TicketCard>
  );
}

/** B7, R4: offline, a code reached by hand or by link redeems one unit from the snapshot after a confirm. */
export function OfflineConfirm({ code, productTitle, onConfirm, onCancel }: { code: string; productTitle: string; onConfirm(): void; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <Dialog title={t('redemption.confirmTitle')} onClose={onCancel} testId="confirm-dialog">
      <div className="badge offline-badge">{t('clerk.offline.badge')}</div>
      <p>{t('redemption.confirmQuestion')}</p>
      <div className="lg strong" data-testid="confirm-ticket">
        {productTitle}
      </div>
      <div className="mono dim small wrap">{code}</div>
      <div className="huge" data-testid="confirm-quantity">
        {t('redemption.confirmQuantityValue', { count: 1 })}
      </div>
      <div className="row grow">
        <button type="button" className="btn xl" onClick={onCancel} data-testid="confirm-cancel">
          {t('common.cancel')}
        </button>
        <button type="button" className="btn primary xl" onClick={onConfirm} data-testid="confirm-submit" data-autofocus>
          {t('redemption.confirmSubmit')}
        </button>
      </div>
    </Dialog>
  );
}
