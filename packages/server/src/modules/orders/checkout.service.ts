import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { businessDay, type Clock } from '../../common/clock.js';
import type { Context } from '../../common/context.js';
import { inTransaction, poolSql, statement, type Sql } from '../../common/db/sql.js';
import type { JobQueue } from '../../common/jobs/job-queue.js';
import { ProductKind, ProductStatus } from '../catalog/product.entity.js';
import { releaseHolds, releaseOrderStock, reserveStock, type StockHold } from '../catalog/stock.js';
import { isUuid } from '../identity/identity.service.js';
import { LedgerKind } from '../ledger/ledger-entry.entity.js';
import { appendLedger, type LedgerLine } from '../ledger/ledger.service.js';
import type { ChargeResult, PaymentGateway } from '../payments/gateway.js';
import { insertUniqueCode } from '../tickets/ticket-code.service.js';
import { checkoutFacts, insertOrder, lockCodPhone, lockCustomer, lockOrder, markPaid, orderPlacedBefore, referrerId, setOrderStatus, type LockedOrder, type OrderRow } from './checkout.store.js';
import { CHECKOUT_LIMITS, CheckoutCompleteErrors, CheckoutCompletePayload, type CheckoutCompleteInput, type CheckoutErrorCode, type CheckoutLineInput } from './checkout.types.js';
import { Order, OrderStatus, PaymentMethod } from './order.entity.js';
import { chargeKey, type PaymentSettlement } from './payment-settlement.js';
import { linePaid, mixMatchShares, shippingFeeFor, ticketFee } from './pricing.js';

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

type Refuse = (code: CheckoutErrorCode, field?: string) => CheckoutCompletePayload;

export const JOB_ORDER_EXPIRE = 'orders.expire';

/**
 * K1-K7, P1-P2, T1. Checkout reserves the cart's stock with guarded statements that commit at once, then
 * runs two short transactions around the gateway call: the first takes over the reservations, checks
 * limits and commits a PENDING_PAYMENT order; the card is charged with the order's id as idempotency
 * key; the second records the outcome. Plain statements on the pool (checkout.store.ts), not the unit of
 * work: this is a flash sale's hot path.
 */
