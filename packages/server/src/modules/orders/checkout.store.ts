import { dateOrNull, pgArray, statement, type Sql } from '../../common/db/sql.js';
import type { ProductKind, ProductStatus } from '../catalog/product.entity.js';
import { Variant } from '../catalog/variant.entity.js';
import type { MixMatchRule } from './pricing.js';
import { OrderStatus, type PaymentMethod } from './order.entity.js';

/**
 * The statements of checkout's two transactions, each as few round trips as the rules allow: checkout is
 * a flash sale's hot path, and every statement through the ORM cost a few times its time in PostgreSQL.
 */

/** Statuses whose quantities count against a purchase limit (C2): paid and pending. */
const COUNTED_STATUSES = [OrderStatus.PENDING_PAYMENT, OrderStatus.PAID, OrderStatus.RETURNING, OrderStatus.RETURN_REVIEW, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.CLOSED];

const PLACED_BEFORE = statement('checkout-placed-before', 'select * from customer_order where customer_id = $1 and idempotency_key = $2');

/** P2: the order this shopper already placed with this idempotency key (a retry), if any. */
export async function orderPlacedBefore(sql: Sql, customerId: string, idempotencyKey: string): Promise<OrderRow | null> {
  const [row] = await sql<OrderRow>(PLACED_BEFORE, [customerId, idempotencyKey]);
  return row ?? null;
}

const REFERRER = statement('checkout-referrer', 'select id from referrer where code = $1');

/** C3: the referrer a referral code names, if any. */
export async function referrerId(sql: Sql, code: string): Promise<string | null> {
  const [row] = await sql<{ id: string }>(REFERRER, [code]);
  return row?.id ?? null;
}

const LOCK_CUSTOMER = statement('checkout-lock-customer', 'select pg_advisory_xact_lock(hashtext($1))');

/**
 * One customer's checkouts run one at a time, so purchase limits (C2) see each other. An advisory lock,
 * not FOR UPDATE on the user row: the order's foreign key also locks that row (KEY SHARE). Its own
 * statement: what is read after it must be read in a later snapshot.
 */
export async function lockCustomer(sql: Sql, customerId: string): Promise<void> {
  await sql(LOCK_CUSTOMER, [`checkout:${customerId}`]);
}

/**
 * Cash-on-delivery checkouts to one delivery phone run one at a time too, so the COD cap counted per
 * phone (held units, see `checkoutFacts`) holds across several accounts. Taken after the customer's lock,
 * always in that order, so two checkouts never wait on each other's locks in a cycle.
 */
export async function lockCodPhone(sql: Sql, phone: string): Promise<void> {
  await sql(LOCK_CUSTOMER, [`checkout-cod-phone:${phone}`]);
}

export interface CartVariant {
  id: string;
  name: string;
  price: number;
  onSale: boolean;
  product: { kind: ProductKind; status: ProductStatus; title: string; terms: string; shippingFee: number; freeShippingThreshold: number | null };
}

/** C2: a purchase-limit group touching the cart, and how many of its units the shopper already holds. */
export interface LimitGroupUse {
  name: string;
  maxQuantity: number;
  variantIds: string[];
  held: number;
}

export interface CheckoutFacts {
  /** How many of the given stock holds this transaction took over (K5); fewer means one was swept. */
  consumedHolds: number;
  email: string | null;
  variants: CartVariant[];
  limitGroups: LimitGroupUse[];
  mixMatch: MixMatchRule[];
  /** Units in unfinished cash-on-delivery orders of this customer or to this delivery phone (0 unless asked). */
  codHeld: number;
}

const FACTS = statement(
  'checkout-facts',
  `with consumed as (delete from stock_hold where id = any($3::uuid[]) returning id)
   select (select count(*)::int from consumed) as consumed_holds,
          (select email from app_user where id = $1) as email,
          coalesce((select json_agg(json_build_object('id', v.id, 'name', v.name, 'price', v.price, 'archived', v.archived, 'saleStartsAt', v.sale_starts_at, 'saleEndsAt', v.sale_ends_at,
                     'kind', p.kind, 'status', p.status, 'title', p.title, 'terms', p.terms, 'shippingFee', p.shipping_fee, 'freeShippingThreshold', p.free_shipping_threshold) order by v.id)
                      from variant v join product p on p.id = v.product_id where v.id = any($2::uuid[])), '[]') as variants,
          coalesce((select json_agg(json_build_object('name', g.name, 'maxQuantity', g.max_quantity, 'variantIds', gv.ids,
                     'held', (select coalesce(sum(l.quantity), 0) - coalesce(sum((select coalesce(sum(c.refunded_quantity), 0) from ticket_code c where c.order_line_id = l.id and c.parent_id is null)), 0)
                                from order_line l join customer_order o on o.id = l.order_id
                               where o.customer_id = $1 and o.status = any($4::text[]) and l.variant_id = any(gv.ids))))
                      from purchase_limit_group g
                      join lateral (select array_agg(variant_id) as ids from purchase_limit_group_variant where purchase_limit_group_id = g.id) gv on true
                     where g.id in (select purchase_limit_group_id from purchase_limit_group_variant where variant_id = any($2::uuid[]))), '[]') as limit_groups,
          coalesce((select json_agg(json_build_object('variantIds', dv.ids, 'requiredQuantity', d.required_quantity, 'fixedPrice', d.fixed_price, 'percentOff', d.percent_off) order by d.id)
                      from mix_match_discount d
                      join lateral (select array_agg(variant_id order by variant_id) as ids from mix_match_discount_variant where mix_match_discount_id = d.id) dv on true
                     where d.active and d.id in (select mix_match_discount_id from mix_match_discount_variant where variant_id = any($2::uuid[]))), '[]') as mix_match,
          (select coalesce(sum(l.quantity), 0)::int from customer_order o join order_line l on l.order_id = o.id
            where $5::boolean and o.status = 'PENDING_PAYMENT' and o.payment_method = 'CASH_ON_DELIVERY' and (o.customer_id = $1 or o.recipient_phone = $6)) as cod_held`,
);

