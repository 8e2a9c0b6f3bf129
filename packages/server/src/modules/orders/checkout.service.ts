import { LoadStrategy, LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDay, type Clock } from '../../common/clock.js';
import type { Context } from '../../common/context.js';
import type { JobQueue } from '../../common/jobs/job-queue.js';
import { Referrer } from '../commission/referrer.entity.js';
import { ProductKind, ProductStatus } from '../catalog/product.entity.js';
import { releaseOrderStock } from './order-stock.js';
import { consumeHolds, releaseHolds, reserveStock, type StockHold } from '../catalog/stock.js';
import { Variant } from '../catalog/variant.entity.js';
import { User } from '../identity/user.entity.js';
import { isUuid } from '../identity/identity.service.js';
import { LedgerKind } from '../ledger/ledger-entry.entity.js';
import { appendLedger } from '../ledger/ledger.service.js';
import type { ChargeResult, PaymentGateway } from '../payments/gateway.js';
import { Payment } from '../payments/payment.entity.js';
import { issueCodes } from '../tickets/ticket-code.service.js';
import { customerEmail, limitGroupsFor, mixMatchRulesFor, placedBefore, ticketFeeRate } from './cart-rules.js';
import { CheckoutCompleteErrors, CheckoutCompletePayload, type CheckoutCompleteInput, type CheckoutErrorCode } from './checkout.types.js';
import { OrderLine } from './order-line.entity.js';
import { Order, OrderStatus, PaymentMethod } from './order.entity.js';
import { mixMatchShares, shippingFeeFor, ticketFee } from './pricing.js';

/** A business refusal found inside a transaction: it rolls the transaction back. */
class Refusal extends Error {
  constructor(
    readonly code: CheckoutErrorCode,
    readonly field?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(code);
  }
}

/** Statuses whose quantities count against a purchase limit (C2): paid and pending. */
const COUNTED_STATUSES = [OrderStatus.PENDING_PAYMENT, OrderStatus.PAID, OrderStatus.RETURNING, OrderStatus.RETURN_REVIEW, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.CLOSED];

export const JOB_ORDER_EXPIRE = 'orders.expire';
export const JOB_ORDER_CONFIRMATION_MAIL = 'mail.order-confirmation';

/**
 * K1-K7, P1-P2, T1. Checkout reserves the cart's stock with guarded statements that commit at once, then
 * runs two short transactions around the gateway call: the first takes over the reservations, checks
 * limits and commits a PENDING_PAYMENT order; the card is charged with the order's id as idempotency
 * key; the second records the outcome.
 */
export class CheckoutService {
  constructor(
    private readonly gateway: PaymentGateway,
    private readonly jobs: JobQueue,
    private readonly holdMinutes: number,
  ) {}

  async complete(ctx: Context, input: CheckoutCompleteInput): Promise<CheckoutCompletePayload> {
    const payload = new CheckoutCompletePayload();
    const refuse = (code: CheckoutErrorCode, field?: string, params?: Record<string, string | number>) => {
      payload.errors.push(CheckoutCompleteErrors.error(ctx, code, field, params));
      return payload;
    };
    const customerId = ctx.principal!.userId!;
    const key = input.idempotencyKey.trim();
    if (!key) return refuse('IDEMPOTENCY_KEY_REQUIRED', 'idempotencyKey');

    const previous = (await placedBefore(ctx.em, customerId, key)) ? await ctx.em.findOne(Order, { customer: customerId, idempotencyKey: key }) : null;
    if (previous) return this.resume(ctx, previous, input.payment.cardToken ?? '', refuse);

    let order: Order;
    let holds: StockHold[] = [];
    try {
      const quantities = cartQuantities(input);
      holds = await reserveCartStock(ctx, quantities);
      order = await ctx.em.transactional((em) => this.placeOrder(em, ctx, customerId, key, quantities, holds, input));
    } catch (e) {
      // No order was written: its units go back on sale now (or, if this fails too, at the next sweep).
      await releaseHolds(ctx.em, holds).catch((err: unknown) => ctx.log.warn({ err }, 'stock holds left for the sweep'));
      if (e instanceof Refusal) return refuse(e.code, e.field, e.params);
      if (isUniqueViolation(e)) {
        // The same idempotency key raced us: answer with the order the other call made.
        const raced = await ctx.em.fork().findOneOrFail(Order, { customer: customerId, idempotencyKey: key });
        return this.resume(ctx, raced, input.payment.cardToken ?? '', refuse);
      }
      throw e;
    }
    return this.pay(ctx, order, input.payment.cardToken ?? '', refuse);
  }