export class CheckoutService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly gateway: PaymentGateway,
    private readonly settlement: PaymentSettlement,
    private readonly jobs: JobQueue,
    private readonly holdMinutes: number,
    /** Where the shopper comes back from 3-D Secure, and where the gateway posts its notification. */
    private readonly urls: { readonly shopUrl: string; readonly apiPublicUrl: string },
  ) {}

  async complete(ctx: Context, input: CheckoutCompleteInput): Promise<CheckoutCompletePayload> {
    const payload = new CheckoutCompletePayload();
    const refuse = (code: CheckoutErrorCode, field?: string, params?: Record<string, string | number>) => {
      payload.errors.push(CheckoutCompleteErrors.error(ctx, code, field, params));
      return payload;
    };
    // Keys are the shopper's own (B8): the lookup and the unique index are per customer, so another
    // principal's identical key is simply a different key.
    const customerId = ctx.principal!.userId!;
    const key = input.idempotencyKey.trim();
    const cardToken = input.payment.cardToken ?? '';
    if (!key || [...key].length > CHECKOUT_LIMITS.maxIdempotencyKey) return refuse('IDEMPOTENCY_KEY_REQUIRED', 'idempotencyKey');
    const sql = poolSql(this.pool);
    // Lines naming the same ticket type are merged before every rule (issue 16: 30 lines of 1,000 were 30,000).
    const quantities = mergeLines(input.lines);
    const fingerprint = checkoutFingerprint(input, quantities);

    const previous = await orderPlacedBefore(sql, customerId, key);
    if (previous) return this.replay(ctx, previous, fingerprint, cardToken, refuse);

    let order: OrderRow;
    let holds: StockHold[] = [];
    try {
      checkCart(input.lines, quantities);
      holds = await reserveCartStock(sql, ctx.clock, quantities);
      order = await inTransaction(this.pool, (tx) => this.placeOrder(tx, ctx.clock.now(), customerId, key, fingerprint, quantities, holds, input));
    } catch (e) {
      // No order was written: its units go back on sale now (or, if this fails too, at the next sweep).
      await releaseHolds(sql, holds).catch((err: unknown) => ctx.log.warn({ err }, 'stock holds left for the sweep'));
      if (e instanceof Refusal) return refuse(e.code, e.field, e.params);
      const raced = isUniqueViolation(e) ? await orderPlacedBefore(sql, customerId, key) : null;
      // The same idempotency key raced us: answer as a retry of the order the other call made.
      if (raced) return this.replay(ctx, raced, fingerprint, cardToken, refuse);
      throw e;
    }
    return this.pay(ctx, order, cardToken, refuse);
  }

  /**
   * B8: a key this shopper already used. With the same input it is a retry: the same order, charged at most
   * once (P2). With another input it is refused, and nothing changes. Orders placed before fingerprints were
   * recorded have none and replay as before.
   */
  private async replay(ctx: Context, order: OrderRow, fingerprint: string, cardToken: string, refuse: Refuse) {
    if (order.idempotency_fingerprint != null && order.idempotency_fingerprint !== fingerprint) return refuse('IDEMPOTENCY_KEY_REUSED', 'idempotencyKey');
    if (order.status === OrderStatus.PENDING_PAYMENT && order.payment_method === PaymentMethod.CREDIT_CARD) return this.pay(ctx, order, cardToken, refuse);
    return answer(ctx, order, refuse);
  }

  private async placeOrder(
    sql: Sql,
    now: Date,
    customerId: string,
    key: string,
    fingerprint: string,
    quantities: Map<string, number>,
    holds: StockHold[],
    input: CheckoutCompleteInput,
  ): Promise<OrderRow> {
    const recipientPhone = normalisePhone(input.recipient.phone);
    const cashOnDelivery = input.payment.method === PaymentMethod.CASH_ON_DELIVERY;
    await lockCustomer(sql, customerId);
    if (cashOnDelivery) await lockCodPhone(sql, recipientPhone);
    // The same statement makes the reservations this order's: from here its lines hold the stock
    // (released if it expires). One swept meanwhile (this checkout outlived its hold) may have been sold.
    const facts = await checkoutFacts(sql, customerId, [...quantities.keys()], holds.map((h) => h.id), now, cashOnDelivery ? recipientPhone : null);
    const variants = facts.variants;
    for (const id of quantities.keys()) {
      const v = variants.find((x) => x.id === id);
      if (!v || v.product.status !== ProductStatus.ACTIVE || !v.onSale) throw new Refusal('VARIANT_UNAVAILABLE', 'lines', { name: v?.name ?? id });
    }
    if (facts.consumedHolds !== holds.length) throw new Refusal('OUT_OF_STOCK', 'lines', { name: variants.map((v) => `${v.product.title} ${v.name}`).join('、') });
    const kinds = new Set(variants.map((v) => v.product.kind));
    if (kinds.size > 1) throw new Refusal('MIXED_CART', 'lines');
    const kind = [...kinds][0]!;
    const isTicket = kind === ProductKind.TICKET;

    // K2, K4, K6, K7: what a ticket checkout needs before the order is written (a refusal releases the hold).
    if (isTicket && input.acceptTicketTerms !== true) throw new Refusal('TERMS_NOT_ACCEPTED', 'acceptTicketTerms');
    if (isTicket && input.payment.method !== PaymentMethod.CREDIT_CARD) throw new Refusal('PAYMENT_METHOD_NOT_ALLOWED', 'payment.method');
    const installments = input.payment.installments ?? 1;
    if (isTicket && installments !== 1) throw new Refusal('INSTALLMENTS_NOT_ALLOWED', 'payment.installments');
    if (!Number.isInteger(installments) || installments < 1 || installments > (cashOnDelivery ? 1 : CHECKOUT_LIMITS.maxInstallments)) throw new Refusal('INSTALLMENTS_NOT_ALLOWED', 'payment.installments');
    if (input.payment.method === PaymentMethod.CREDIT_CARD && !input.payment.cardToken) throw new Refusal('CARD_TOKEN_REQUIRED', 'payment.cardToken');
    const recipientName = input.recipient.name.trim();
    if (!recipientName || [...recipientName].length > CHECKOUT_LIMITS.maxRecipientName || !/^\+?[0-9][0-9 -]{6,19}$/.test(input.recipient.phone.trim())) throw new Refusal('RECIPIENT_REQUIRED', 'recipient');

    const referralCode = input.referralCode?.trim().toUpperCase() || null;
    const referrer = referralCode ? await referrerId(sql, referralCode) : null;
    if (referralCode && !referrer) throw new Refusal('REFERRAL_CODE_UNKNOWN', 'referralCode');

    if (isTicket && !facts.email) throw new Refusal('EMAIL_REQUIRED', 'email');
    for (const group of facts.limitGroups) {
      const inCart = group.variantIds.reduce((s, id) => s + (quantities.get(id) ?? 0), 0);
      if (group.held + inCart > group.maxQuantity) throw new Refusal('PURCHASE_LIMIT_EXCEEDED', 'lines', { name: group.name, max: group.maxQuantity });
    }
    // Cash on delivery (issue 16 item 6): a COD order holds its stock until it is delivered and paid, with no
    // card behind it and no expiry (nothing tells us when a parcel is on its way, so a timer would release
    // stock already shipped). What a real shop does instead is bound what one buyer may hold unpaid: at most
    // `maxCodUnitsHeld` units across the unfinished COD orders of this account, or delivered to this phone
    // (a second account does not reset it); more is paid by card. Counted under the customer's and the
    // phone's locks, so parallel checkouts see each other.
    if (cashOnDelivery) {
      const units = [...quantities.values()].reduce((s, q) => s + q, 0);
      if (facts.codHeld + units > CHECKOUT_LIMITS.maxCodUnitsHeld) throw new Refusal('COD_LIMIT_EXCEEDED', 'payment.method', { max: CHECKOUT_LIMITS.maxCodUnitsHeld });
    }

    // Money stays far below a PostgreSQL int (the order's and its lines' columns): exact in JavaScript,
    // as units and prices are bounded, and refused above the sane maximum before anything is written.
    const priced = variants.map((v) => ({ variantId: v.id, quantity: quantities.get(v.id)!, unitPrice: v.price }));
    const subtotal = priced.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    const tooLarge = () => new Refusal('ORDER_TOTAL_TOO_LARGE', 'lines', { max: CHECKOUT_LIMITS.maxOrderTotal.toLocaleString('en-US') });
    if (subtotal > CHECKOUT_LIMITS.maxOrderTotal) throw tooLarge();
    const shares = mixMatchShares(priced, facts.mixMatch);
    const discount = [...shares.values()].reduce((s, x) => s + x, 0);
    const product = variants[0]!.product;
    const shippingFee = isTicket ? 0 : shippingFeeFor(subtotal - discount, Math.max(...variants.map((v) => v.product.shippingFee)), product.freeShippingThreshold);
    if (subtotal - discount + shippingFee > CHECKOUT_LIMITS.maxOrderTotal) throw tooLarge();
    const cartOrder = [...quantities.keys()];
    const order = await insertOrder(sql, {
      id: randomUUID(),
      numberPrefix: `${isTicket ? 'T' : 'G'}${businessDay(now).replace(/-/g, '')}-`,
      kind,
      customerId,
      recipientName,
      recipientPhone,
      subtotal,
      discount,
      shippingFee,
      total: subtotal - discount + shippingFee,
      paymentMethod: input.payment.method,
      installments,
      termsAcceptedAt: isTicket ? now : null,
      termsAccepted: isTicket ? [...new Set(variants.map((v) => v.product.terms))].join('\n\n') : null,
      idempotencyKey: key,
      idempotencyFingerprint: fingerprint,
      referralCode,
      referrerId: referrer,
      createdAt: now,
      expiresAt: input.payment.method === PaymentMethod.CREDIT_CARD ? new Date(now.getTime() + this.holdMinutes * 60_000) : null,
      lines: variants.map((v) => ({
        variantId: v.id,
        productTitle: v.product.title,
        variantName: v.name,
        quantity: quantities.get(v.id)!,
        unitPrice: v.price,
        discountShare: shares.get(v.id) ?? 0,
        position: cartOrder.indexOf(v.id),
      })),
    });
    if (order.expires_at) await this.jobs.enqueueSql(sql, JOB_ORDER_EXPIRE, { orderId: order.id }, { startAfter: order.expires_at });
    return order;
  }

  private async pay(ctx: Context, order: OrderRow, cardToken: string, refuse: Refuse): Promise<CheckoutCompletePayload> {
    if (order.payment_method !== PaymentMethod.CREDIT_CARD) return answer(ctx, order, refuse);
    // P3: a charge already waiting for the shopper's 3-D Secure step is not made again (a one-time card token would not do twice).
    if (order.gateway_charge_id) return answer(ctx, order, refuse);
    const result = await this.gateway.charge({
      amount: order.total,
      cardToken,
      idempotencyKey: chargeKey(order.id),
      orderNumber: order.number,
      description: `訂單 ${order.number}`,
      cardholder: { name: order.recipient_name, phoneNumber: order.recipient_phone, email: this.gateway.name === 'tappay' ? await customerEmail(this.pool, order.customer_id) : '' },
      threeDomainSecure: {
        returnUrl: `${this.urls.shopUrl}/payments/${this.gateway.name}/return?order=${order.id}`,
        notifyUrl: `${this.urls.apiPublicUrl}/payments/${this.gateway.name}/notify`,
      },
    });
    const settled = await this.settlement.settle(ctx.clock, order.id, result);
    return answer(ctx, settled, refuse, result.outcome === 'ERROR');
  }
}

