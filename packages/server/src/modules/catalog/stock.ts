import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Variant } from './variant.entity.js';

/** Puts units back on sale (an unpaid order expired, a payment failed, an order was cancelled). */
export async function releaseStock(em: EntityManager, lines: { variantId: string; quantity: number }[]): Promise<void> {
  for (const line of lines) {
    await em.nativeUpdate(Variant, { id: line.variantId, stock: { $ne: null } }, { stock: raw('stock + ?', [line.quantity]) });
  }
}
