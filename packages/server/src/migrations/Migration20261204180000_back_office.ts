import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15: the merchant's back office.
 *
 * B10, the dashboard, reads the ledger (L1) through rollups. Summing the ledger itself is too slow for a
 * landing page: on 1,000,000 codes (2.5 million ledger rows) the liability's sum over every SALE, REDEMPTION
 * and REFUND took 300 ms with a covering index and a parallel index-only scan, 760 ms without; a 7-day
 * sum 1 s. So:
 * - `ledger_day_total` (Taipei day, kind), `ledger_day_product` (Taipei day, SALE or REDEMPTION, product) and
 *   `ledger_redemption_hour` (Taipei day, hour of day) hold the sums of the ledger rows up to
 *   `ledger_rollup_state.last_id`; the dashboard adds the rows after it (the tail, by primary key), so it is
 *   exact at any moment. Only the rollup job writes them (no trigger on the hot paths: an upsert per
 *   ledger row halved the insert rate in a pgbench run), and it folds in only ids no running transaction
 *   can still commit (see modules/dashboard/books-rollup.ts).
 * - `orders` counts each order once per kind: at its first SALE (or REFUND) row.
 * - `ledger_entry (order_id, kind, id)` answers "is this the order's first row of this kind" in one index
 *   probe (an order of 100,000 codes included); it serves every lookup by order_id too, so it replaces
 *   `ledger_entry_order_id_index` and the ledger's writes keep the same number of indexes.
 *
 * Exports (orders.csv) page through orders newest first by (created_at, id), like the admin's list:
 * `customer_order (created_at desc, id desc)` makes each page one index range; it serves the list's
 * ordering as well, so it replaces `customer_order_created_at_index`.
 */
export class Migration20261204180000_back_office extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "ledger_rollup_state" (
      "id" smallint primary key default 1 constraint "ledger_rollup_state_single" check ("id" = 1),
      "last_id" bigint not null default 0,
      "pending_id" bigint not null default 0,
      "pending_at" timestamptz null,
      "rolled_at" timestamptz null
    );`);
    this.addSql(`insert into "ledger_rollup_state" ("id") values (1);`);
    this.addSql(`create table "ledger_day_total" (
      "day" date not null, "kind" text not null,
      "amount" bigint not null, "quantity" bigint not null, "orders" bigint not null,
      constraint "ledger_day_total_pkey" primary key ("day", "kind")
    );`);
    this.addSql(`create table "ledger_day_product" (
      "day" date not null, "kind" text not null, "product_id" uuid not null,
      "amount" bigint not null, "quantity" bigint not null,
      constraint "ledger_day_product_pkey" primary key ("day", "kind", "product_id")
    );`);
    this.addSql(`create table "ledger_redemption_hour" (
      "day" date not null, "hour" smallint not null constraint "ledger_redemption_hour_hour_check" check ("hour" between 0 and 23),
      "amount" bigint not null, "quantity" bigint not null,
      constraint "ledger_redemption_hour_pkey" primary key ("day", "hour")
    );`);
    this.addSql(`create index "ledger_entry_order_kind_index" on "ledger_entry" ("order_id", "kind", "id");`);
    this.addSql(`drop index "ledger_entry_order_id_index";`);

    this.addSql(`create index "customer_order_created_id_index" on "customer_order" ("created_at" desc, "id" desc);`);
    this.addSql(`drop index "customer_order_created_at_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "customer_order_created_at_index" on "customer_order" ("created_at" desc);`);
    this.addSql(`drop index "customer_order_created_id_index";`);
    this.addSql(`create index "ledger_entry_order_id_index" on "ledger_entry" ("order_id");`);
    this.addSql(`drop index "ledger_entry_order_kind_index";`);
    this.addSql(`drop table "ledger_redemption_hour";`);
    this.addSql(`drop table "ledger_day_product";`);
    this.addSql(`drop table "ledger_day_total";`);
    this.addSql(`drop table "ledger_rollup_state";`);
  }
}
