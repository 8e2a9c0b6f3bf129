import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16, item 4 for redemptions (R5, B8): an idempotency key belongs to the principal that sent it (the
 * staff account or the API key), so one clerk's key is just another key to a second clerk and never answers
 * with the first clerk's result. The key was unique across every redemption; it is now unique per principal.
 * Keys are never deleted (a redemption is never deleted): kept far longer than 24 h. Rows written before were
 * unique across all principals, so they are unique per principal too.
 *
 * The unknown-code limit (R6) keeps its counts in the existing `rate_limit` table: nothing to change there.
 */
export class Migration20261204110000_redemption_security extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create unique index "redemption_principal_idempotency_key_unique" on "redemption" ((coalesce("staff_id", "api_key_id")), "idempotency_key");`,
    );
    this.addSql(`alter table "redemption" drop constraint if exists "redemption_idempotency_key_unique";`);
  }
}
