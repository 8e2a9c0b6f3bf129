import type pg from 'pg';
import { afterWatermark, firstOfOrder, productJoin, taipeiDay, taipeiHour, WATERMARK_SQL } from './books.js';
import { rollupBooks } from './books-rollup.js';
import { Dashboard, DashboardDay, DashboardHour, DashboardProduct, type DashboardRange } from './dashboard.types.js';
import { daysOf, rangeOf, type DayRange } from './range.js';

const TOP = 5;

/**
 * A tail longer than this (a busy minute: a sale, a gate) is folded into the rollups before the figures are
 * read, once, instead of being summed row by row by every read until the job runs.
 */
export const FOLD_TAIL_ABOVE = 2_000;

/**
 * Sums per Taipei day and ledger kind over [$1, $2): the rollups plus the tail. The range's figures, its
 * daily series and the current period's statement totals all come from this one query.
 */
const DAYS_SQL = `
select day::text as day, kind, sum(amount)::bigint as amount, sum(quantity)::bigint as quantity, sum(orders)::bigint as orders
  from (select day, kind, amount, quantity, orders from ledger_day_total where day >= $1::date and day < $2::date
        union all
        select ${taipeiDay('tail')}, tail.kind, tail.amount, tail.quantity, ${firstOfOrder('tail')}
          from ledger_entry tail where ${afterWatermark('tail', '$3')} and ${taipeiDay('tail')} >= $1::date and ${taipeiDay('tail')} < $2::date) b
 group by day, kind`;

/** The products with the most sales (face value) and the most units redeemed over [$1, $2), $3 of each. */
const TOP_PRODUCTS_SQL = `
with b as (
  select kind, product_id, amount, quantity from ledger_day_product where day >= $1::date and day < $2::date
  union all
  select tail.kind, book_variant.product_id, tail.amount, tail.quantity
    from ledger_entry tail ${productJoin('tail')}
   where ${afterWatermark('tail', '$4')} and tail.kind in ('SALE', 'REDEMPTION') and ${taipeiDay('tail')} >= $1::date and ${taipeiDay('tail')} < $2::date
), g as (
  select kind, product_id, sum(amount)::bigint as amount, sum(quantity)::bigint as quantity,
         row_number() over (partition by kind order by case when kind = 'SALE' then sum(amount) else sum(quantity) end desc,
                                                      case when kind = 'SALE' then sum(quantity) else sum(amount) end desc, product_id) as rank
    from b group by kind, product_id
)
select g.kind, g.product_id, p.title, g.amount, g.quantity from g join product p on p.id = g.product_id where g.rank <= $3 order by g.kind, g.rank`;

/** Units and face value redeemed per hour of the day over [$1, $2). */
const HOURS_SQL = `
select hour, sum(quantity)::bigint as quantity, sum(amount)::bigint as amount
  from (select hour, quantity, amount from ledger_redemption_hour where day >= $1::date and day < $2::date
        union all
        select ${taipeiHour('tail')}, tail.quantity, tail.amount
          from ledger_entry tail where ${afterWatermark('tail', '$3')} and tail.kind = 'REDEMPTION' and ${taipeiDay('tail')} >= $1::date and ${taipeiDay('tail')} < $2::date) b
 group by hour`;

/**
 * L5 at $1, as StatementService.liability defines it (SALE less REDEMPTION and REFUND with occurred_at <= $1):
 * every day's rollup and the tail, less what is dated after $1 (nothing, outside tests that move the clock back).
 */
const LIABILITY_SQL = `
select coalesce(sum(case kind when 'SALE' then amount else -amount end), 0)::bigint as amount,
       coalesce(sum(case kind when 'SALE' then quantity else -quantity end), 0)::bigint as quantity
  from (select kind, amount, quantity from ledger_day_total where kind in ('SALE', 'REDEMPTION', 'REFUND')
        union all
        select tail.kind, tail.amount, tail.quantity from ledger_entry tail where ${afterWatermark('tail', '$2')} and tail.kind in ('SALE', 'REDEMPTION', 'REFUND')
        union all
        select kind, -amount, -quantity from ledger_entry where occurred_at > $1 and kind in ('SALE', 'REDEMPTION', 'REFUND')) b`;

/** The rollups' watermark, after folding a long tail first (never more than one fold at a time: the others read the tail). */
async function readWatermark(pool: pg.Pool): Promise<string> {
  const [state] = (await pool.query<{ last_id: string; behind: string }>(WATERMARK_SQL)).rows;
  if (Number(state!.behind) <= FOLD_TAIL_ABOVE) return state!.last_id;
  const { lastId } = await rollupBooks(pool, { waitMs: 500 });
  return lastId || state!.last_id;
}

