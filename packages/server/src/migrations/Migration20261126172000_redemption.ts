import { Migration } from '@mikro-orm/migrations';

export class Migration20261126172000_redemption extends Migration {
  override async up(): Promise<void> {
    // F8/L2: what the buyer paid for the code's whole quantity (after the mix-and-match share).
    this.addSql(`alter table "ticket_code" add column "face_value" int not null default 0 check ("face_value" >= 0);`);
    this.addSql(`create index "ticket_code_variant_name_trgm" on "ticket_code" using gin ("variant_name" gin_trgm_ops);`);
    this.addSql(`create index "ticket_code_code_prefix" on "ticket_code" ("code" text_pattern_ops);`);
    this.addSql(`create index "ticket_code_order_number_prefix" on "ticket_code" ("order_number" text_pattern_ops);`);
  }
}
