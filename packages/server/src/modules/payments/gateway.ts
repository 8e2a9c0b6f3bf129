/** Which card gateway the store uses (`PAYMENT_GATEWAY`). */
export type GatewayName = 'simulator' | 'tappay';

/** What the gateway tells of the card: enough for the admin to recognise it, never enough to use it. */
export interface CardSummary {
  brand: string | null;
  lastFour: string | null;
}

export interface ChargeRequest {
  /** Whole TWD. */
  amount: number;
  /** A one-time card token from the browser (TapPay's prime, the simulator's test token). */
  cardToken: string;
  /** The same key always returns the first charge (TapPay: bank_transaction_id). */
  idempotencyKey: string;
  /** Our order number, shown in the gateway's records (TapPay: order_number). */
  orderNumber: string;
  /** What is bought, as the bank statement shows it. */
  description: string;
  cardholder: { name: string; phoneNumber: string; email: string };
  /**
   * P3: where the shopper comes back after a 3-D Secure step and where the gateway posts its
   * notification. A charge that needs the step answers ACTION_REQUIRED.
   */
  threeDomainSecure: { returnUrl: string; notifyUrl: string };
}

/** P1: the answer to a charge. */
export type ChargeResult =
  | { outcome: 'APPROVED'; chargeId: string; card?: CardSummary; bankResult?: string; threeDomainSecure?: boolean }
  | { outcome: 'DECLINED'; chargeId: string; declineCode: string; bankResult?: string }
  /**
   * P3: the shopper must pass 3-D Secure at `redirectUrl`; the outcome comes later (notification, return,
   * record). Looked up again (`findCharge`), the URL may be empty: TapPay's records don't keep it.
   */
  | { outcome: 'ACTION_REQUIRED'; chargeId: string; redirectUrl: string }
  /** The gateway could not be reached or failed: the charge may or may not exist; ask again with the same key. */
  | { outcome: 'ERROR'; message: string };

export type ChargeRecordStatus = 'PENDING' | 'APPROVED' | 'DECLINED' | 'VOIDED' | 'PARTIALLY_REFUNDED' | 'REFUNDED';

/** P4: what the gateway's own books say of one charge (TapPay's Record API); the truth we settle by. */
export interface ChargeRecord {
  chargeId: string;
  orderNumber: string | null;
  amount: number;
  refundedAmount: number;
  status: ChargeRecordStatus;
  threeDomainSecure: boolean;
  card: CardSummary | null;
  /** The bank's answer as the gateway reports it (code and message), for the admin. */
  bankResult: string | null;
  createdAt: Date;
}

/** A notification posted by the gateway: only a hint of which charge to look at, never trusted as is. */
export interface NotificationHint {
  chargeId: string;
  orderNumber: string | null;
}

export type VoidResult = { ok: true; refundId?: string } | { ok: false; reason: 'NOT_SAME_DAY' | 'NOT_FOUND' | 'NOT_CHARGED' | 'ALREADY_REFUNDED' | 'GATEWAY_ERROR'; message?: string };
export type RefundResult =
  | { ok: true; refundId: string }
  | { ok: false; reason: 'SAME_DAY_USE_VOID' | 'NOT_FOUND' | 'EXCEEDS_CHARGE' | 'VOIDED' | 'GATEWAY_ERROR'; message?: string };

export interface PaymentGateway {
  readonly name: GatewayName;
  /** Charges `amount` TWD on a card token. The same idempotency key always returns the first result. */
  charge(input: ChargeRequest): Promise<ChargeResult>;
  /** Looks a charge up by the idempotency key it was made with (to settle an unanswered charge). */
  findCharge(idempotencyKey: string): Promise<ChargeResult | null>;
  /** P4: the gateway's record of one charge, or null when it has none. Throws when the gateway can't be asked. */
  record(chargeId: string): Promise<ChargeRecord | null>;
  /** The gateway's records of the charges made in [from, to), for reconciliation (金流對帳). */
  records(range: { from: Date; to: Date }): Promise<ChargeRecord[]>;
  /** Reads a notification body posted to /payments/{name}/notify; null when it names no charge. */
  parseNotification(body: unknown): NotificationHint | null;
  /** Cancels the whole charge; only on the business day it was made (Asia/Taipei). */
  void(input: { chargeId: string }): Promise<VoidResult>;
  /** Returns part or all of a charge; only from the business day after it was made. */
  refund(input: { chargeId: string; amount: number; idempotencyKey: string }): Promise<RefundResult>;
}
