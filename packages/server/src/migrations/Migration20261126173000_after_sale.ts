import { Migration } from '@mikro-orm/migrations';

export class Migration20261126173000_after_sale extends Migration {
  override async up(): Promise<void> {
    // L3: the fee rate in force when the order was paid, for pro-rata fee refunds.
    this.addSql(`alter table "customer_order" add column "fee_basis_points" int not null default 0;`);
    this.addSql(`alter table "customer_order" add column "cancelled_at" timestamptz null;`);

    // F1: inquiries (詢問紀錄).
    this.addSql(`create table "order_message" ("id" uuid primary key, "order_id" uuid not null references "customer_order" ("id") on delete cascade, "author_id" uuid not null references "app_user" ("id"), "from_staff" boolean not null, "body" text not null check (length("body") between 1 and 2000), "created_at" timestamptz not null, "read_by_staff_at" timestamptz null);`);
    this.addSql(`create index "order_message_order_id_index" on "order_message" ("order_id", "created_at");`);
    this.addSql(`create index "order_message_unread_index" on "order_message" ("order_id") where "read_by_staff_at" is null and not "from_staff";`);

    // F3: at most one refund per order (a cancellation is that refund too).
    this.addSql(`create table "refund" ("id" uuid primary key, "order_id" uuid not null unique references "customer_order" ("id"), "kind" text not null check ("kind" in ('CANCELLATION', 'PARTIAL')), "amount" int not null check ("amount" >= 0), "fee_refund" int not null check ("fee_refund" >= 0), "gateway_reference" text null, "idempotency_key" text not null unique, "reason" text null, "created_by_id" uuid null references "app_user" ("id"), "created_at" timestamptz not null);`);
    this.addSql(`create table "refund_code" ("refund_id" uuid not null references "refund" ("id") on delete cascade, "ticket_code_id" uuid not null references "ticket_code" ("id"), "quantity" int not null check ("quantity" > 0), "amount" int not null check ("amount" >= 0), "fee_refund" int not null check ("fee_refund" >= 0), primary key ("refund_id", "ticket_code_id"));`);
  }
}