  /** A retried call: the same order, charged at most once. */
  private async resume(ctx: Context, order: Order, cardToken: string, refuse: (code: CheckoutErrorCode) => CheckoutCompletePayload) {
    if (order.status === OrderStatus.PENDING_PAYMENT && order.paymentMethod === PaymentMethod.CREDIT_CARD) return this.pay(ctx, order, cardToken, refuse);
    const payload = order.status === OrderStatus.PAYMENT_FAILED ? refuse('PAYMENT_DECLINED') : order.status === OrderStatus.EXPIRED ? refuse('ORDER_EXPIRED') : new CheckoutCompletePayload();
    payload.order = order;
    return payload;
  }

  private async placeOrder(em: EntityManager, ctx: Context, customerId: string, key: string, quantities: Map<string, number>, holds: StockHold[], input: CheckoutCompleteInput): Promise<Order> {
    const now = ctx.clock.now();
    // One customer's checkouts run one at a time, so purchase limits (C2) see each other. An advisory
    // lock, not FOR UPDATE on the user row: the order's foreign key also locks that row (KEY SHARE).
    await em.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [`checkout:${customerId}`], 'all', em.getTransactionContext());
    const variants = await em.find(Variant, { id: { $in: [...quantities.keys()] } }, { populate: ['product'], orderBy: { id: 'asc' } });
    for (const id of quantities.keys()) {
      const v = variants.find((x) => x.id === id);
      if (!v || v.product.getEntity().status !== ProductStatus.ACTIVE || !v.isOnSale(now)) throw new Refusal('VARIANT_UNAVAILABLE', 'lines', { name: v?.name ?? id });
    }
    // The reservations become this order's: from here its lines hold the stock (released if it expires).
    // One swept meanwhile (this checkout outlived its hold) may have been sold to someone else.
    if (!(await consumeHolds(em, holds))) throw new Refusal('OUT_OF_STOCK', 'lines', { name: variants.map((v) => `${v.product.getEntity().title} ${v.name}`).join('、') });
    const kinds = new Set(variants.map((v) => v.product.getEntity().kind));
    if (kinds.size > 1) throw new Refusal('MIXED_CART', 'lines');
    const kind = [...kinds][0]!;
    const isTicket = kind === ProductKind.TICKET;

    // K2, K4, K6, K7: what a ticket checkout needs before the order is written (a refusal releases the hold).
    if (isTicket && input.acceptTicketTerms !== true) throw new Refusal('TERMS_NOT_ACCEPTED', 'acceptTicketTerms');
    if (isTicket && input.payment.method !== PaymentMethod.CREDIT_CARD) throw new Refusal('PAYMENT_METHOD_NOT_ALLOWED', 'payment.method');
    if (isTicket && input.payment.installments != null && input.payment.installments !== 1) throw new Refusal('INSTALLMENTS_NOT_ALLOWED', 'payment.installments');
    if (input.payment.method === PaymentMethod.CREDIT_CARD && !input.payment.cardToken) throw new Refusal('CARD_TOKEN_REQUIRED', 'payment.cardToken');
    if (!input.recipient.name.trim() || !/^\+?[0-9][0-9 -]{6,19}$/.test(input.recipient.phone.trim())) throw new Refusal('RECIPIENT_REQUIRED', 'recipient');

    const referralCode = input.referralCode?.trim().toUpperCase() || null;
    const referrer = referralCode ? await em.findOne(Referrer, { code: referralCode }) : null;
    if (referralCode && !referrer) throw new Refusal('REFERRAL_CODE_UNKNOWN', 'referralCode');

    if (isTicket && !(await customerEmail(em, customerId))) throw new Refusal('EMAIL_REQUIRED', 'email');
    await this.checkPurchaseLimits(em, customerId, quantities);

    const priced = variants.map((v) => ({ variantId: v.id, quantity: quantities.get(v.id)!, unitPrice: v.price }));
    const shares = mixMatchShares(priced, await mixMatchRulesFor(em, variants.map((v) => v.id)));
    const subtotal = priced.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    const discount = [...shares.values()].reduce((s, x) => s + x, 0);
    const product = variants[0]!.product.getEntity();
    const shippingFee = isTicket ? 0 : shippingFeeFor(subtotal - discount, Math.max(...variants.map((v) => v.product.getEntity().shippingFee)), product.freeShippingThreshold);
    const [{ seq }] = await em.getConnection().execute<{ seq: string }[]>(`select nextval('order_number_seq') as seq`, [], 'all', em.getTransactionContext());