/** The payload for an order as it stands: failed and expired orders, and a gateway that failed to answer, carry their refusal. */
function answer(ctx: Context, row: OrderRow, refuse: Refuse, gatewayError = false): CheckoutCompletePayload {
  const payload =
    row.status === OrderStatus.PAYMENT_FAILED ? refuse('PAYMENT_DECLINED') : row.status === OrderStatus.EXPIRED ? refuse('ORDER_EXPIRED') : gatewayError ? refuse('PAYMENT_ERROR') : new CheckoutCompletePayload();
  payload.order = ctx.em.map(Order, row);
  // P3: the order waits for the shopper at the bank's 3-D Secure page.
  if (row.status === OrderStatus.PENDING_PAYMENT && row.payment_redirect_url) payload.nextAction = { redirectUrl: row.payment_redirect_url };
  return payload;
}

const CUSTOMER_EMAIL = statement('checkout-customer-email', 'select email from app_user where id = $1');

/** The cardholder's email, which TapPay asks for with every charge. */
async function customerEmail(pool: pg.Pool, customerId: string): Promise<string> {
  const [row] = await poolSql(pool)<{ email: string | null }>(CUSTOMER_EMAIL, [customerId]);
  return row?.email ?? '';
}

const variantKey = (variantId: string) => variantId.trim().toLowerCase();
const normalisePhone = (phone: string) => phone.trim().replace(/[\s-]/g, '');