interface KindSums {
  amount: number;
  quantity: number;
  orders: number;
}

/** B10: the dashboard. Reads the rollups of the ledger plus its newest rows (see books.ts), four queries side by side. */
export class DashboardService {
  constructor(private readonly pool: pg.Pool) {}

  async dashboard(range: DashboardRange, now: Date): Promise<Dashboard> {
    const { days, period, periodDays } = rangeOf(range, now);
    // One read of the days covers the range and the current period (which may start before it).
    const span: DayRange = { ...days, fromDay: days.fromDay < periodDays.fromDay ? days.fromDay : periodDays.fromDay, toDay: days.toDay > periodDays.toDay ? days.toDay : periodDays.toDay };
    const watermark = await readWatermark(this.pool);
    const [dayRows, productRows, hourRows, liabilityRows] = await Promise.all([
      this.pool.query<{ day: string; kind: string; amount: string; quantity: string; orders: string }>(DAYS_SQL, [span.fromDay, span.toDay, watermark]),
      this.pool.query<{ kind: string; product_id: string; title: string; amount: string; quantity: string }>(TOP_PRODUCTS_SQL, [days.fromDay, days.toDay, TOP, watermark]),
      this.pool.query<{ hour: number; quantity: string; amount: string }>(HOURS_SQL, [days.fromDay, days.toDay, watermark]),
      this.pool.query<{ amount: string; quantity: string }>(LIABILITY_SQL, [now, watermark]),
    ]);

    const byDay = new Map<string, Map<string, KindSums>>();
    for (const r of dayRows.rows) {
      const kinds = byDay.get(r.day) ?? new Map<string, KindSums>();
      kinds.set(r.kind, { amount: Number(r.amount), quantity: Number(r.quantity), orders: Number(r.orders) });
      byDay.set(r.day, kinds);
    }
    const sum = (within: Pick<DayRange, 'fromDay' | 'toDay'>, kind: string, field: keyof KindSums) =>
      daysOf(within).reduce((total, day) => total + (byDay.get(day)?.get(kind)?.[field] ?? 0), 0);

    const redeemed = sum(periodDays, 'REDEMPTION', 'amount');
    const fees = sum(periodDays, 'FEE', 'amount');
    const feeRefunds = sum(periodDays, 'FEE_REFUND', 'amount');
    const liability = liabilityRows.rows[0]!;
    const products = (kind: string) =>
      productRows.rows.filter((r) => r.kind === kind).map((r): DashboardProduct => ({ productId: r.product_id, title: r.title, units: Number(r.quantity), amount: Number(r.amount) }));
    const hours = new Map(hourRows.rows.map((r) => [Number(r.hour), r]));

    return {
      range,
      from: days.from,
      to: days.to,
      asOf: now,
      grossSales: sum(days, 'SALE', 'amount'),
      orders: sum(days, 'SALE', 'orders'),
      ticketsSold: sum(days, 'SALE', 'quantity'),
      redeemedUnits: sum(days, 'REDEMPTION', 'quantity'),
      redeemedAmount: sum(days, 'REDEMPTION', 'amount'),
      refundedAmount: sum(days, 'REFUND', 'amount'),
      refundedUnits: sum(days, 'REFUND', 'quantity'),
      refunds: sum(days, 'REFUND', 'orders'),
      feeAmount: sum(days, 'FEE', 'amount'),
      feeRefundAmount: sum(days, 'FEE_REFUND', 'amount'),
      liability: { asOf: now, amount: Number(liability.amount), quantity: Number(liability.quantity) },
      // As StatementService.summaries computes a period's totals.
      currentPeriod: { period: period.id, from: period.from, to: period.to, redeemedAmount: redeemed, feeAmount: fees, feeRefundAmount: feeRefunds, netPayout: redeemed - fees + feeRefunds },
      days: daysOf(days).map(
        (date): DashboardDay => ({
          date,
          sales: byDay.get(date)?.get('SALE')?.amount ?? 0,
          ticketsSold: byDay.get(date)?.get('SALE')?.quantity ?? 0,
          redeemedAmount: byDay.get(date)?.get('REDEMPTION')?.amount ?? 0,
          redeemedUnits: byDay.get(date)?.get('REDEMPTION')?.quantity ?? 0,
        }),
      ),
      topProductsBySales: products('SALE'),
      topProductsByRedemptions: products('REDEMPTION'),
      redemptionHours: Array.from({ length: 24 }, (_, hour): DashboardHour => ({
        hour,
        redeemedUnits: Number(hours.get(hour)?.quantity ?? 0),
        redeemedAmount: Number(hours.get(hour)?.amount ?? 0),
      })),
    };
  }
}
