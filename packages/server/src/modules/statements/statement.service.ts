import type { EntityManager } from '@mikro-orm/postgresql';
import { parsePeriod, type Period } from './period.js';
import { StatementEntryKind, type LedgerConsistency, type SettlementStatement, type StatementLine, type TicketLiability } from './statement.types.js';

interface LineRow {
  occurred_at: Date;
  kind: StatementEntryKind;
  quantity: number;
  amount: number;
  order_number: string;
  code: string | null;
  ticket_name: string;
}

/** L2-L5: statements, liability and consistency checks, all read from the append-only ledger (L1). */
export class StatementService {
  async statement(em: EntityManager, periodId: string): Promise<SettlementStatement | null> {
    const period = parsePeriod(periodId);
    if (!period) return null;
    const rows = await em.getConnection().execute<LineRow[]>(
      `select e.occurred_at, e.kind, e.quantity, e.amount, o.number as order_number, c.code,
              coalesce(c.product_title || ' ' || c.variant_name, '') as ticket_name
         from ledger_entry e
         join customer_order o on o.id = e.order_id
         left join ticket_code c on c.id = e.ticket_code_id
        where e.kind in ('REDEMPTION', 'FEE', 'FEE_REFUND') and e.occurred_at >= ? and e.occurred_at < ?
        order by e.occurred_at, e.id`,
      [period.from, period.to],
    );
    const lines: StatementLine[] = rows.map((r) => ({
      occurredAt: new Date(r.occurred_at),
      kind: r.kind,
      orderNumber: r.order_number,
      code: r.code,
      ticketName: r.ticket_name,
      quantity: r.quantity,
      faceValue: r.kind === StatementEntryKind.REDEMPTION ? r.amount : 0,
      fee: r.kind === StatementEntryKind.FEE ? r.amount : 0,
      feeRefund: r.kind === StatementEntryKind.FEE_REFUND ? r.amount : 0,
    }));
    return { period: period.id, from: period.from, to: period.to, lines, ...totalsOf(lines) };
  }

  /** The totals of several periods at once (the list of statements). */
  async summaries(em: EntityManager, periods: Period[]) {
    return Promise.all(
      periods.map(async (p) => {
        const sums = await this.sumsByKind(em, p);
        const redeemedAmount = sums.REDEMPTION ?? 0;
        const feeAmount = sums.FEE ?? 0;
        const feeRefundAmount = sums.FEE_REFUND ?? 0;
        return { period: p.id, from: p.from, to: p.to, redeemedAmount, feeAmount, feeRefundAmount, netPayout: redeemedAmount - feeAmount + feeRefundAmount };
      }),
    );
  }

  private async sumsByKind(em: EntityManager, p: Period): Promise<Record<string, number>> {
    const rows = await em.getConnection().execute<{ kind: string; total: string }[]>(
      `select kind, sum(amount) as total from ledger_entry where occurred_at >= ? and occurred_at < ? group by kind`,
      [p.from, p.to],
    );
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.total)]));
  }

  /** L5: face value and units sold and neither redeemed nor refunded at `asOf`. */
  async liability(em: EntityManager, asOf: Date): Promise<TicketLiability> {
    const [row] = await em.getConnection().execute<{ amount: string; quantity: string }[]>(
      `select coalesce(sum(case kind when 'SALE' then amount else -amount end), 0) as amount,
              coalesce(sum(case kind when 'SALE' then quantity else -quantity end), 0) as quantity
         from ledger_entry where kind in ('SALE', 'REDEMPTION', 'REFUND') and occurred_at <= ?`,
      [asOf],
    );
    return { asOf, amount: Number(row!.amount), quantity: Number(row!.quantity) };
  }

  /** Statement totals equal the ledger's sums, and for every code sold = redeemed + refunded + outstanding. */
  async consistency(em: EntityManager, periodId: string): Promise<LedgerConsistency | null> {
    const period = parsePeriod(periodId);
    const statement = await this.statement(em, periodId);
    if (!period || !statement) return null;
    const sums = await this.sumsByKind(em, period);
    const statementMatchesLedger =
      statement.redeemedAmount === (sums.REDEMPTION ?? 0) && statement.feeAmount === (sums.FEE ?? 0) && statement.feeRefundAmount === (sums.FEE_REFUND ?? 0);
    // Per original code, split codes folded into it: the codes' own counters and the ledger must agree.
    const rows = await em.getConnection().execute<{ code: string; ok: boolean }[]>(
      `with family as (
         select coalesce(parent_id, id) as root_id, sum(redeemed_quantity) as redeemed, sum(refunded_quantity) as refunded,
                sum(case when status = 'ACTIVE' then quantity - redeemed_quantity - refunded_quantity else 0 end) as outstanding
           from ticket_code group by 1
       ), ledger as (
         select coalesce(c.parent_id, c.id) as root_id,
                sum(e.quantity) filter (where e.kind = 'SALE') as sold,
                coalesce(sum(e.quantity) filter (where e.kind = 'REDEMPTION'), 0) as redeemed,
                coalesce(sum(e.quantity) filter (where e.kind = 'REFUND'), 0) as refunded
           from ledger_entry e join ticket_code c on c.id = e.ticket_code_id
          where e.kind in ('SALE', 'REDEMPTION', 'REFUND') group by 1
       )
       select root.code,
              (root.quantity = f.redeemed + f.refunded + f.outstanding
               and l.sold = root.quantity and l.redeemed = f.redeemed and l.refunded = f.refunded) as ok
         from ticket_code root
         join family f on f.root_id = root.id
         left join ledger l on l.root_id = root.id
        where root.parent_id is null`,
    );
    const mismatchedCodes = rows.filter((r) => !r.ok).map((r) => r.code);
    return { period: period.id, statementMatchesLedger, codesChecked: rows.length, mismatchedCodes, ok: statementMatchesLedger && mismatchedCodes.length === 0 };
  }
}

export function totalsOf(lines: StatementLine[]) {
  const redeemedAmount = lines.reduce((s, l) => s + l.faceValue, 0);
  const feeAmount = lines.reduce((s, l) => s + l.fee, 0);
  const feeRefundAmount = lines.reduce((s, l) => s + l.feeRefund, 0);
  return { redeemedAmount, feeAmount, feeRefundAmount, netPayout: redeemedAmount - feeAmount + feeRefundAmount };
}

/** L4: the statement as CSV (UTF-8 with BOM so Excel shows the zh-TW text). */
export function statementCsv(statement: SettlementStatement): string {
  const esc = (v: string | number | null) => {
    const s = v == null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const taipei = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
  const header = ['時間 Time (Asia/Taipei)', '類型 Kind', '訂單編號 Order', '核銷碼 Code', '票券 Ticket', '數量 Quantity', '面額 Face value', '手續費 Fee', '手續費退還 Fee refund'];
  const rows = statement.lines.map((l) => [taipei(l.occurredAt), l.kind, l.orderNumber, l.code, l.ticketName, l.quantity, l.faceValue, l.fee, l.feeRefund]);
  const totals = [
    ['核銷金額 Redeemed', statement.redeemedAmount],
    ['手續費 Fees', statement.feeAmount],
    ['手續費退還 Fee refunds', statement.feeRefundAmount],
    ['撥款淨額 Net payout', statement.netPayout],
  ];
  const body = [header, ...rows, [], [`帳期 Period ${statement.period}`, `${taipei(statement.from)} ~ ${taipei(statement.to)}`], ...totals].map((r) => r.map(esc).join(',')).join('\r\n');
  return `\uFEFF${body}\r\n`;
}
