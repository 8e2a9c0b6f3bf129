import { Migration } from '@mikro-orm/migrations';

export class Migration20261126164402_commerce extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "ledger_entry" ("id" bigserial primary key, "kind" text check ("kind" in ('SALE', 'FEE', 'REDEMPTION', 'REFUND', 'FEE_REFUND')) not null, "order_id" uuid not null, "ticket_code_id" uuid null, "quantity" int not null default 0, "amount" int not null, "occurred_at" timestamptz not null, "ref" varchar(255) not null);`);
    this.addSql(`create index "ledger_entry_order_id_index" on "ledger_entry" ("order_id");`);
    this.addSql(`create index "ledger_entry_ticket_code_id_index" on "ledger_entry" ("ticket_code_id");`);
    this.addSql(`create index "ledger_entry_occurred_at_index" on "ledger_entry" ("occurred_at");`);
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_ref_unique" unique ("ref");`);

    this.addSql(`create table "mix_match_discount" ("id" uuid not null, "name" varchar(255) not null, "required_quantity" int not null, "fixed_price" int null, "percent_off" int null, "active" boolean not null default true, constraint "mix_match_discount_pkey" primary key ("id"));`);

    this.addSql(`create table "product" ("id" uuid not null, "kind" text check ("kind" in ('TICKET', 'GOODS')) not null, "title" varchar(255) not null, "description" text not null default '', "terms" text not null default '', "images" text[] not null default '{}', "status" text check ("status" in ('DRAFT', 'ACTIVE', 'ARCHIVED')) not null default 'DRAFT', "valid_from" timestamptz null, "valid_until" timestamptz null, "shipping_fee" int not null default 0, "free_shipping_threshold" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "product_pkey" primary key ("id"));`);

    this.addSql(`create table "purchase_limit_group" ("id" uuid not null, "name" varchar(255) not null, "max_quantity" int not null, constraint "purchase_limit_group_pkey" primary key ("id"));`);

    this.addSql(`create table "customer_order" ("id" uuid not null, "number" varchar(255) not null, "kind" text check ("kind" in ('TICKET', 'GOODS')) not null, "status" text check ("status" in ('PENDING_PAYMENT', 'PAID', 'RETURNING', 'RETURN_REVIEW', 'PARTIALLY_REFUNDED', 'CANCELLED', 'CLOSED', 'PAYMENT_FAILED', 'EXPIRED')) not null default 'PENDING_PAYMENT', "customer_id" uuid not null, "recipient_name" varchar(255) not null, "recipient_phone" varchar(255) not null, "subtotal" int not null, "discount" int not null default 0, "shipping_fee" int not null default 0, "total" int not null, "fee_amount" int not null default 0, "payment_method" text check ("payment_method" in ('CREDIT_CARD', 'CASH_ON_DELIVERY')) not null, "installments" int not null default 1, "terms_accepted_at" timestamptz null, "terms_accepted" text null, "idempotency_key" varchar(255) not null, "referral_code" varchar(255) null, "created_at" timestamptz not null, "expires_at" timestamptz null, "paid_at" timestamptz null, "closed_at" timestamptz null, constraint "customer_order_pkey" primary key ("id"));`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_number_unique" unique ("number");`);
    this.addSql(`create index "customer_order_status_index" on "customer_order" ("status");`);
    this.addSql(`create index "customer_order_customer_id_index" on "customer_order" ("customer_id");`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_customer_id_idempotency_key_unique" unique ("customer_id", "idempotency_key");`);

    this.addSql(`create table "payment" ("id" uuid not null, "order_id" uuid not null, "gateway_charge_id" varchar(255) not null, "amount" int not null, "refunded_amount" int not null default 0, "status" text check ("status" in ('SUCCEEDED', 'VOIDED', 'PARTIALLY_REFUNDED', 'REFUNDED')) not null default 'SUCCEEDED', "created_at" timestamptz not null, constraint "payment_pkey" primary key ("id"));`);
    this.addSql(`create index "payment_order_id_index" on "payment" ("order_id");`);
    this.addSql(`alter table "payment" add constraint "payment_gateway_charge_id_unique" unique ("gateway_charge_id");`);

    this.addSql(`create table "variant" ("id" uuid not null, "product_id" uuid not null, "name" varchar(255) not null, "price" int not null, "stock" int null, "sale_starts_at" timestamptz null, "sale_ends_at" timestamptz null, "position" int not null default 0, "archived" boolean not null default false, constraint "variant_pkey" primary key ("id"));`);

    this.addSql(`create table "purchase_limit_group_variant" ("purchase_limit_group_id" uuid not null, "variant_id" uuid not null, constraint "purchase_limit_group_variant_pkey" primary key ("purchase_limit_group_id", "variant_id"));`);

    this.addSql(`create table "order_line" ("id" uuid not null, "order_id" uuid not null, "variant_id" uuid not null, "product_title" varchar(255) not null, "variant_name" varchar(255) not null, "quantity" int not null, "unit_price" int not null, "discount_share" int not null default 0, "position" int not null default 0, constraint "order_line_pkey" primary key ("id"));`);

    this.addSql(`create table "ticket_code" ("id" uuid not null, "code" varchar(25) not null, "order_id" uuid not null, "order_line_id" uuid not null, "parent_id" uuid null, "quantity" int not null, "redeemed_quantity" int not null default 0, "refunded_quantity" int not null default 0, "status" text check ("status" in ('ACTIVE', 'FULLY_REDEEMED', 'SPLIT', 'REFUNDED')) not null default 'ACTIVE', "product_title" varchar(255) not null, "variant_name" varchar(255) not null, "valid_from" timestamptz null, "valid_until" timestamptz null, "holder_name" varchar(255) not null, "holder_phone" varchar(255) not null, "order_number" varchar(255) not null, "owner_id" uuid not null, "created_at" timestamptz not null, constraint "ticket_code_pkey" primary key ("id"));`);
    this.addSql(`alter table "ticket_code" add constraint "ticket_code_code_unique" unique ("code");`);
    this.addSql(`create index "ticket_code_order_id_index" on "ticket_code" ("order_id");`);
    this.addSql(`create index "ticket_code_parent_id_index" on "ticket_code" ("parent_id");`);
    this.addSql(`create index "ticket_code_owner_id_index" on "ticket_code" ("owner_id");`);

    this.addSql(`create table "redemption" ("id" uuid not null, "ticket_code_id" uuid not null, "quantity" int not null, "channel" text check ("channel" in ('SCANNER', 'CAMERA', 'LIST', 'MANUAL')) not null, "device" varchar(255) null, "staff_id" uuid null, "api_key_id" uuid null, "redeemed_by" varchar(255) not null, "created_at" timestamptz not null, "idempotency_key" varchar(255) null, constraint "redemption_pkey" primary key ("id"));`);
    this.addSql(`create index "redemption_ticket_code_id_index" on "redemption" ("ticket_code_id");`);
    this.addSql(`create index "redemption_created_at_index" on "redemption" ("created_at");`);
    this.addSql(`alter table "redemption" add constraint "redemption_idempotency_key_unique" unique ("idempotency_key");`);

    this.addSql(`create table "mix_match_discount_variant" ("mix_match_discount_id" uuid not null, "variant_id" uuid not null, constraint "mix_match_discount_variant_pkey" primary key ("mix_match_discount_id", "variant_id"));`);

    this.addSql(`alter table "customer_order" add constraint "customer_order_customer_id_foreign" foreign key ("customer_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "payment" add constraint "payment_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on update cascade;`);

    this.addSql(`alter table "variant" add constraint "variant_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "purchase_limit_group_variant" add constraint "purchase_limit_group_variant_purchase_limit_group_id_foreign" foreign key ("purchase_limit_group_id") references "purchase_limit_group" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "purchase_limit_group_variant" add constraint "purchase_limit_group_variant_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "order_line" add constraint "order_line_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "order_line" add constraint "order_line_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on update cascade;`);

    this.addSql(`alter table "ticket_code" add constraint "ticket_code_order_id_foreign" foreign key ("order_id") references "customer_order" ("id") on update cascade;`);
    this.addSql(`alter table "ticket_code" add constraint "ticket_code_order_line_id_foreign" foreign key ("order_line_id") references "order_line" ("id") on update cascade;`);
    this.addSql(`alter table "ticket_code" add constraint "ticket_code_parent_id_foreign" foreign key ("parent_id") references "ticket_code" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "redemption" add constraint "redemption_ticket_code_id_foreign" foreign key ("ticket_code_id") references "ticket_code" ("id") on update cascade;`);

    this.addSql(`alter table "mix_match_discount_variant" add constraint "mix_match_discount_variant_mix_match_discount_id_foreign" foreign key ("mix_match_discount_id") references "mix_match_discount" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "mix_match_discount_variant" add constraint "mix_match_discount_variant_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on update cascade on delete cascade;`);

    // --- invariants the database keeps, whatever the code does ---------------------------------------
    this.addSql(`alter table "variant" add constraint "variant_price_non_negative" check ("price" >= 0);`);
    this.addSql(`alter table "variant" add constraint "variant_stock_non_negative" check ("stock" is null or "stock" >= 0);`);
    this.addSql(`alter table "order_line" add constraint "order_line_quantity_positive" check ("quantity" > 0 and "unit_price" >= 0 and "discount_share" >= 0);`);
    this.addSql(`alter table "customer_order" add constraint "customer_order_money" check ("subtotal" >= 0 and "discount" >= 0 and "shipping_fee" >= 0 and "total" >= 0);`);
    // K3 and K4 in the database too: tickets never ship and are paid by card in one payment.
    this.addSql(`alter table "customer_order" add constraint "customer_order_ticket_rules" check ("kind" <> 'TICKET' or ("shipping_fee" = 0 and "payment_method" = 'CREDIT_CARD' and "installments" = 1));`);
    this.addSql(`alter table "ticket_code" add constraint "ticket_code_quantities" check ("quantity" > 0 and "redeemed_quantity" >= 0 and "refunded_quantity" >= 0 and "redeemed_quantity" + "refunded_quantity" <= "quantity");`);
    this.addSql(`alter table "redemption" add constraint "redemption_quantity_positive" check ("quantity" > 0);`);
    this.addSql(`alter table "payment" add constraint "payment_amounts" check ("refunded_amount" >= 0 and "refunded_amount" <= "amount");`);
    this.addSql(`alter table "purchase_limit_group" add constraint "purchase_limit_positive" check ("max_quantity" > 0);`);
    this.addSql(`alter table "mix_match_discount" add constraint "mix_match_shape" check ("required_quantity" >= 2 and (("fixed_price" is not null and "fixed_price" >= 0 and "percent_off" is null) or ("percent_off" between 1 and 99 and "fixed_price" is null)));`);
    this.addSql(`create index "order_line_order_id_index" on "order_line" ("order_id");`);
    this.addSql(`create index "variant_product_id_index" on "variant" ("product_id");`);
    this.addSql(`create sequence "order_number_seq";`);

    // L1: the ledger is append-only.
    this.addSql(`create function "ledger_entry_append_only"() returns trigger language plpgsql as $$ begin raise exception 'ledger_entry is append-only'; end $$;`);
    this.addSql(`create trigger "ledger_entry_no_update_delete" before update or delete on "ledger_entry" for each row execute function "ledger_entry_append_only"();`);

    // The redemption list searches five fields; partial name and phone matches use trigram indexes.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create index "ticket_code_product_title_trgm" on "ticket_code" using gin ("product_title" gin_trgm_ops);`);
    this.addSql(`create index "ticket_code_holder_name_trgm" on "ticket_code" using gin ("holder_name" gin_trgm_ops);`);
    this.addSql(`create index "ticket_code_holder_phone_trgm" on "ticket_code" using gin ("holder_phone" gin_trgm_ops);`);
    this.addSql(`create index "ticket_code_order_number_index" on "ticket_code" ("order_number");`);
    this.addSql(`create index "ticket_code_created_at_index" on "ticket_code" ("created_at" desc, "id" desc);`);
    this.addSql(`create index "customer_order_created_at_index" on "customer_order" ("created_at" desc);`);

    // The card gateway simulator's own tables: it stands for a service outside our walls.
    this.addSql(`create schema if not exists "gateway_sim";`);
    this.addSql(`create table "gateway_sim"."charge" ("id" text primary key, "idempotency_key" text not null unique, "amount" int not null, "token" text not null, "status" text not null, "decline_code" text null, "refunded_amount" int not null default 0, "created_at" timestamptz not null, "voided_at" timestamptz null);`);
    this.addSql(`create table "gateway_sim"."refund" ("id" text primary key, "charge_id" text not null references "gateway_sim"."charge" ("id"), "idempotency_key" text not null unique, "amount" int not null, "created_at" timestamptz not null);`);
  }
}
