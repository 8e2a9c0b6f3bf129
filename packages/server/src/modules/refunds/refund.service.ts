import { LockMode } from '@mikro-orm/core';
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDay, startOfNextBusinessDay } from '../../common/clock.js';
import type { Context } from '../../common/context.js';
import { emSql, statement } from '../../common/db/sql.js';
import { releaseOrderStock } from '../catalog/stock.js';
import { isUuid } from '../identity/identity.service.js';
import { LedgerKind } from '../ledger/ledger-entry.entity.js';
import { appendLedger, type LedgerLine } from '../ledger/ledger.service.js';
import { ticketFee } from '../orders/pricing.js';
import { Order, OrderStatus } from '../orders/order.entity.js';
import type { PaymentGateway } from '../payments/gateway.js';
import { Payment, PaymentStatus } from '../payments/payment.entity.js';
import { normaliseCode } from '../tickets/code-generator.js';
import { TicketCode, TicketCodeStatus } from '../tickets/ticket-code.entity.js';
import { recordWebhookEvent } from '../webhooks/webhook-events.js';
import { Refund, RefundCode, RefundKind } from './refund.entity.js';
import {
  OrderCancelErrors,
  OrderCancelPayload,
  OrderMarkReturnReviewErrors,
  OrderMarkReturnReviewPayload,
  OrderMarkReturningErrors,
  OrderMarkReturningPayload,
  OrderRefundErrors,
  OrderRefundPayload,
  type OrderCancelInput,
  type OrderRefundInput,
  type RefundErrorCode,
} from './refund.types.js';

class Refused extends Error {
  constructor(
    readonly code: RefundErrorCode,
    readonly field?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(code);
  }
}

const CANCELLABLE = [OrderStatus.PAID, OrderStatus.RETURNING, OrderStatus.RETURN_REVIEW, OrderStatus.CLOSED];

/** F2: a code is refunded whole; its value is what remains of what was paid for it (cumulative rounding, as redemptions are). */
export function unredeemedValue(code: Pick<TicketCode, 'faceValue' | 'quantity' | 'redeemedQuantity'>): number {
  return code.faceValue - Math.floor((code.faceValue * code.redeemedQuantity) / code.quantity);
}

/**
 * F1-F9. Every money path locks the order row, then the code rows (in id order), then talks to the
 * gateway inside the same transaction: a racing redemption waits on the code rows and then finds them
 * void; a gateway refusal rolls everything back; the gateway call's idempotency key is the order's,
 * so however the call is retried, money moves once (F3).
 */
/**
 * The gateway said no, or did not answer. Either way the transaction rolls back and the order is as it
 * was; an outage is worth retrying with the same key (the gateway's refund is keyed by the order).
 */
function gatewayRefusal(result: { reason: string }): Refused {
  return result.reason === 'GATEWAY_ERROR' ? new Refused('GATEWAY_UNAVAILABLE') : new Refused('GATEWAY_REFUSED', undefined, { reason: result.reason });
}

export class RefundService {
  constructor(private readonly gateway: PaymentGateway) {}

  async markReturning(ctx: Context, orderId: string): Promise<OrderMarkReturningPayload> {
    const payload = new OrderMarkReturningPayload();
    try {
      payload.order = await this.transition(ctx, orderId, OrderStatus.PAID, OrderStatus.RETURNING);
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      payload.errors.push(OrderMarkReturningErrors.error(ctx, e.code, e.field));
    }
    return payload;
  }

  async markReturnReview(ctx: Context, orderId: string): Promise<OrderMarkReturnReviewPayload> {
    const payload = new OrderMarkReturnReviewPayload();
    try {
      payload.order = await this.transition(ctx, orderId, OrderStatus.RETURNING, OrderStatus.RETURN_REVIEW);
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      payload.errors.push(OrderMarkReturnReviewErrors.error(ctx, e.code, e.field));
    }
    return payload;
  }