type VariantJson = Omit<CartVariant, 'onSale' | 'product'> & CartVariant['product'] & { archived: boolean; saleStartsAt: string | null; saleEndsAt: string | null };

/**
 * Everything the order's rules read, in one statement after the customer's lock: the cart's ticket types
 * with their products (C1, C4), the shopper's email (K6), what the purchase-limit groups already hold (C2),
 * the mix-and-match discounts (C3), and for a cash-on-delivery checkout (`codPhone` given) the units the
 * customer, or anyone delivering to that phone, holds in unfinished COD orders. The same statement takes
 * over the checkout's stock holds (K5).
 */
export async function checkoutFacts(sql: Sql, customerId: string, variantIds: string[], holdIds: string[], now: Date, codPhone: string | null = null): Promise<CheckoutFacts> {
  const [row] = await sql<{ consumed_holds: number; email: string | null; variants: VariantJson[]; limit_groups: LimitGroupUse[]; mix_match: MixMatchRule[]; cod_held: number }>(FACTS, [
    customerId,
    pgArray(variantIds),
    pgArray(holdIds),
    pgArray(COUNTED_STATUSES),
    codPhone !== null,
    codPhone ?? '',
  ]);
  return {
    consumedHolds: row!.consumed_holds,
    email: row!.email,
    variants: row!.variants.map((v) => ({
      id: v.id,
      name: v.name,
      price: v.price,
      // The entity's rule, applied to the row.
      onSale: Variant.prototype.isOnSale.call({ archived: v.archived, saleStartsAt: dateOrNull(v.saleStartsAt), saleEndsAt: dateOrNull(v.saleEndsAt) }, now),
      product: { kind: v.kind, status: v.status, title: v.title, terms: v.terms, shippingFee: v.shippingFee, freeShippingThreshold: v.freeShippingThreshold },
    })),
    limitGroups: row!.limit_groups.map((g) => ({ ...g, held: Number(g.held) })),
    mixMatch: row!.mix_match,
    codHeld: row!.cod_held,
  };
}

export interface NewOrder {
  id: string;
  numberPrefix: string;
  kind: ProductKind;
  customerId: string;
  recipientName: string;
  recipientPhone: string;
  subtotal: number;
  discount: number;
  shippingFee: number;
  total: number;
  paymentMethod: PaymentMethod;
  installments: number;
  termsAcceptedAt: Date | null;
  termsAccepted: string | null;
  idempotencyKey: string;
  idempotencyFingerprint: string;
  referralCode: string | null;
  referrerId: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lines: { variantId: string; productTitle: string; variantName: string; quantity: number; unitPrice: number; discountShare: number; position: number }[];
}

const INSERT_ORDER = statement(
  'checkout-insert-order',
  `with seq as (select nextval('order_number_seq')::text as n),
        o as (insert into customer_order (id, number, kind, status, customer_id, recipient_name, recipient_phone, subtotal, discount, shipping_fee, total, payment_method, installments,
                                          terms_accepted_at, terms_accepted, idempotency_key, referral_code, referrer_id, created_at, expires_at, idempotency_fingerprint)
              select $1, $2 || lpad(seq.n, greatest(6, length(seq.n)), '0'), $3, 'PENDING_PAYMENT', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $21 from seq
              returning *),
        l as (insert into order_line (id, order_id, variant_id, product_title, variant_name, quantity, unit_price, discount_share, position)
              select gen_random_uuid(), o.id, x.variant_id, x.product_title, x.variant_name, x.quantity, x.unit_price, x.discount_share, x.position
                from o, jsonb_to_recordset($20::jsonb) as x(variant_id uuid, product_title text, variant_name text, quantity int, unit_price int, discount_share int, position int))
   select * from o`,
);

