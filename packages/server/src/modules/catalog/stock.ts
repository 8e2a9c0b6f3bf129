import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Variant } from './variant.entity.js';

type StockLine = { variantId: string; quantity: number };

/** Stock rows are always locked in id order (as PostgreSQL sorts uuids), so holds and releases never deadlock. */
const inLockOrder = (lines: StockLine[]) => [...lines].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));

/**
 * K5: takes units off sale with guarded updates (the CHECK keeps stock >= 0). Returns the ticket types it
 * could not hold: sold out, or unlimited (null stock) or unknown, which the caller tells apart.
 */
export async function holdStock(em: EntityManager, lines: StockLine[]): Promise<string[]> {
  const notHeld: string[] = [];
  for (const line of inLockOrder(lines)) {
    const held = await em.nativeUpdate(Variant, { id: line.variantId, stock: { $gte: line.quantity } }, { stock: raw('stock - ?', [line.quantity]) });
    if (held === 0) notHeld.push(line.variantId);
  }
  return notHeld;
}

/** Puts units back on sale (an unpaid order expired, a payment failed, an order was cancelled). */
export async function releaseStock(em: EntityManager, lines: StockLine[]): Promise<void> {
  for (const line of inLockOrder(lines)) {
    await em.nativeUpdate(Variant, { id: line.variantId, stock: { $ne: null } }, { stock: raw('stock + ?', [line.quantity]) });
  }
}