  private async transition(ctx: Context, orderId: string, from: OrderStatus, to: OrderStatus): Promise<Order> {
    const order = await this.lockOrder(ctx.em, orderId);
    if (await ctx.em.count(Refund, { order: order.id })) throw new Refused('ALREADY_REFUNDED', 'orderId');
    if (order.status !== from) throw new Refused('INVALID_TRANSITION', 'orderId');
    order.status = to;
    await ctx.em.flush();
    return order;
  }

  private async lockOrder(em: EntityManager, orderId: string): Promise<Order> {
    const order = isUuid(orderId) ? await em.findOne(Order, orderId, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
    if (!order) throw new Refused('ORDER_NOT_FOUND', 'orderId');
    return order;
  }

  /**
   * B8: the refund this same call already made (a retry), or null for a key not used yet. The key is the
   * caller's own (scoped to its principal) and bound to the input: the same key with another input (another
   * order, other codes, another reason, or a cancel's key on a refund) is refused with IDEMPOTENCY_KEY_REUSED.
   * The key is locked for the transaction first, so a parallel call with it waits and then sees this one.
   */
  private async replayed(em: EntityManager, request: KeyedRequest): Promise<{ order: Order; refund: Refund } | null> {
    await emSql(em)(LOCK_KEY, [`refund-key:${request.scope}:${request.key}`]);
    const refund = await em.findOne(Refund, { idempotencyScope: request.scope, idempotencyKey: request.key });
    if (!refund) return null;
    if (refund.idempotencyFingerprint != null && refund.idempotencyFingerprint !== request.fingerprint) throw new Refused('IDEMPOTENCY_KEY_REUSED', 'idempotencyKey');
    return { order: await em.findOneOrFail(Order, refund.order.id), refund };
  }

  /** F3: the order, row-locked, with no refund yet (ALREADY_REFUNDED otherwise). */
  private async unrefundedOrder(em: EntityManager, orderId: string): Promise<Order> {
    const order = await this.lockOrder(em, orderId);
    if (await em.count(Refund, { order: order.id })) throw new Refused('ALREADY_REFUNDED', 'orderId');
    return order;
  }

  async cancel(ctx: Context, input: OrderCancelInput): Promise<OrderCancelPayload> {
    const payload = new OrderCancelPayload();
    try {
      const request = keyedRequest(ctx, input.idempotencyKey, [RefundKind.CANCELLATION, input.orderId.toLowerCase(), input.reason?.trim() || null]);
      const done = await this.replayed(ctx.em, request);
      if (done) return Object.assign(payload, done);
      const order = await this.unrefundedOrder(ctx.em, input.orderId);
      payload.order = order;
      payload.refund = await this.doCancel(ctx, order, input, request);
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      payload.order = null;
      payload.errors.push(OrderCancelErrors.error(ctx, e.code, e.field, e.params));
    }
    return payload;
  }

  private async doCancel(ctx: Context, order: Order, input: OrderCancelInput, request: KeyedRequest): Promise<Refund> {
    const em = ctx.em;
    if (!CANCELLABLE.includes(order.status)) throw new Refused('INVALID_TRANSITION', 'orderId');
    const codes = await em.find(TicketCode, { order: order.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
    if (codes.some((c) => c.redeemedQuantity > 0)) throw new Refused('ORDER_HAS_REDEMPTIONS', 'orderId');

    const now = ctx.clock.now();
    const payment = await em.findOne(Payment, { order: order.id });
    let gatewayReference: string | null = null;
    if (payment) {
      if (businessDay(payment.createdAt) === businessDay(now)) {
        const voided = await this.gateway.void({ chargeId: payment.gatewayChargeId });
        if (!voided.ok) throw gatewayRefusal(voided);
        payment.status = PaymentStatus.VOIDED;
        gatewayReference = voided.refundId ?? `void:${payment.gatewayChargeId}`;
      } else {
        const refunded = await this.gateway.refund({ chargeId: payment.gatewayChargeId, amount: payment.amount - payment.refundedAmount, idempotencyKey: `refund:${order.id}` });
        if (!refunded.ok) throw gatewayRefusal(refunded);
        payment.refundedAmount = payment.amount;
        payment.status = PaymentStatus.REFUNDED;
        gatewayReference = refunded.refundId;
      }
    }

    const refund = em.create(Refund, {
      order,
      kind: RefundKind.CANCELLATION,
      amount: payment ? payment.amount : 0,
      feeRefund: order.feeAmount,
      gatewayReference,
      idempotencyKey: request.key,
      idempotencyScope: request.scope,
      idempotencyFingerprint: request.fingerprint,
      reason: input.reason?.trim() || null,
      createdById: ctx.principal?.userId ?? null,
      createdAt: now,
    });
    const ledger: LedgerLine[] = [];
    const fees = await this.feesByCode(em, order.id);
    for (const code of codes) {
      if (code.status !== TicketCodeStatus.ACTIVE) continue;
      const quantity = code.quantity - code.refundedQuantity;
      code.refundedQuantity = code.quantity;
      code.status = TicketCodeStatus.REFUNDED;
      const fee = code.parent ? 0 : (fees.get(code.id) ?? 0);
      refund.codeLines.add(em.create(RefundCode, { refund, ticketCode: code, quantity, amount: code.faceValue, feeRefund: fee }));
      ledger.push({ kind: LedgerKind.REFUND, orderId: order.id, ticketCodeId: code.id, quantity, amount: code.faceValue, occurredAt: now, ref: `refund:${code.id}` });
    }
    // A cancellation returns exactly the fees charged.
    for (const [codeId, fee] of fees) ledger.push({ kind: LedgerKind.FEE_REFUND, orderId: order.id, ticketCodeId: codeId, amount: fee, occurredAt: now, ref: `fee-refund:${codeId}` });
    await releaseOrderStock(emSql(em), order.id);
    order.status = OrderStatus.CANCELLED;
    order.cancelledAt = now;
    await em.flush();
    await appendLedger(emSql(em), ledger);
    await recordWebhookEvent(emSql(em), 'order.cancelled', order.id, now);
    await recordWebhookEvent(emSql(em), 'refund.created', refund.id, now);
    return refund;
  }

  private async feesByCode(em: EntityManager, orderId: string): Promise<Map<string, number>> {
    const rows = await em.getConnection().execute<{ ticket_code_id: string; amount: number }[]>(
      `select ticket_code_id, amount from ledger_entry where order_id = ? and kind = 'FEE'`,
      [orderId],
      'all',
      em.getTransactionContext(),
    );
    return new Map(rows.map((r) => [r.ticket_code_id, r.amount]));
  }

  async refund(ctx: Context, input: OrderRefundInput): Promise<OrderRefundPayload> {
    const payload = new OrderRefundPayload();
    try {
      const codes = [...new Set(input.codes.map(normaliseCode))].sort();
      const request = keyedRequest(ctx, input.idempotencyKey, [RefundKind.PARTIAL, input.orderId.toLowerCase(), codes, input.reason?.trim() || null]);
      const done = await this.replayed(ctx.em, request);
      if (done) return Object.assign(payload, done);
      const order = await this.unrefundedOrder(ctx.em, input.orderId);
      payload.order = order;
      payload.refund = await this.doRefund(ctx, order, input, request);
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      payload.order = null;
      payload.errors.push(OrderRefundErrors.error(ctx, e.code, e.field, e.params));
    }
    return payload;
  }

  private async doRefund(ctx: Context, order: Order, input: OrderRefundInput, request: KeyedRequest): Promise<Refund> {
    const em = ctx.em;
    const now = ctx.clock.now();
    if (order.status !== OrderStatus.RETURN_REVIEW) throw new Refused('NOT_IN_RETURN_REVIEW', 'orderId');
    if (!order.paidAt || now < startOfNextBusinessDay(order.paidAt)) throw new Refused('REFUND_NOT_YET_ALLOWED', 'orderId');
    const wanted = [...new Set(input.codes.map(normaliseCode))];
    if (!wanted.length) throw new Refused('CODES_REQUIRED', 'codes');
    const codes = await em.find(TicketCode, { order: order.id, code: { $in: wanted } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
    const missing = wanted.find((c) => !codes.some((x) => x.code === c));
    if (missing) throw new Refused('CODE_NOT_IN_ORDER', 'codes', { code: missing });
    // F4: redeemed units never come back; a void (split or refunded) code has nothing left of its own.
    if (codes.some((c) => c.isVoid || c.remainingQuantity === 0)) throw new Refused('NOTHING_TO_REFUND', 'codes');

    const lines = codes.map((code) => {
      const amount = unredeemedValue(code);
      return { code, quantity: code.remainingQuantity, amount, feeRefund: ticketFee(amount, order.feeBasisPoints) };
    });
    const amount = lines.reduce((s, l) => s + l.amount, 0);
    const feeRefund = lines.reduce((s, l) => s + l.feeRefund, 0);

    const payment = await em.findOneOrFail(Payment, { order: order.id });
    const refunded = await this.gateway.refund({ chargeId: payment.gatewayChargeId, amount, idempotencyKey: `refund:${order.id}` });
    if (!refunded.ok) throw gatewayRefusal(refunded);
    payment.refundedAmount += amount;
    payment.status = payment.refundedAmount >= payment.amount ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;

    const refund = em.create(Refund, {
      order,
      kind: RefundKind.PARTIAL,
      amount,
      feeRefund,
      gatewayReference: refunded.refundId,
      idempotencyKey: request.key,
      idempotencyScope: request.scope,
      idempotencyFingerprint: request.fingerprint,
      reason: input.reason?.trim() || null,
      createdById: ctx.principal?.userId ?? null,
      createdAt: now,
    });
    const ledger: LedgerLine[] = [];
    for (const l of lines) {
      // F7: void at once; the order's other codes keep working.
      l.code.refundedQuantity += l.quantity;
      l.code.status = TicketCodeStatus.REFUNDED;
      refund.codeLines.add(em.create(RefundCode, { refund, ticketCode: l.code, quantity: l.quantity, amount: l.amount, feeRefund: l.feeRefund }));
      ledger.push(
        { kind: LedgerKind.REFUND, orderId: order.id, ticketCodeId: l.code.id, quantity: l.quantity, amount: l.amount, occurredAt: now, ref: `refund:${l.code.id}` },
        { kind: LedgerKind.FEE_REFUND, orderId: order.id, ticketCodeId: l.code.id, quantity: l.quantity, amount: l.feeRefund, occurredAt: now, ref: `fee-refund:${l.code.id}` },
      );
    }
    order.status = OrderStatus.PARTIALLY_REFUNDED;
    await em.flush();
    await appendLedger(emSql(em), ledger);
    await recordWebhookEvent(emSql(em), 'refund.created', refund.id, now);
    return refund;
  }
}

const LOCK_KEY = statement('refund-lock-key', 'select pg_advisory_xact_lock(hashtext($1))');

/** B8: an idempotency key as this caller sent it: whose it is, and the digest of the input it is bound to. */
interface KeyedRequest {
  key: string;
  scope: string;
  fingerprint: string;
}

function keyedRequest(ctx: Context, idempotencyKey: string, normalisedInput: unknown[]): KeyedRequest {
  const principal = ctx.principal!;
  return {
    key: idempotencyKey,
    scope: principal.apiKeyId ? `key:${principal.apiKeyId}` : `user:${principal.userId}`,
    fingerprint: createHash('sha256').update(JSON.stringify(normalisedInput)).digest('base64url'),
  };
}
