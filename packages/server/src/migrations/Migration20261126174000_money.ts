import { Migration } from '@mikro-orm/migrations';

export class Migration20261126174000_money extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "referrer" ("id" uuid primary key, "name" text not null, "code" text not null unique, "commission_basis_points" int not null check ("commission_basis_points" between 0 and 10000), "created_at" timestamptz not null);`);
    this.addSql(`alter table "customer_order" add column "referrer_id" uuid null references "referrer" ("id");`);
    // A2/A3: one commission per order, made when it closes.
    this.addSql(`create table "commission" ("id" uuid primary key, "order_id" uuid not null unique references "customer_order" ("id"), "referrer_id" uuid not null references "referrer" ("id"), "base_amount" int not null check ("base_amount" >= 0), "commission_basis_points" int not null, "amount" int not null check ("amount" >= 0), "created_at" timestamptz not null);`);
    this.addSql(`create index "commission_referrer_created_index" on "commission" ("referrer_id", "created_at");`);
    this.addSql(`create index "customer_order_paid_at_index" on "customer_order" ("paid_at") where "status" in ('PAID', 'PARTIALLY_REFUNDED');`);
    this.addSql(`create index "ledger_entry_kind_occurred_index" on "ledger_entry" ("kind", "occurred_at");`);
  }
}
