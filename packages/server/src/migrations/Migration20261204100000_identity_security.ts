import { Migration } from '@mikro-orm/migrations';

export class Migration20261204100000_identity_security extends Migration {
  override async up(): Promise<void> {
    // S4: the store owner, the first admin; nobody else can disable it or reduce its permissions.
    this.addSql(`alter table "app_user" add column "is_owner" boolean not null default false;`);
    this.addSql(`alter table "app_user" add constraint "app_user_owner_is_admin" check (not "is_owner" or "role" = 'ADMIN');`);
    this.addSql(`update "app_user" set "is_owner" = true where "id" = (select "id" from "app_user" where "role" = 'ADMIN' order by "created_at", "id" limit 1);`);
    this.addSql(`create unique index "app_user_single_owner" on "app_user" ("is_owner") where "is_owner";`);

    // Phones are stored as sign-in compares them: without spaces and dashes.
    this.addSql(`update "app_user" set "phone" = nullif(regexp_replace("phone", '[\\s-]', '', 'g'), '') where "phone" ~ '[\\s-]';`);
    // An account without an email signs in with its phone: one such account per phone. Where two already
    // share one, the first registered keeps it and the later ones are disabled (staff can re-enable them
    // once the phone is sorted out), as login could not tell them apart anyway.
    this.addSql(`update "app_user" u set "disabled_at" = now()
      where u."email" is null and u."disabled_at" is null and u."phone" is not null
        and exists (select 1 from "app_user" o where o."email" is null and o."disabled_at" is null and o."phone" = u."phone"
                      and (o."created_at", o."id") < (u."created_at", u."id"));`);
    this.addSql(`create unique index "app_user_sign_in_phone_unique" on "app_user" ("phone") where "email" is null and "disabled_at" is null;`);
  }
}
