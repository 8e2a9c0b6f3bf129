import type { RedeemTicket } from './documents';

export type Validity = 'valid' | 'notYet' | 'expired';

/** The server's rule (R4): valid from `validFrom` (inclusive) until `validUntil` (exclusive). */
export function validityAt(ticket: Pick<RedeemTicket, 'validFrom' | 'validUntil'>, now: Date = new Date()): Validity {
  if (ticket.validFrom && new Date(ticket.validFrom) > now) return 'notYet';
  if (ticket.validUntil && new Date(ticket.validUntil) <= now) return 'expired';
  return 'valid';
}

/** Whether the redeem button makes sense: an active code with something left. The server decides in the end. */
export function isRedeemable(ticket: Pick<RedeemTicket, 'status' | 'remainingQuantity'>): boolean {
  return ticket.status === 'ACTIVE' && ticket.remainingQuantity > 0;
}
