import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 14, items 3 and 4.
 * - B5, the audit log: `audit_event`, one row per privileged action (who, when, from which address and user
 *   agent, what, the object's fields before and after), written in the transaction of the change. Append-only
 *   in the database: a trigger refuses UPDATE and DELETE on any row and TRUNCATE of the table, whoever asks.
 *   Admins holding STAFF_MANAGE (the full admins) get the new AUDIT_READ permission.
 * - B3, redemption correction: a reversal is a redemption row of its own, never an update or a delete: a
 *   negative quantity, the redemption it corrects (`reversal_of_id`) and a required reason. An ordinary
 *   redemption keeps a positive quantity and no reason.
 */
export class Migration20261204160000_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_event" (
      "id" bigserial primary key,
      "at" timestamptz not null,
      "action" varchar(100) not null,
      "actor_type" text not null check ("actor_type" in ('USER', 'API_KEY', 'ANONYMOUS')),
      "actor_id" uuid null,
      "actor_name" varchar(255) not null,
      "ip_address" varchar(100) null,
      "user_agent" varchar(500) null,
      "object_type" varchar(100) not null,
      "object_id" varchar(100) null,
      "before" jsonb null,
      "after" jsonb null,
      "request_id" varchar(64) null
    );`);
    this.addSql(`create index "audit_event_at_index" on "audit_event" ("at" desc, "id" desc);`);
    this.addSql(`create index "audit_event_actor_index" on "audit_event" ("actor_id", "at" desc, "id" desc);`);
    this.addSql(`create index "audit_event_action_index" on "audit_event" ("action", "at" desc, "id" desc);`);
    this.addSql(`create index "audit_event_object_index" on "audit_event" ("object_type", "object_id", "at" desc, "id" desc);`);
    this.addSql(
      `create function "audit_event_append_only"() returns trigger language plpgsql as $$ begin raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege'; end $$;`,
    );
    this.addSql(`create trigger "audit_event_no_update_delete" before update or delete on "audit_event" for each row execute function "audit_event_append_only"();`);
    this.addSql(`create trigger "audit_event_no_truncate" before truncate on "audit_event" for each statement execute function "audit_event_append_only"();`);
    this.addSql(`update "app_user" set "admin_permissions" = array_append("admin_permissions", 'AUDIT_READ')
      where "role" = 'ADMIN' and 'STAFF_MANAGE' = any("admin_permissions") and not ('AUDIT_READ' = any("admin_permissions"));`);

    this.addSql(`alter table "redemption" add column "reversal_of_id" uuid null references "redemption" ("id"), add column "reason" text null;`);
    this.addSql(`alter table "redemption" drop constraint "redemption_quantity_positive";`);
    this.addSql(`alter table "redemption" add constraint "redemption_quantity_sign" check (
      ("reversal_of_id" is null and "quantity" > 0 and "reason" is null) or ("reversal_of_id" is not null and "quantity" < 0 and "reason" is not null));`);
    this.addSql(`create index "redemption_reversal_of_id_index" on "redemption" ("reversal_of_id") where "reversal_of_id" is not null;`);
  }
}
