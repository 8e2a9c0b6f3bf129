import { Migration } from '@mikro-orm/migrations';

export class Migration20261204170000_password_reset extends Migration {
  override async up(): Promise<void> {
    // B9: a password-reset link, made when its mail is sent. Only the SHA-256 of the token is kept; a link
    // works once (used_at, set by a guarded update) and until expires_at.
    this.addSql(`create table "password_reset" (
      "id" uuid primary key,
      "user_id" uuid not null references "app_user" ("id") on delete cascade,
      "token_hash" text not null,
      "app" text not null check ("app" in ('SHOP', 'ADMIN', 'CLERK')),
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "used_at" timestamptz null,
      constraint "password_reset_token_hash_unique" unique ("token_hash"),
      constraint "password_reset_expires_after_created" check ("expires_at" > "created_at")
    );`);
    this.addSql(`create index "password_reset_user_id_index" on "password_reset" ("user_id") where "used_at" is null;`);
  }
}
