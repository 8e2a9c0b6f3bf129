import { Migration } from '@mikro-orm/migrations';

export class Migration20261126163403_identity extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "store_settings" ("id" int not null default 1, "registration_email_required" boolean not null default false, "auto_close_days" int not null default 30, "ticket_fee_basis_points" int not null default 500, constraint "store_settings_pkey" primary key ("id"));`);

    this.addSql(`create table "app_user" ("id" uuid not null, "email" varchar(255) null, "name" varchar(255) not null, "phone" varchar(255) null, "role" text check ("role" in ('CUSTOMER', 'ADMIN', 'TICKET_CLERK', 'INTEGRATION')) not null, "admin_permissions" text[] not null default '{}', "password_hash" varchar(255) not null, "disabled_at" timestamptz null, "created_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
    this.addSql(`create index "app_user_phone_index" on "app_user" ("phone");`);

    this.addSql(`create table "auth_session" ("id" uuid not null, "token_hash" varchar(255) not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "auth_session_pkey" primary key ("id"));`);
    this.addSql(`alter table "auth_session" add constraint "auth_session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "auth_session_user_id_index" on "auth_session" ("user_id");`);

    this.addSql(`create table "api_key" ("id" uuid not null, "name" varchar(255) not null, "prefix" varchar(255) not null, "secret_hash" varchar(255) not null, "scopes" text[] not null, "created_by_id" uuid null, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "api_key_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_key" add constraint "api_key_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(`alter table "auth_session" add constraint "auth_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "store_settings" add constraint "store_settings_singleton" check ("id" = 1);`);
    this.addSql(`insert into "store_settings" ("id") values (1);`);
    this.addSql(`alter table "app_user" add constraint "app_user_staff_email" check ("role" = 'CUSTOMER' or "email" is not null);`);
    // rate-limiter-flexible's table (login attempts, code look-ups)
    this.addSql(`create table "rate_limit" ("key" varchar(255) primary key, "points" integer not null default 0, "expire" bigint);`);

    this.addSql(`alter table "api_key" add constraint "api_key_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

}
