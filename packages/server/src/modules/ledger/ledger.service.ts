import type { EntityManager } from '@mikro-orm/postgresql';
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

/** L1: appends money movements (never updates). */
export async function appendLedger(em: EntityManager, lines: LedgerLine[]): Promise<void> {
  if (!lines.length) return;
  await em.getConnection().execute(
    `insert into ledger_entry (kind, order_id, ticket_code_id, quantity, amount, occurred_at, ref) values ${lines.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')} on conflict (ref) do nothing`,
    lines.flatMap((l) => [l.kind, l.orderId, l.ticketCodeId ?? null, l.quantity ?? 0, l.amount, l.occurredAt, l.ref]),
    'run',
    em.getTransactionContext(),
  );
}
