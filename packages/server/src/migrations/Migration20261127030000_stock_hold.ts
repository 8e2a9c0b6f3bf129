import { Migration } from '@mikro-orm/migrations';

export class Migration20261127030000_stock_hold extends Migration {
  override async up(): Promise<void> {
    // K5: units taken off sale by a checkout whose order is not written yet; the order consumes its holds,
    // and a sweep puts back any that a crashed checkout left behind.
    this.addSql(`create table "stock_hold" ("id" uuid primary key, "variant_id" uuid not null references "variant" ("id"), "quantity" int not null check ("quantity" > 0), "expires_at" timestamptz not null);`);
    this.addSql(`create index "stock_hold_expires_at_index" on "stock_hold" ("expires_at");`);
  }
}
