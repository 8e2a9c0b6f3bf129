import type { EntityManager } from '@mikro-orm/postgresql';
import { releaseStock } from '../catalog/stock.js';
import type { Order } from './order.entity.js';

/** Returns an order's units to stock (its lines must be loaded). */
export function releaseOrderStock(em: EntityManager, order: Order): Promise<void> {
  return releaseStock(em, order.lines.getItems().map((l) => ({ variantId: l.variant.id, quantity: l.quantity })));
}
