import { statement, type Sql } from '../../common/db/sql.js';
import { CODE_LENGTH, generateCode } from './code-generator.js';

/** What a new code row holds besides its random code (denormalised for the counter's search, S2). */
export interface CodeRow {
  order_id: string;
  order_line_id: string;
  parent_id?: string | null;
  quantity: number;
  face_value: number;
  product_title: string;
  variant_name: string;
  valid_from: Date | null;
  valid_until: Date | null;
  holder_name: string;
  holder_phone: string;
  order_number: string;
  owner_id: string;
  created_at: Date;
}

const INSERT_CODE = statement(
  'ticket-code-insert',
  `insert into ticket_code (id, code, order_id, order_line_id, parent_id, quantity, face_value, product_title, variant_name, valid_from, valid_until, holder_name, holder_phone, order_number, owner_id, created_at)
   values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
   on conflict (code) do nothing returning id`,
);

/**
 * Inserts a code row with a fresh random code, drawing again on the (astronomically rare) collision with
 * the unique index; `on conflict do nothing` keeps the surrounding transaction usable.
 */
export async function insertUniqueCode(sql: Sql, row: CodeRow, length = CODE_LENGTH): Promise<{ id: string; code: string }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = generateCode(length);
    const [inserted] = await sql<{ id: string }>(INSERT_CODE, [
      code,
      row.order_id,
      row.order_line_id,
      row.parent_id ?? null,
      row.quantity,
      row.face_value,
      row.product_title,
      row.variant_name,
      row.valid_from,
      row.valid_until,
      row.holder_name,
      row.holder_phone,
      row.order_number,
      row.owner_id,
      row.created_at,
    ]);
    if (inserted) return { id: inserted.id, code };
  }
  throw new Error('could not draw a unique ticket code');
}
