import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 14, item 2 (B1): webhooks after the Standard Webhooks specification.
 * - `webhook_endpoint`: where integrators want events (at most 20, checked by the service), which events,
 *   and the signing secret, sealed with WEBHOOK_SECRET_KEY when one is configured (see webhook-secret.ts).
 *   The previous secret keeps signing beside the new one for a day after a rotation.
 * - `webhook_event`: the outbox. One row per event, written in the transaction of the change itself (only
 *   when an enabled endpoint subscribes to its type); its id is the `webhook-id` every attempt carries, so
 *   receivers deduplicate. The dispatcher turns undispatched events into deliveries (a partial index finds them).
 * - `webhook_delivery`: one event for one endpoint (the enabled endpoints subscribed when it was dispatched),
 *   with its state and the time of its next attempt; `webhook_delivery_attempt`: each POST, as it went.
 * Deleting an endpoint deletes its deliveries (their queued jobs then find nothing to do).
 */
export class Migration20261204150000_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "webhook_endpoint" (
      "id" uuid primary key,
      "url" text not null,
      "description" text null,
      "events" text[] not null check (cardinality("events") > 0),
      "enabled" boolean not null default true,
      "secret" text not null,
      "previous_secret" text null,
      "previous_secret_expires_at" timestamptz null,
      "disabled_reason" text null check ("disabled_reason" in ('MANUAL', 'FAILING')),
      "disabled_at" timestamptz null,
      "failing_since" timestamptz null,
      "created_by_id" uuid null references "app_user" ("id") on delete set null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null
    );`);
    this.addSql(`create table "webhook_event" (
      "id" text primary key,
      "type" text not null,
      "payload" jsonb not null,
      "created_at" timestamptz not null,
      "dispatched" boolean not null default false
    );`);
    this.addSql(`create index "webhook_event_undispatched_index" on "webhook_event" ("created_at") where not "dispatched";`);
    this.addSql(`create table "webhook_delivery" (
      "id" uuid primary key,
      "event_id" text not null references "webhook_event" ("id"),
      "endpoint_id" uuid not null references "webhook_endpoint" ("id") on delete cascade,
      "status" text not null default 'PENDING' check ("status" in ('PENDING', 'SUCCEEDED', 'FAILED')),
      "attempts" int not null default 0 check ("attempts" >= 0),
      "first_attempt_at" timestamptz null,
      "last_attempt_at" timestamptz null,
      "next_attempt_at" timestamptz null,
      "created_at" timestamptz not null,
      constraint "webhook_delivery_event_endpoint_unique" unique ("event_id", "endpoint_id")
    );`);
    this.addSql(`create index "webhook_delivery_endpoint_index" on "webhook_delivery" ("endpoint_id", "created_at" desc, "id" desc);`);
    this.addSql(`create index "webhook_delivery_due_index" on "webhook_delivery" ("next_attempt_at") where "status" = 'PENDING';`);
    this.addSql(`create table "webhook_delivery_attempt" (
      "id" uuid primary key,
      "delivery_id" uuid not null references "webhook_delivery" ("id") on delete cascade,
      "attempt" int not null check ("attempt" > 0),
      "attempted_at" timestamptz not null,
      "status_code" int null,
      "duration_ms" int null,
      "response_excerpt" text null,
      "error" text null,
      "next_attempt_at" timestamptz null,
      constraint "webhook_delivery_attempt_unique" unique ("delivery_id", "attempt")
    );`);
    // Admins who manage integrations (API keys) manage webhooks too; others are given it by staff managers.
    this.addSql(`update "app_user" set "admin_permissions" = array_append("admin_permissions", 'WEBHOOKS_MANAGE')
      where "role" = 'ADMIN' and 'API_KEYS_MANAGE' = any("admin_permissions") and not ('WEBHOOKS_MANAGE' = any("admin_permissions"));`);
  }
}
