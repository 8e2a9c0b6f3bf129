import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16, items 4-6 for checkout, refunds and cancels.
 * - B8: an idempotency key is bound to its input (a digest of it) and scoped to its principal. Checkout keys
 *   were already unique per customer; refund and cancel keys were unique across all admins, so one admin's
 *   key used by another failed. Keys live as long as their order or refund (never deleted): over 24 h.
 * - Item 5: the last line of defence under checkout's own bounds (CHECKOUT_LIMITS): an order line holds 1 to
 *   1,000 units worth at most NT$10,000,000 (computed in bigint, so the check itself cannot overflow). NOT
 *   VALID: enforced on new rows without failing on rows written before. Order lines are never updated; the
 *   order row is (status, payment), so its total is bounded by the code only: a CHECK there would make an
 *   oversized order written before this migration impossible to expire or cancel.
 * - Item 6: cash-on-delivery orders still open are counted per customer and per delivery phone at each COD
 *   checkout; partial indexes keep that count to the few rows it reads.
 */
export class Migration20261204120000_checkout_security extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "customer_order" add column "idempotency_fingerprint" text null;`);

    this.addSql(`alter table "refund" add column "idempotency_scope" text null;`);
    this.addSql(`alter table "refund" add column "idempotency_fingerprint" text null;`);
    this.addSql(`update "refund" set "idempotency_scope" = coalesce('user:' || "created_by_id", 'unknown');`);
    this.addSql(`alter table "refund" alter column "idempotency_scope" set not null;`);
    this.addSql(`alter table "refund" drop constraint if exists "refund_idempotency_key_key";`);
    this.addSql(`alter table "refund" add constraint "refund_idempotency_scope_key_unique" unique ("idempotency_scope", "idempotency_key");`);

    this.addSql(`alter table "order_line" add constraint "order_line_bounds" check ("quantity" between 1 and 1000 and "quantity"::bigint * "unit_price" <= 10000000) not valid;`);

    this.addSql(`create index "customer_order_open_cod_customer_index" on "customer_order" ("customer_id") where "status" = 'PENDING_PAYMENT' and "payment_method" = 'CASH_ON_DELIVERY';`);
    this.addSql(`create index "customer_order_open_cod_phone_index" on "customer_order" ("recipient_phone") where "status" = 'PENDING_PAYMENT' and "payment_method" = 'CASH_ON_DELIVERY';`);
  }
}
