import { Migration } from '@mikro-orm/migrations';

export class Migration20261126170500_mail extends Migration {
  override async up(): Promise<void> {
    // T4: one row per mail that must go out once (e.g. confirmation:<orderId>).
    this.addSql(`create table "sent_mail" ("key" text primary key, "message_id" text null, "created_at" timestamptz not null);`);
  }
}
