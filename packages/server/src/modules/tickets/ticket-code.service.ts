import type { EntityManager } from '@mikro-orm/postgresql';
import type { Order } from '../orders/order.entity.js';
import type { OrderLine } from '../orders/order-line.entity.js';
import { CODE_LENGTH, generateCode } from './code-generator.js';

export interface NewCode {
  id: string;
  code: string;
  lineId: string;
  quantity: number;
}

/**
 * Inserts a code row with a fresh random code, drawing again on the (astronomically rare) collision with
 * the unique index; `on conflict do nothing` keeps the surrounding transaction usable.
 */
export async function insertUniqueCode(em: EntityManager, values: Record<string, unknown>, length = CODE_LENGTH): Promise<{ id: string; code: string }> {
  const columns = Object.keys(values);
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = generateCode(length);
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `insert into ticket_code (id, code, ${columns.join(', ')}) values (gen_random_uuid(), ?, ${columns.map(() => '?').join(', ')})
       on conflict (code) do nothing returning id`,
      [code, ...Object.values(values)],
      'all',
      em.getTransactionContext(),
    );
    if (rows[0]) return { id: rows[0].id, code };
  }
  throw new Error('could not draw a unique ticket code');
}

/** T1: one code per paid ticket line, with the line's quantity. */
export async function issueCodes(em: EntityManager, order: Order, lines: OrderLine[], validity: Map<string, { validFrom: Date | null; validUntil: Date | null }>, now: Date): Promise<NewCode[]> {
  const codes: NewCode[] = [];
  for (const line of lines) {
    const v = validity.get(line.id) ?? { validFrom: null, validUntil: null };
    const { id, code } = await insertUniqueCode(em, {
      order_id: order.id,
      order_line_id: line.id,
      quantity: line.quantity,
      face_value: line.amountPaid,
      product_title: line.productTitle,
      variant_name: line.variantName,
      valid_from: v.validFrom,
      valid_until: v.validUntil,
      holder_name: order.recipientName,
      holder_phone: order.recipientPhone,
      order_number: order.number,
      owner_id: order.customer.id,
      created_at: now,
    });
    codes.push({ id, code, lineId: line.id, quantity: line.quantity });
  }
  return codes;
}
