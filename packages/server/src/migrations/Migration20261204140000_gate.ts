import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 13, items 5 and 6: the gate.
 * - B7, offline redemption: per-product settings (off by default, a 12 h window); the OFFLINE channel and the
 *   device's time of an offline redemption (`redeemed_at`, beside `created_at`, the sync time); the snapshots
 *   handed to clerk devices and the syncs they made (the offline history); conflicts (a code redeemed on two
 *   devices: the second one is recorded here, never redeemed); the server's secret that signs snapshots, made
 *   on first use when OFFLINE_SNAPSHOT_SECRET is not set, so every API process signs with the same one.
 * - B2, live counts and B7 snapshots read a product's codes through its ticket types' order lines: indexes on
 *   those two foreign keys (neither was indexed).
 */
export class Migration20261204140000_gate extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "product" add column "offline_redemption" boolean not null default false, add column "offline_window_hours" int not null default 12 constraint "product_offline_window_hours_check" check ("offline_window_hours" between 1 and 72);`,
    );

    this.addSql(`alter table "redemption" drop constraint if exists "redemption_channel_check";`);
    this.addSql(`alter table "redemption" add constraint "redemption_channel_check" check ("channel" in ('SCANNER', 'CAMERA', 'LIST', 'MANUAL', 'OFFLINE'));`);
    this.addSql(`alter table "redemption" add column "redeemed_at" timestamptz null;`);

    this.addSql(`create index "order_line_variant_id_index" on "order_line" ("variant_id");`);
    this.addSql(`create index "ticket_code_order_line_id_index" on "ticket_code" ("order_line_id");`);

    this.addSql(`create table "server_secret" ("name" text primary key, "value" text not null, "created_at" timestamptz not null default now());`);

    this.addSql(`create table "offline_snapshot" (
      "id" uuid primary key, "product_id" uuid not null references "product" ("id"), "device_id" varchar(100) not null,
      "staff_id" uuid null, "api_key_id" uuid null, "issued_by" varchar(255) not null, "entry_count" int not null,
      "issued_at" timestamptz not null, "expires_at" timestamptz not null, "hash_key" text not null, "entries_digest" text not null, "signature" text not null);`);
    this.addSql(`create index "offline_snapshot_issued_at_index" on "offline_snapshot" ("issued_at" desc, "id" desc);`);
    this.addSql(`create index "offline_snapshot_product_id_index" on "offline_snapshot" ("product_id", "issued_at" desc);`);

    this.addSql(`create table "offline_sync" (
      "id" uuid primary key, "snapshot_id" uuid not null references "offline_snapshot" ("id"), "product_id" uuid not null references "product" ("id"),
      "device_id" varchar(100) not null, "staff_id" uuid null, "api_key_id" uuid null, "synced_by" varchar(255) not null, "synced_at" timestamptz not null,
      "items" int not null, "redeemed" int not null, "already_synced" int not null, "conflicts" int not null, "refused" int not null);`);
    this.addSql(`create index "offline_sync_synced_at_index" on "offline_sync" ("synced_at" desc, "id" desc);`);
    this.addSql(`create index "offline_sync_product_id_index" on "offline_sync" ("product_id", "synced_at" desc);`);

    this.addSql(`create table "offline_conflict" (
      "id" uuid primary key, "ticket_code_id" uuid not null references "ticket_code" ("id"), "code" varchar(25) not null,
      "product_id" uuid not null references "product" ("id"), "product_title" varchar(255) not null, "variant_name" varchar(255) not null,
      "snapshot_id" uuid not null references "offline_snapshot" ("id"),
      "winner_redemption_id" uuid null references "redemption" ("id"), "winner_channel" text null, "winner_device" varchar(255) null,
      "winner_name" varchar(255) null, "winner_at" timestamptz null,
      "loser_device" varchar(100) not null, "loser_staff_id" uuid null, "loser_api_key_id" uuid null, "loser_name" varchar(255) not null,
      "loser_at" timestamptz not null, "idempotency_key" varchar(100) not null, "created_at" timestamptz not null,
      "resolved_at" timestamptz null, "resolved_by_id" uuid null, "resolved_by_name" varchar(255) null, "resolution" text null, "note" text null,
      constraint "offline_conflict_resolution_check" check ("resolution" in ('ACKNOWLEDGED', 'SAME_HOLDER', 'DUPLICATE_ENTRY')));`);
    // R5/B8 for offline items: a device's key is its principal's, as for online redemptions.
    this.addSql(`create unique index "offline_conflict_principal_idempotency_key_unique" on "offline_conflict" ((coalesce("loser_staff_id", "loser_api_key_id")), "idempotency_key");`);
    this.addSql(`create index "offline_conflict_created_at_index" on "offline_conflict" ("created_at" desc, "id" desc);`);
    this.addSql(`create index "offline_conflict_open_index" on "offline_conflict" ("created_at" desc, "id" desc) where "resolved_at" is null;`);
  }
}