    const order = em.create(Order, {
      number: `${isTicket ? 'T' : 'G'}${businessDay(now).replace(/-/g, '')}-${String(seq).padStart(6, '0')}`,
      kind,
      customer: em.getReference(User, customerId),
      recipientName: input.recipient.name.trim(),
      recipientPhone: input.recipient.phone.trim().replace(/[\s-]/g, ''),
      subtotal,
      discount,
      shippingFee,
      total: subtotal - discount + shippingFee,
      paymentMethod: input.payment.method,
      installments: input.payment.installments ?? 1,
      termsAcceptedAt: isTicket ? now : null,
      termsAccepted: isTicket ? [...new Set(variants.map((v) => v.product.getEntity().terms))].join('\n\n') : null,
      idempotencyKey: key,
      referralCode,
      referrerId: referrer?.id ?? null,
      createdAt: now,
      expiresAt: input.payment.method === PaymentMethod.CREDIT_CARD ? new Date(now.getTime() + this.holdMinutes * 60_000) : null,
    });
    const cartOrder = [...quantities.keys()];
    variants.forEach((v) =>
      order.lines.add(
        em.create(OrderLine, {
          order,
          variant: v,
          productTitle: v.product.getEntity().title,
          variantName: v.name,
          quantity: quantities.get(v.id)!,
          unitPrice: v.price,
          discountShare: shares.get(v.id) ?? 0,
          position: cartOrder.indexOf(v.id),
        }),
      ),
    );
    await em.flush();
    if (order.expiresAt) await this.jobs.enqueue(em, JOB_ORDER_EXPIRE, { orderId: order.id }, { startAfter: order.expiresAt });

    return order;
  }

  private async checkPurchaseLimits(em: EntityManager, customerId: string, quantities: Map<string, number>): Promise<void> {
    for (const group of await limitGroupsFor(em, [...quantities.keys()])) {
      const ids = group.variantIds;
      const inCart = ids.reduce((s, id) => s + (quantities.get(id) ?? 0), 0);
      const [{ held }] = await em.getConnection().execute<{ held: string }[]>(
        `select coalesce(sum(l.quantity), 0) - coalesce(sum((select coalesce(sum(c.refunded_quantity), 0) from ticket_code c where c.order_line_id = l.id and c.parent_id is null)), 0) as held
           from order_line l join customer_order o on o.id = l.order_id
          where o.customer_id = ? and o.status in (${COUNTED_STATUSES.map(() => '?').join(', ')}) and l.variant_id in (${ids.map(() => '?').join(', ')})`,
        [customerId, ...COUNTED_STATUSES, ...ids],
        'all',
        em.getTransactionContext(),
      );
      if (Number(held) + inCart > group.maxQuantity) throw new Refusal('PURCHASE_LIMIT_EXCEEDED', 'lines', { name: group.name, max: group.maxQuantity });
    }
  }

  private async pay(ctx: Context, order: Order, cardToken: string, refuse: (code: CheckoutErrorCode) => CheckoutCompletePayload): Promise<CheckoutCompletePayload> {
    if (order.paymentMethod !== PaymentMethod.CREDIT_CARD) {
      const payload = new CheckoutCompletePayload();
      payload.order = order;
      return payload;
    }
    const result = await this.gateway.charge({ amount: order.total, cardToken, idempotencyKey: `order:${order.id}` });
    const settled = await ctx.em.fork().transactional((em) => this.settle(em, ctx.clock, order.id, result));
    const payload = settled.status === OrderStatus.PAYMENT_FAILED ? refuse('PAYMENT_DECLINED') : settled.status === OrderStatus.EXPIRED ? refuse('ORDER_EXPIRED') : result.outcome === 'ERROR' ? refuse('PAYMENT_ERROR') : new CheckoutCompletePayload();
    payload.order = settled;
    return payload;
  }

  /**
   * Records a gateway outcome on a pending order (row-locked): APPROVED pays it and issues codes (T1),
   * DECLINED fails it and releases the stock (P2), ERROR leaves it pending. An order that is no longer
   * pending is left as it is; a charge that arrives for an expired order is voided.
   */
  async settle(em: EntityManager, clock: Clock, orderId: string, result: ChargeResult): Promise<Order> {
    const order = await em.findOneOrFail(Order, orderId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    await em.populate(order, ['lines.variant.product'], { strategy: LoadStrategy.JOINED });
    if (order.status !== OrderStatus.PENDING_PAYMENT) {
      if (result.outcome === 'APPROVED' && order.status === OrderStatus.EXPIRED) await this.gateway.void({ chargeId: result.chargeId });
      return order;
    }
    if (result.outcome === 'ERROR') return order;
    if (result.outcome === 'DECLINED') {
      order.status = OrderStatus.PAYMENT_FAILED;
      await releaseOrderStock(em, order);
      await em.flush();
      return order;
    }
    await this.markPaid(em, clock.now(), order, result.chargeId);
    return order;
  }


  private async markPaid(em: EntityManager, now: Date, order: Order, chargeId: string): Promise<void> {
    order.status = OrderStatus.PAID;
    order.paidAt = now;
    order.expiresAt = null;
    em.create(Payment, { order, gatewayChargeId: chargeId, amount: order.total, createdAt: now });
    if (order.kind !== ProductKind.TICKET) return void (await em.flush());

    const lines = order.lines.getItems();
    const validity = new Map(lines.map((l) => [l.id, { validFrom: l.variant.getEntity().product.getEntity().validFrom ?? null, validUntil: l.variant.getEntity().product.getEntity().validUntil ?? null }]));
    const codes = await issueCodes(em, order, lines, validity, now);
    const ticketFeeBasisPoints = await ticketFeeRate(em);
    let feeTotal = 0;
    const entries = codes.flatMap((c) => {
      const line = lines.find((l) => l.id === c.lineId)!;
      const fee = ticketFee(line.amountPaid, ticketFeeBasisPoints);
      feeTotal += fee;
      return [
        { kind: LedgerKind.SALE, orderId: order.id, ticketCodeId: c.id, quantity: c.quantity, amount: line.amountPaid, occurredAt: now, ref: `sale:${c.id}` },
        { kind: LedgerKind.FEE, orderId: order.id, ticketCodeId: c.id, quantity: c.quantity, amount: fee, occurredAt: now, ref: `fee:${c.id}` },
      ];
    });
    await appendLedger(em, entries);
    order.feeAmount = feeTotal;
    order.feeBasisPoints = ticketFeeBasisPoints;
    await em.flush();
    await this.jobs.enqueue(em, JOB_ORDER_CONFIRMATION_MAIL, { orderId: order.id }, { singletonKey: `confirmation:${order.id}` });
  }

  /** K5: an unpaid order past its hold: settle it from the gateway's records, or expire it and release the stock. */
  async expire(em: EntityManager, clock: Clock, orderId: string): Promise<void> {
    const order = await em.findOne(Order, orderId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!order || order.status !== OrderStatus.PENDING_PAYMENT || !order.expiresAt || order.expiresAt > clock.now()) return;
    const charge = await this.gateway.findCharge(`order:${order.id}`);
    if (charge && charge.outcome !== 'ERROR') {
      await this.settle(em, clock, order.id, charge);
      return;
    }
    await em.populate(order, ['lines']);
    order.status = OrderStatus.EXPIRED;
    await releaseOrderStock(em, order);
    await em.flush();
  }
}

