import { Migration } from '@mikro-orm/migrations';

export class Migration20261204130000_async_payments extends Migration {
  override async up(): Promise<void> {
    // P3: the simulator's charges may wait for a 3-D Secure step, and know where to send the shopper and the notification.
    this.addSql(`alter table "gateway_sim"."charge" add column "order_number" text null, add column "three_domain_secure" boolean not null default false, add column "return_url" text null, add column "notify_url" text null;`);
    // P3: a pending order remembers the charge that waits for the shopper and where to send them.
    this.addSql(`alter table "customer_order" add column "gateway_charge_id" text null, add column "payment_redirect_url" text null;`);
    this.addSql(`create index "customer_order_gateway_charge_id_index" on "customer_order" ("gateway_charge_id") where "gateway_charge_id" is not null;`);
    // B6: what the admin sees of a payment; P5: money that arrived after the hold expired, given back.
    this.addSql(`alter table "payment" add column "gateway" text not null default 'simulator', add column "three_domain_secure" boolean not null default false, add column "card_brand" text null, add column "card_last_four" text null, add column "bank_result" text null, add column "late_refund_reference" text null;`);
    // P4: one payment per order, whichever way its settlement arrives.
    this.addSql(`create unique index "payment_order_id_unique" on "payment" ("order_id");`);
    // P4: every notification the gateway posted, as received (a hint; the Record API is the truth).
    this.addSql(`create table "payment_notification" ("id" uuid primary key, "gateway" text not null, "charge_id" text not null, "order_id" uuid null references "customer_order" ("id"), "received_at" timestamptz not null, "body" jsonb not null);`);
    this.addSql(`create index "payment_notification_order_id_index" on "payment_notification" ("order_id");`);
    this.addSql(`create index "payment_notification_charge_id_index" on "payment_notification" ("charge_id");`);
  }
}