/** Writes a PENDING_PAYMENT order and its lines; returns the order's row. */
export async function insertOrder(sql: Sql, o: NewOrder): Promise<OrderRow> {
  const lines = o.lines.map((l) => ({ variant_id: l.variantId, product_title: l.productTitle, variant_name: l.variantName, quantity: l.quantity, unit_price: l.unitPrice, discount_share: l.discountShare, position: l.position }));
  const [row] = await sql<OrderRow>(INSERT_ORDER, [
    o.id,
    o.numberPrefix,
    o.kind,
    o.customerId,
    o.recipientName,
    o.recipientPhone,
    o.subtotal,
    o.discount,
    o.shippingFee,
    o.total,
    o.paymentMethod,
    o.installments,
    o.termsAcceptedAt,
    o.termsAccepted,
    o.idempotencyKey,
    o.referralCode,
    o.referrerId,
    o.createdAt,
    o.expiresAt,
    JSON.stringify(lines),
    o.idempotencyFingerprint,
  ]);
  return row!;
}

/** A customer_order row as PostgreSQL returns it (column names). */
export interface OrderRow {
  id: string;
  number: string;
  kind: ProductKind;
  status: OrderStatus;
  customer_id: string;
  recipient_name: string;
  recipient_phone: string;
  total: number;
  payment_method: PaymentMethod;
  expires_at: Date | null;
  idempotency_fingerprint: string | null;
  /** P3: the charge waiting for the shopper's 3-D Secure step, and where to send them. */
  gateway_charge_id: string | null;
  payment_redirect_url: string | null;
  [column: string]: unknown;
}

export interface PaidLine {
  id: string;
  quantity: number;
  unitPrice: number;
  discountShare: number;
  productTitle: string;
  variantName: string;
  validFrom: Date | null;
  validUntil: Date | null;
}

/** A pending order under its row lock, with what settling its payment needs. */
export interface LockedOrder {
  order: OrderRow;
  lines: PaidLine[];
  feeBasisPoints: number;
}

const LOCK_ORDER = statement(
  'checkout-lock-order',
  `with o as (select * from customer_order where id = $1 for update)
   select o.*, (select ticket_fee_basis_points from store_settings where id = 1) as store_fee_basis_points,
          coalesce((select json_agg(json_build_object('id', l.id, 'quantity', l.quantity, 'unitPrice', l.unit_price, 'discountShare', l.discount_share,
                      'productTitle', l.product_title, 'variantName', l.variant_name, 'validFrom', p.valid_from, 'validUntil', p.valid_until) order by l.position)
                      from order_line l join variant v on v.id = l.variant_id join product p on p.id = v.product_id where l.order_id = o.id), '[]') as paid_lines
     from o`,
);

/**
 * The order row-locked for settling its payment, with its lines (and each product's validity, T1) and
 * the ticket fee rate in force now (L3). Null when there is no such order.
 */
export async function lockOrder(sql: Sql, orderId: string): Promise<LockedOrder | null> {
  const [row] = await sql<OrderRow & { store_fee_basis_points: number | null; paid_lines: (Omit<PaidLine, 'validFrom' | 'validUntil'> & { validFrom: string | null; validUntil: string | null })[] }>(LOCK_ORDER, [orderId]);
  if (!row) return null;
  const { store_fee_basis_points: feeBasisPoints, paid_lines: lines, ...order } = row;
  if (feeBasisPoints == null) throw new Error('store_settings row 1 is missing (migrations create it)');
  return { order: order as OrderRow, feeBasisPoints, lines: lines.map((l) => ({ ...l, validFrom: dateOrNull(l.validFrom), validUntil: dateOrNull(l.validUntil) })) };
}

const MARK_PAID = statement(
  'checkout-mark-paid',
  `with o as (update customer_order set status = 'PAID', paid_at = $2, expires_at = null, fee_amount = $3, fee_basis_points = $4 where id = $1 returning *),
        p as (insert into payment (id, order_id, gateway_charge_id, amount, created_at, gateway, three_domain_secure, card_brand, card_last_four, bank_result)
              select gen_random_uuid(), o.id, $5, o.total, $2, $6, $7, $8, $9, $10 from o)
   select * from o`,
);

/** What the gateway told of an approved charge (B6: the admin sees it on the order). */
export interface PaymentDetails {
  gateway: string;
  chargeId: string;
  threeDomainSecure: boolean;
  cardBrand: string | null;
  cardLastFour: string | null;
  bankResult: string | null;
}

/** The order is paid: its status, the fee it bears (L3), and the payment record (P1). */
export async function markPaid(sql: Sql, orderId: string, now: Date, payment: PaymentDetails, fee: { amount: number; basisPoints: number }): Promise<OrderRow> {
  const [row] = await sql<OrderRow>(MARK_PAID, [
    orderId,
    now,
    fee.amount,
    fee.basisPoints,
    payment.chargeId,
    payment.gateway,
    payment.threeDomainSecure,
    payment.cardBrand,
    payment.cardLastFour,
    payment.bankResult,
  ]);
  return row!;
}

const SET_STATUS = statement('checkout-set-status', 'update customer_order set status = $2 where id = $1 returning *');

/** The order failed to pay or expired (its stock is released by the caller, in the same transaction). */
export async function setOrderStatus(sql: Sql, orderId: string, status: OrderStatus.PAYMENT_FAILED | OrderStatus.EXPIRED): Promise<OrderRow> {
  const [row] = await sql<OrderRow>(SET_STATUS, [orderId, status]);
  return row!;
}
