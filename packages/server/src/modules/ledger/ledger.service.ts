import { statement, type Sql } from '../../common/db/sql.js';
import type { LedgerKind } from './ledger-entry.entity.js';

export interface LedgerLine {
  kind: LedgerKind;
  orderId: string;
  ticketCodeId?: string | null;
  quantity?: number;
  amount: number;
  occurredAt: Date;
  /** Unique: writing the same movement twice is a no-op. */
  ref: string;
}

const APPEND = statement(
  'ledger-append',
  `insert into ledger_entry (kind, order_id, ticket_code_id, quantity, amount, occurred_at, ref)
   select kind, order_id, ticket_code_id, quantity, amount, occurred_at, ref
     from jsonb_to_recordset($1::jsonb) as x(kind text, order_id uuid, ticket_code_id uuid, quantity int, amount int, occurred_at timestamptz, ref text)
   on conflict (ref) do nothing`,
);

/** L1: appends money movements (never updates). */
export async function appendLedger(sql: Sql, lines: LedgerLine[]): Promise<void> {
  if (!lines.length) return;
  const rows = lines.map((l) => ({ kind: l.kind, order_id: l.orderId, ticket_code_id: l.ticketCodeId ?? null, quantity: l.quantity ?? 0, amount: l.amount, occurred_at: l.occurredAt, ref: l.ref }));
  await sql(APPEND, [JSON.stringify(rows)]);
}