/** The cart's quantity per ticket type: lines naming the same type (in any letter case) are added up, so every rule sees one line per type. */
function mergeLines(lines: CheckoutLineInput[]): Map<string, number> {
  const quantities = new Map<string, number>();
  for (const l of lines) quantities.set(variantKey(l.variantId), (quantities.get(variantKey(l.variantId)) ?? 0) + l.quantity);
  return quantities;
}

/** K5 and issue 16 item 5: a malformed or oversized cart is refused before any stock is touched. Each line is checked, then the merged cart. */
function checkCart(lines: CheckoutLineInput[], quantities: Map<string, number>): void {
  if (lines.length === 0) throw new Refusal('EMPTY_CART', 'lines');
  if (lines.length > CHECKOUT_LIMITS.maxLines) throw new Refusal('TOO_MANY_LINES', 'lines', { max: CHECKOUT_LIMITS.maxLines });
  for (const [i, l] of lines.entries()) {
    if (!Number.isInteger(l.quantity) || l.quantity < 1) throw new Refusal('INVALID_QUANTITY', `lines.${i}.quantity`);
    if (!isUuid(variantKey(l.variantId))) throw new Refusal('VARIANT_UNAVAILABLE', `lines.${i}.variantId`, { name: l.variantId.slice(0, 64) });
  }
  let units = 0;
  for (const quantity of quantities.values()) {
    if (quantity > CHECKOUT_LIMITS.maxQuantityPerVariant) throw new Refusal('QUANTITY_LIMIT_EXCEEDED', 'lines', { max: CHECKOUT_LIMITS.maxQuantityPerVariant.toLocaleString('en-US') });
    units += quantity;
  }
  if (units > CHECKOUT_LIMITS.maxUnits) throw new Refusal('ORDER_QUANTITY_LIMIT_EXCEEDED', 'lines', { max: CHECKOUT_LIMITS.maxUnits.toLocaleString('en-US') });
}

/**
 * B8: what a checkout's idempotency key is bound to, as a digest of its normalised input: the merged lines
 * (in variant order), the recipient, the payment method and installments, the terms flag and the referral
 * code. The card token is left out on purpose: a gateway token is single-use, so a payment retried after
 * PAYMENT_ERROR legitimately comes with a new one (the shop tokenises the card again), and the charge is
 * keyed by the order (`order:<id>`) so a new token can never charge twice. Leaving it out also keeps it out
 * of the database.
 */
export function checkoutFingerprint(input: CheckoutCompleteInput, quantities: Map<string, number>): string {
  const normalised = {
    lines: [...quantities].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    recipient: [input.recipient.name.trim(), normalisePhone(input.recipient.phone)],
    payment: [input.payment.method, input.payment.installments ?? 1],
    terms: input.acceptTicketTerms === true,
    referral: input.referralCode?.trim().toUpperCase() || null,
  };
  return createHash('sha256').update(JSON.stringify(normalised)).digest('base64url');
}

/** How long a reservation waits for its order before the sweep may put it back on sale. */
const RESERVATION_MINUTES = 5;

/** K5: the cart's limited ticket types taken off sale, or a refusal naming the one that is sold out. */
async function reserveCartStock(sql: Sql, clock: Clock, quantities: Map<string, number>): Promise<StockHold[]> {
  const lines = [...quantities].map(([variantId, quantity]) => ({ variantId, quantity }));
  const reservation = await reserveStock(sql, lines, new Date(clock.now().getTime() + RESERVATION_MINUTES * 60_000));
  if ('soldOut' in reservation) throw outOfStock(reservation.soldOut);
  return reservation.holds;
}

const outOfStock = (v: { title: string; name: string }) => new Refusal('OUT_OF_STOCK', 'lines', { name: `${v.title} ${v.name}` });

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && ((e as { code?: string }).code === '23505' || (e as { name?: string }).name === 'UniqueConstraintViolationException');
}
