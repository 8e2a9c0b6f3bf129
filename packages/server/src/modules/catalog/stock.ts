import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Variant } from './variant.entity.js';

type StockLine = { variantId: string; quantity: number };

/** Stock rows are always locked in id order (as PostgreSQL sorts uuids), so holds and releases never deadlock. */
const inLockOrder = <T extends { variantId: string }>(items: T[]): T[] => [...items].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));

/** Units a checkout took off sale before writing its order (a row of stock_hold). */
export type StockHold = { id: string; variantId: string };

export type Reservation = { holds: StockHold[] } | { soldOut: { title: string; name: string } };

/**
 * K5, before the order is written: each line is one guarded update that commits at once (no
 * transaction), recording its hold in the same statement. The hot row of a flash sale is locked for
 * that statement only, so shoppers never queue behind each other's whole checkout, and those who lose
 * are refused by it. The order consumes its holds in its own transaction; the sweep puts back any a
 * failed checkout left behind. Unlimited (null stock) and unknown ticket types are not held. `em` must
 * not be inside a transaction.
 */
export async function reserveStock(em: EntityManager, lines: StockLine[], expiresAt: Date): Promise<Reservation> {
  const holds: StockHold[] = [];
  for (const line of inLockOrder(lines)) {
    const [row] = await em.getConnection().execute<{ hold_id: string | null; unlimited: boolean; title: string; name: string }[]>(
      `with held as (update variant set stock = stock - ? where id = ? and stock >= ? returning id),
            hold as (insert into stock_hold (id, variant_id, quantity, expires_at) select gen_random_uuid(), id, ?, ? from held returning id)
       select (select id from hold) as hold_id, v.stock is null as unlimited, p.title, v.name
         from variant v join product p on p.id = v.product_id where v.id = ?`,
      [line.quantity, line.variantId, line.quantity, line.quantity, expiresAt, line.variantId],
    );
    if (row?.hold_id) holds.push({ id: row.hold_id, variantId: line.variantId });
    else if (row && !row.unlimited) {
      await releaseHolds(em, holds);
      return { soldOut: { title: row.title, name: row.name } };
    }
  }
  return { holds };
}

/** In the order's transaction: the holds become the order's lines. False when one was swept meanwhile. */
export async function consumeHolds(em: EntityManager, holds: StockHold[]): Promise<boolean> {
  if (!holds.length) return true;
  const gone = await em.getConnection().execute<{ id: string }[]>(
    `delete from stock_hold where id in (${holds.map(() => '?').join(', ')}) returning id`,
    holds.map((h) => h.id),
    'all',
    em.getTransactionContext(),
  );
  return gone.length === holds.length;
}

/** Puts held units back on sale, each hold in one statement (gone from stock_hold = back in stock). */
export async function releaseHolds(em: EntityManager, holds: StockHold[]): Promise<void> {
  for (const hold of inLockOrder(holds)) {
    await em.getConnection().execute(
      `with gone as (delete from stock_hold where id = ? returning variant_id, quantity)
       update variant v set stock = v.stock + gone.quantity from gone where v.id = gone.variant_id`,
      [hold.id],
    );
  }
}

/** The sweep: holds past their time, left by checkouts that never wrote their order, go back on sale. */
export async function releaseExpiredHolds(em: EntityManager, now: Date): Promise<number> {
  const expired = await em.getConnection().execute<{ id: string; variant_id: string }[]>(`select id, variant_id from stock_hold where expires_at <= ? limit 500`, [now]);
  await releaseHolds(em, expired.map((h) => ({ id: h.id, variantId: h.variant_id })));
  return expired.length;
}

/** Puts units back on sale (an unpaid order expired, a payment failed, an order was cancelled). */
export async function releaseStock(em: EntityManager, lines: StockLine[]): Promise<void> {
  for (const line of inLockOrder(lines)) {
    await em.nativeUpdate(Variant, { id: line.variantId, stock: { $ne: null } }, { stock: raw('stock + ?', [line.quantity]) });
  }
}
