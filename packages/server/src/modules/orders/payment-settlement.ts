import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Clock } from '../../common/clock.js';
import { inTransaction, poolSql, statement, type Sql } from '../../common/db/sql.js';
import type { JobQueue } from '../../common/jobs/job-queue.js';
import type { Logger } from '../../common/logger.js';
import { ProductKind } from '../catalog/product.entity.js';
import { releaseOrderStock } from '../catalog/stock.js';
import { LedgerKind } from '../ledger/ledger-entry.entity.js';
import { appendLedger, type LedgerLine } from '../ledger/ledger.service.js';
import type { ChargeRecord, ChargeResult, GatewayName, NotificationHint, PaymentGateway } from '../payments/gateway.js';
import { insertUniqueCode } from '../tickets/ticket-code.service.js';
import { recordWebhookEvent } from '../webhooks/webhook-events.js';
import { lockOrder, markPaid, setOrderStatus, type LockedOrder, type OrderRow, type PaymentDetails } from './checkout.store.js';
import { OrderStatus } from './order.entity.js';
import { linePaid, ticketFee } from './pricing.js';

export const JOB_ORDER_CONFIRMATION_MAIL = 'mail.order-confirmation';
export const JOB_LATE_PAYMENT_MAIL = 'mail.late-payment-refund';

/** The idempotency key of an order's one charge at the gateway. */
export const chargeKey = (orderId: string) => `order:${orderId}`;

const AWAIT_ACTION = statement('settle-await-action', `update customer_order set gateway_charge_id = $2, payment_redirect_url = $3 where id = $1 returning *`);
const ORDER_OF_CHARGE = statement('settle-order-of-charge', `select id from customer_order where gateway_charge_id = $1 or ($2::text is not null and number = $2) order by gateway_charge_id = $1 desc limit 1`);
const AWAITING = statement(
  'settle-awaiting',
  `select id from customer_order where status = 'PENDING_PAYMENT' and payment_method = 'CREDIT_CARD' and created_at <= $1 order by created_at limit 500`,
);
const NOTIFICATION = statement(
  'settle-notification',
  `insert into payment_notification (id, gateway, charge_id, order_id, received_at, body)
   values ($1, $2, $3, (select id from customer_order where gateway_charge_id = $3 or ($4::text is not null and number = $4) limit 1), $5, $6)`,
);
const HAS_PAYMENT = statement('settle-has-payment', 'select 1 from payment where order_id = $1');
const LATE_PAYMENT = statement(
  'settle-late-payment',
  `insert into payment (id, order_id, gateway, gateway_charge_id, amount, refunded_amount, status, three_domain_secure, card_brand, card_last_four, bank_result, late_refund_reference, created_at)
   values ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10, $11, $12) on conflict do nothing returning id`,
);

/** What a gateway's record of a charge means for a pending order. */
function resultOfRecord(record: ChargeRecord): ChargeResult | null {
  if (record.status === 'DECLINED') return { outcome: 'DECLINED', chargeId: record.chargeId, declineCode: record.bankResult ?? 'declined', bankResult: record.bankResult ?? undefined };
  if (record.status === 'PENDING') return null;
  return { outcome: 'APPROVED', chargeId: record.chargeId, card: record.card ?? undefined, bankResult: record.bankResult ?? undefined, threeDomainSecure: record.threeDomainSecure };
}

/**
 * P2-P5: how a card payment settles an order, whichever way the outcome arrives: the gateway's answer
 * to the charge, its notification, the shopper's return from 3-D Secure, the reconciliation sweep or the
 * expiry. Every path takes the order's row lock and acts only on a PENDING_PAYMENT order, so the first
 * makes the one payment, the one set of codes, the one ledger entry and the one mail, and the others
 * find the order settled. Money that arrives after the order expired is given back (P5).
 */
export class PaymentSettlement {
  constructor(
    private readonly pool: pg.Pool,
    private readonly gateway: PaymentGateway,
    private readonly jobs: JobQueue,
    private readonly log: Logger,
  ) {}

  /** Records a charge's outcome on its order (row-locked): see `settleLocked`. */
  async settle(clock: Clock, orderId: string, result: ChargeResult): Promise<OrderRow> {
    return inTransaction(this.pool, async (sql) => {
      const locked = await lockOrder(sql, orderId);
      if (!locked) throw new Error(`order ${orderId} is gone`);
      return this.settleLocked(sql, clock, locked, result);
    });
  }