/** The cart's quantity per ticket type, or a refusal for a malformed line. */
function cartQuantities(input: CheckoutCompleteInput): Map<string, number> {
  if (input.lines.length === 0) throw new Refusal('EMPTY_CART', 'lines');
  const quantities = new Map<string, number>();
  for (const [i, l] of input.lines.entries()) {
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > 1000) throw new Refusal('INVALID_QUANTITY', `lines.${i}.quantity`);
    if (!isUuid(l.variantId)) throw new Refusal('VARIANT_UNAVAILABLE', `lines.${i}.variantId`, { name: l.variantId });
    quantities.set(l.variantId, (quantities.get(l.variantId) ?? 0) + l.quantity);
  }
  return quantities;
}

/** How long a reservation waits for its order before the sweep may put it back on sale. */
const RESERVATION_MINUTES = 5;

/** K5: the cart's limited ticket types taken off sale, or a refusal naming the one that is sold out. */
async function reserveCartStock(ctx: Context, quantities: Map<string, number>): Promise<StockHold[]> {
  const lines = [...quantities].map(([variantId, quantity]) => ({ variantId, quantity }));
  const reservation = await reserveStock(ctx.em, lines, new Date(ctx.clock.now().getTime() + RESERVATION_MINUTES * 60_000));
  if ('soldOut' in reservation) throw outOfStock(reservation.soldOut);
  return reservation.holds;
}

const outOfStock = (v: { title: string; name: string }) => new Refusal('OUT_OF_STOCK', 'lines', { name: `${v.title} ${v.name}` });

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && ((e as { code?: string }).code === '23505' || (e as { name?: string }).name === 'UniqueConstraintViolationException');
}
