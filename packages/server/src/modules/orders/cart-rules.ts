import type { EntityManager } from '@mikro-orm/postgresql';
import type { MixMatchRule } from './pricing.js';

/**
 * What checkout reads besides the cart's ticket types, one plain query each, inside its transaction:
 * checkout is a flash sale's hot path, and loading entities here cost a few ms per query.
 */
const run = <T>(em: EntityManager, sql: string, params: unknown[]) => em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
const list = (ids: string[]) => ids.map(() => '?').join(', ');

/** C3: the active mix-and-match discounts that include any of these ticket types, each with all its types. */
export async function mixMatchRulesFor(em: EntityManager, variantIds: string[]): Promise<MixMatchRule[]> {
  const rows = await run<{ required_quantity: number; fixed_price: number | null; percent_off: number | null; variant_ids: string[] }>(
    em,
    `select d.required_quantity, d.fixed_price, d.percent_off, array_agg(dv.variant_id order by dv.variant_id) as variant_ids
       from mix_match_discount d join mix_match_discount_variant dv on dv.mix_match_discount_id = d.id
      where d.active and d.id in (select mix_match_discount_id from mix_match_discount_variant where variant_id in (${list(variantIds)}))
      group by d.id order by d.id`,
    variantIds,
  );
  return rows.map((r) => ({ variantIds: r.variant_ids, requiredQuantity: r.required_quantity, fixedPrice: r.fixed_price, percentOff: r.percent_off }));
}

export interface LimitGroup {
  name: string;
  maxQuantity: number;
  variantIds: string[];
}

/** C2: the purchase-limit groups that include any of these ticket types, each with all its types. */
export async function limitGroupsFor(em: EntityManager, variantIds: string[]): Promise<LimitGroup[]> {
  const rows = await run<{ name: string; max_quantity: number; variant_ids: string[] }>(
    em,
    `select g.name, g.max_quantity, array_agg(gv.variant_id) as variant_ids
       from purchase_limit_group g join purchase_limit_group_variant gv on gv.purchase_limit_group_id = g.id
      where g.id in (select purchase_limit_group_id from purchase_limit_group_variant where variant_id in (${list(variantIds)}))
      group by g.id`,
    variantIds,
  );
  return rows.map((r) => ({ name: r.name, maxQuantity: r.max_quantity, variantIds: r.variant_ids }));
}

/** K6: the shopper's email, or null when the account has none. */
export async function customerEmail(em: EntityManager, customerId: string): Promise<string | null> {
  const [row] = await run<{ email: string | null }>(em, 'select email from app_user where id = ?', [customerId]);
  return row?.email ?? null;
}

/** L3: the ticket fee rate (basis points) at the moment of sale. */
export async function ticketFeeRate(em: EntityManager): Promise<number> {
  const [row] = await run<{ rate: number }>(em, 'select ticket_fee_basis_points as rate from store_settings where id = 1', []);
  if (!row) throw new Error('store_settings row 1 is missing (migrations create it)');
  return row.rate;
}

/** P2: whether this shopper already placed an order with this idempotency key (a retry). */
export async function placedBefore(em: EntityManager, customerId: string, idempotencyKey: string): Promise<boolean> {
  const rows = await run<{ found: number }>(em, 'select 1 as found from customer_order where customer_id = ? and idempotency_key = ?', [customerId, idempotencyKey]);
  return rows.length > 0;
}