  /**
   * APPROVED pays a pending order and issues its codes (T1); DECLINED fails it and releases the stock at
   * once (P2); ACTION_REQUIRED keeps it waiting for the shopper (P3), holding its stock; ERROR leaves it
   * pending. An order no longer pending is left as it is, but money for an expired one is given back (P5).
   */
  private async settleLocked(sql: Sql, clock: Clock, locked: LockedOrder, result: ChargeResult): Promise<OrderRow> {
    const { order } = locked;
    if (order.status !== OrderStatus.PENDING_PAYMENT) {
      if (result.outcome === 'APPROVED' && order.status === OrderStatus.EXPIRED) await this.giveBackLatePayment(sql, clock, order, result);
      return order;
    }
    if (result.outcome === 'ERROR') return order;
    if (result.outcome === 'ACTION_REQUIRED') {
      if (order.gateway_charge_id === result.chargeId) return order;
      const [waiting] = await sql<OrderRow>(AWAIT_ACTION, [order.id, result.chargeId, result.redirectUrl || order.payment_redirect_url || null]);
      return waiting!;
    }
    if (result.outcome === 'DECLINED') {
      await releaseOrderStock(sql, order.id);
      return setOrderStatus(sql, order.id, OrderStatus.PAYMENT_FAILED);
    }
    return this.recordPayment(sql, clock.now(), locked, {
      gateway: this.gateway.name,
      chargeId: result.chargeId,
      threeDomainSecure: result.threeDomainSecure ?? order.gateway_charge_id != null,
      cardBrand: result.card?.brand ?? null,
      cardLastFour: result.card?.lastFour ?? null,
      bankResult: result.bankResult ?? null,
    });
  }

  /**
   * The order is paid: for tickets, one code per line (T1), the sale and fee in the ledger (L1, L3), and the confirmation mail queued (T4);
   * for every order, the order.paid webhook event (B1, in this transaction).
   */
  private async recordPayment(sql: Sql, now: Date, { order, lines, feeBasisPoints }: LockedOrder, payment: PaymentDetails): Promise<OrderRow> {
    if (order.kind !== ProductKind.TICKET) {
      const paid = await markPaid(sql, order.id, now, payment, { amount: 0, basisPoints: 0 });
      await recordWebhookEvent(sql, 'order.paid', order.id, now);
      return paid;
    }
    const ledger: LedgerLine[] = [];
    let feeTotal = 0;
    for (const line of lines) {
      const paid = linePaid(line);
      const code = await insertUniqueCode(sql, {
        order_id: order.id,
        order_line_id: line.id,
        quantity: line.quantity,
        face_value: paid,
        product_title: line.productTitle,
        variant_name: line.variantName,
        valid_from: line.validFrom,
        valid_until: line.validUntil,
        holder_name: order.recipient_name,
        holder_phone: order.recipient_phone,
        order_number: order.number,
        owner_id: order.customer_id,
        created_at: now,
      });
      const fee = ticketFee(paid, feeBasisPoints);
      feeTotal += fee;
      ledger.push(
        { kind: LedgerKind.SALE, orderId: order.id, ticketCodeId: code.id, quantity: line.quantity, amount: paid, occurredAt: now, ref: `sale:${code.id}` },
        { kind: LedgerKind.FEE, orderId: order.id, ticketCodeId: code.id, quantity: line.quantity, amount: fee, occurredAt: now, ref: `fee:${code.id}` },
      );
    }
    await appendLedger(sql, ledger);
    const paid = await markPaid(sql, order.id, now, payment, { amount: feeTotal, basisPoints: feeBasisPoints });
    await this.jobs.enqueueSql(sql, JOB_ORDER_CONFIRMATION_MAIL, { orderId: order.id }, { singletonKey: `confirmation:${order.id}` });
    await recordWebhookEvent(sql, 'order.paid', order.id, now);
    return paid;
  }

