/** P1: what the store needs from a card gateway. A real adapter implements the same interface. */
export type ChargeResult =
  | { outcome: 'APPROVED'; chargeId: string }
  | { outcome: 'DECLINED'; chargeId: string; declineCode: string }
  /** The gateway could not be reached or failed: the charge may or may not exist; ask again with the same key. */
  | { outcome: 'ERROR'; message: string };

export type VoidResult = { ok: true } | { ok: false; reason: 'NOT_SAME_DAY' | 'NOT_FOUND' | 'NOT_CHARGED' | 'ALREADY_REFUNDED' };
export type RefundResult = { ok: true; refundId: string } | { ok: false; reason: 'SAME_DAY_USE_VOID' | 'NOT_FOUND' | 'EXCEEDS_CHARGE' | 'VOIDED' };

export interface PaymentGateway {
  /** Charges `amount` TWD on a card token. The same idempotency key always returns the first result. */
  charge(input: { amount: number; cardToken: string; idempotencyKey: string }): Promise<ChargeResult>;
  /** Looks a charge up by the idempotency key it was made with (to settle an unanswered charge). */
  findCharge(idempotencyKey: string): Promise<ChargeResult | null>;
  /** Cancels the whole charge; only on the business day it was made (Asia/Taipei). */
  void(input: { chargeId: string }): Promise<VoidResult>;
  /** Returns part or all of a charge; only from the business day after it was made. */
  refund(input: { chargeId: string; amount: number; idempotencyKey: string }): Promise<RefundResult>;
}
