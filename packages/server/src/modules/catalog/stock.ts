import { pgArray, statement, type Sql } from '../../common/db/sql.js';

type StockLine = { variantId: string; quantity: number };

/** Stock rows are always locked in id order (as PostgreSQL sorts uuids), so holds and releases never deadlock. */
const inLockOrder = <T extends { variantId: string }>(items: T[]): T[] => [...items].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));

/** Units a checkout took off sale before writing its order (a row of stock_hold). */
export type StockHold = { id: string; variantId: string };

export type Reservation = { holds: StockHold[] } | { soldOut: { title: string; name: string } };

const RESERVE = statement(
  'stock-reserve',
  `with held as (update variant set stock = stock - $2 where id = $1 and stock >= $2 returning id),
        hold as (insert into stock_hold (id, variant_id, quantity, expires_at) select gen_random_uuid(), id, $2, $3 from held returning id)
   select (select id from hold) as hold_id, v.stock is null as unlimited, p.title, v.name
     from variant v join product p on p.id = v.product_id where v.id = $1`,
);

/**
 * K5, before the order is written: each line is one guarded update that commits at once (`sql` must
 * not be in a transaction), recording its hold in the same statement. The hot row of a flash sale is
 * locked for that statement only, so shoppers never queue behind each other's whole checkout, and those
 * who lose are refused by it. The order consumes its holds in its own transaction; the sweep puts back
 * any a failed checkout left behind. Unlimited (null stock) and unknown ticket types are not held.
 */
export async function reserveStock(sql: Sql, lines: StockLine[], expiresAt: Date): Promise<Reservation> {
  const holds: StockHold[] = [];
  for (const line of inLockOrder(lines)) {
    const [row] = await sql<{ hold_id: string | null; unlimited: boolean; title: string; name: string }>(RESERVE, [line.variantId, line.quantity, expiresAt]);
    if (row?.hold_id) holds.push({ id: row.hold_id, variantId: line.variantId });
    else if (row && !row.unlimited) {
      await releaseHolds(sql, holds);
      return { soldOut: { title: row.title, name: row.name } };
    }
  }
  return { holds };
}

const RELEASE_HOLD = statement(
  'stock-release-hold',
  `with gone as (delete from stock_hold where id = $1 returning variant_id, quantity)
   update variant v set stock = v.stock + gone.quantity from gone where v.id = gone.variant_id`,
);

/** Puts held units back on sale, each hold in one statement (gone from stock_hold = back in stock). */
export async function releaseHolds(sql: Sql, holds: StockHold[]): Promise<void> {
  for (const hold of inLockOrder(holds)) await sql(RELEASE_HOLD, [hold.id]);
}

const EXPIRED_HOLDS = statement('stock-expired-holds', 'select id, variant_id from stock_hold where expires_at <= $1 limit 500');

/** The sweep: holds past their time, left by checkouts that never wrote their order, go back on sale. */
export async function releaseExpiredHolds(sql: Sql, now: Date): Promise<number> {
  const expired = await sql<{ id: string; variant_id: string }>(EXPIRED_HOLDS, [now]);
  await releaseHolds(sql, expired.map((h) => ({ id: h.id, variantId: h.variant_id })));
  return expired.length;
}

const RELEASE_ORDER = statement(
  'stock-release-order',
  `with line as (select variant_id, sum(quantity)::int as quantity from order_line where order_id = $1 group by variant_id),
        locked as (select v.id from variant v join line on line.variant_id = v.id where v.stock is not null order by v.id for update of v)
   update variant v set stock = v.stock + line.quantity from line where v.id = line.variant_id and v.id in (select id from locked)`,
);

/** Puts an order's units back on sale (it expired, its payment failed, it was cancelled); rows locked in id order. */
export async function releaseOrderStock(sql: Sql, orderId: string): Promise<void> {
  await sql(RELEASE_ORDER, [orderId]);
}