  /**
   * P5: the shopper paid after the hold expired and the stock went back on sale. The money is voided
   * (same business day) or refunded in full, recorded as the order's payment with the refund's reference
   * (the admin sees it), and the shopper is told by mail. Once per order: the payment row is unique.
   */
  private async giveBackLatePayment(sql: Sql, clock: Clock, order: OrderRow, charge: Extract<ChargeResult, { outcome: 'APPROVED' }>): Promise<void> {
    if ((await sql(HAS_PAYMENT, [order.id])).length) return;
    const voided = await this.gateway.void({ chargeId: charge.chargeId });
    const refunded = voided.ok ? null : await this.gateway.refund({ chargeId: charge.chargeId, amount: order.total, idempotencyKey: `late:${order.id}` });
    const reference = voided.ok ? (voided.refundId ?? `void:${charge.chargeId}`) : refunded?.ok ? refunded.refundId : null;
    if (!reference) throw new Error(`the late payment ${charge.chargeId} of order ${order.id} could not be given back yet; the next settlement retries`);
    const status = voided.ok ? 'VOIDED' : 'REFUNDED';
    const inserted = await sql(LATE_PAYMENT, [
      randomUUID(),
      order.id,
      this.gateway.name,
      charge.chargeId,
      order.total,
      status,
      charge.threeDomainSecure ?? order.gateway_charge_id != null,
      charge.card?.brand ?? null,
      charge.card?.lastFour ?? null,
      charge.bankResult ?? null,
      reference,
      clock.now(),
    ]);
    if (inserted.length) {
      await this.jobs.enqueueSql(sql, JOB_LATE_PAYMENT_MAIL, { orderId: order.id }, { singletonKey: `late-payment:${order.id}` });
      this.log.warn({ orderId: order.id, chargeId: charge.chargeId, reference }, 'payment arrived after the order expired: given back');
    }
  }

  /** P4: settles the order of a charge from the gateway's record of it (a notification is only a hint). */
  async settleCharge(clock: Clock, hint: NotificationHint): Promise<OrderRow | null> {
    const record = await this.gateway.record(hint.chargeId);
    if (!record) return null;
    const [row] = await poolSql(this.pool)<{ id: string }>(ORDER_OF_CHARGE, [record.chargeId, record.orderNumber ?? hint.orderNumber]);
    const result = resultOfRecord(record);
    if (!row || !result) return null;
    return this.settle(clock, row.id, result);
  }

  /** P4: settles an order from what the gateway knows of its charge (the shopper's return, the reconciliation sweep). */
  async settleOrder(clock: Clock, orderId: string): Promise<OrderRow | null> {
    const charge = await this.gateway.findCharge(chargeKey(orderId));
    if (!charge || charge.outcome === 'ERROR' || charge.outcome === 'ACTION_REQUIRED') return null;
    return this.settle(clock, orderId, charge);
  }

  /** P4: card orders still pending `olderThanMs` after they were placed: the reconciliation sweep asks the gateway about each. */
  async awaitingPayment(now: Date, olderThanMs: number): Promise<string[]> {
    return (await poolSql(this.pool)<{ id: string }>(AWAITING, [new Date(now.getTime() - olderThanMs)])).map((r) => r.id);
  }

  /** Keeps every notification as received, with its order when we know it (the admin sees them on the order). */
  async recordNotification(clock: Clock, gateway: GatewayName, hint: NotificationHint, body: unknown): Promise<void> {
    await poolSql(this.pool)(NOTIFICATION, [randomUUID(), gateway, hint.chargeId, hint.orderNumber, clock.now(), JSON.stringify(body ?? null)]);
  }

  /** K5: an unpaid order past its hold: settle it from the gateway's records, or expire it and release the stock. */
  expire(clock: Clock, orderId: string): Promise<void> {
    return inTransaction(this.pool, async (sql) => {
      const locked = await lockOrder(sql, orderId);
      if (!locked) return;
      const { order } = locked;
      if (order.status !== OrderStatus.PENDING_PAYMENT || !order.expires_at || order.expires_at > clock.now()) return;
      const charge = await this.gateway.findCharge(chargeKey(order.id));
      if (charge && (charge.outcome === 'APPROVED' || charge.outcome === 'DECLINED')) {
        await this.settleLocked(sql, clock, locked, charge);
        return;
      }
      // Abandoned at the bank's page, or never answered: the stock goes back on sale. A payment that still
      // completes later is given back (P5).
      await releaseOrderStock(sql, orderId);
      await setOrderStatus(sql, orderId, OrderStatus.EXPIRED);
    });
  }
}
