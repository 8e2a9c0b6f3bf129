import type pg from 'pg';
import type { ChargeRecord, PaymentGateway } from './gateway.js';

export type ReconciliationDifference = 'MISSING_IN_BOOKS' | 'MISSING_AT_GATEWAY' | 'AMOUNT' | 'REFUNDED';

export interface ReconciliationRow {
  transactionId: string;
  orderId: string | null;
  orderNumber: string | null;
  gatewayStatus: string | null;
  gatewayAmount: number;
  gatewayRefunded: number;
  booksStatus: string | null;
  booksAmount: number;
  booksRefunded: number;
  difference: ReconciliationDifference | null;
  chargedAt: Date | null;
}

interface BooksRow {
  order_id: string;
  order_number: string;
  gateway_charge_id: string;
  amount: number;
  refunded_amount: number;
  status: string;
  created_at: Date;
}

/** Charges that moved money: a declined charge, or one still waiting for 3-D Secure, has nothing to reconcile. */
const movedMoney = (r: ChargeRecord) => r.status !== 'DECLINED' && r.status !== 'PENDING';
const gatewayRefunded = (r: ChargeRecord) => (r.status === 'VOIDED' ? r.amount : r.refundedAmount);
const booksRefunded = (b: BooksRow) => (b.status === 'VOIDED' ? b.amount : b.refunded_amount);

/**
 * 金流對帳: what the gateway says of the charges made in [from, to) beside what our books say, one row
 * per charge, each with the difference found (none when they agree).
 */
export async function reconcilePayments(pool: pg.Pool, gateway: PaymentGateway, range: { from: Date; to: Date }): Promise<ReconciliationRow[]> {
  const records = (await gateway.records(range)).filter(movedMoney);
  const { rows: books } = await pool.query<BooksRow>(
    `select o.id as order_id, o.number as order_number, p.gateway_charge_id, p.amount, p.refunded_amount, p.status, p.created_at
       from payment p join customer_order o on o.id = p.order_id
      where p.gateway = $3 and ((p.created_at >= $1 and p.created_at < $2) or p.gateway_charge_id = any($4::text[]))`,
    [range.from, range.to, gateway.name, records.map((r) => r.chargeId)],
  );
  const booksByCharge = new Map(books.map((b) => [b.gateway_charge_id, b]));
  const rows: ReconciliationRow[] = records.map((r) => {
    const b = booksByCharge.get(r.chargeId);
    booksByCharge.delete(r.chargeId);
    const difference: ReconciliationDifference | null = !b
      ? 'MISSING_IN_BOOKS'
      : b.amount !== r.amount
        ? 'AMOUNT'
        : booksRefunded(b) !== gatewayRefunded(r)
          ? 'REFUNDED'
          : null;
    return {
      transactionId: r.chargeId,
      orderId: b?.order_id ?? null,
      orderNumber: b?.order_number ?? r.orderNumber,
      gatewayStatus: r.status,
      gatewayAmount: r.amount,
      gatewayRefunded: gatewayRefunded(r),
      booksStatus: b?.status ?? null,
      booksAmount: b?.amount ?? 0,
      booksRefunded: b ? booksRefunded(b) : 0,
      difference,
      chargedAt: r.createdAt,
    };
  });
  for (const b of booksByCharge.values()) {
    rows.push({
      transactionId: b.gateway_charge_id,
      orderId: b.order_id,
      orderNumber: b.order_number,
      gatewayStatus: null,
      gatewayAmount: 0,
      gatewayRefunded: 0,
      booksStatus: b.status,
      booksAmount: b.amount,
      booksRefunded: booksRefunded(b),
      difference: 'MISSING_AT_GATEWAY',
      chargedAt: new Date(b.created_at),
    });
  }
  return rows.sort((a, b) => (a.chargedAt?.getTime() ?? 0) - (b.chargedAt?.getTime() ?? 0));
}

const CSV_HEADERS = ['交易編號 Transaction', '訂單編號 Order', '金流狀態 Gateway status', '金流金額 Gateway amount', '金流已退 Gateway refunded', '帳上狀態 Books status', '帳上金額 Books amount', '帳上已退 Books refunded', '差異 Difference'];
const csvCell = (v: unknown) => {
  const s = v == null ? '' : String(v);
  // A leading =, +, - or @ would run as a formula in Excel.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The reconciliation as CSV, with a BOM so Excel reads the Chinese headers as UTF-8. */
export function reconciliationCsv(rows: ReconciliationRow[]): string {
  const lines = rows.map((r) => [r.transactionId, r.orderNumber, r.gatewayStatus, r.gatewayAmount, r.gatewayRefunded, r.booksStatus, r.booksAmount, r.booksRefunded, r.difference].map(csvCell).join(','));
  return `\uFEFF${[CSV_HEADERS.join(','), ...lines].join('\r\n')}\r\n`;
}
