/**
 * B10: the ledger's rollups, the SQL both their writer (books-rollup.ts) and their reader (dashboard.service.ts)
 * use, so a row counts the same whether it was rolled up yet or is still in the tail.
 *
 * Every figure is a sum of ledger rows (L1) grouped by the Taipei business day of `occurred_at`; the day,
 * the hour and "the order's first row of this kind" are defined here once.
 */

/** The Taipei business day of a ledger row (a date). */
export const taipeiDay = (alias: string) => `(${alias}.occurred_at at time zone 'Asia/Taipei')::date`;

/** The hour of day (0-23) in Taipei of a ledger row. */
export const taipeiHour = (alias: string) => `extract(hour from ${alias}.occurred_at at time zone 'Asia/Taipei')::smallint`;

/**
 * 1 on an order's first SALE row and its first REFUND row (the lowest id of that order and kind), else 0
 * (a scalar subquery: one probe of ledger_entry (order_id, kind, id) per row, never an anti-join that would
 * compare every pair of rows of a large order):
 * summed over any set of rows it counts orders sold and orders refunded, each once, however the rows were
 * split between rollup batches (an order's rows of one kind are written by one statement at one instant,
 * so they share a day).
 */
export const firstOfOrder = (alias: string) =>
  `case when ${alias}.kind in ('SALE', 'REFUND')
         and ${alias}.id = (select min(first_row.id) from ledger_entry first_row where first_row.order_id = ${alias}.order_id and first_row.kind = ${alias}.kind)
        then 1 else 0 end`;

/** The product of a ledger row: its code's order line's ticket type's product. */
export const productJoin = (alias: string) =>
  `join ticket_code book_code on book_code.id = ${alias}.ticket_code_id
   join order_line book_line on book_line.id = book_code.order_line_id
   join variant book_variant on book_variant.id = book_line.variant_id`;

/**
 * The ledger's rows after the rollups' watermark, the tail, read in the same statement as the rollups (one
 * snapshot). `hint` is a parameter holding the watermark read just before: with it the planner knows the
 * tail is small (an index range, no parallel workers to start); the subquery keeps it exact if a rollup
 * committed since (the watermark only grows).
 */
export const afterWatermark = (alias: string, hint: string) => `${alias}.id > ${hint}::bigint and ${alias}.id > (select last_id from ledger_rollup_state where id = 1)`;

/** The watermark, and how many ledger ids were taken after it (the tail's size, at most). */
export const WATERMARK_SQL = `select last_id, (select case when is_called then last_value else 0 end from ledger_entry_id_seq) - last_id as behind from ledger_rollup_state where id = 1`;

/** Folds the ledger rows with ids in ($1, $2] into the rollups; answers how many rows it read. */
export const ROLLUP_SQL = `
with n as (
  select e.* from ledger_entry e where e.id > $1 and e.id <= $2
), days as (
  insert into ledger_day_total as t (day, kind, amount, quantity, orders)
  select ${taipeiDay('n')}, n.kind, sum(n.amount), sum(n.quantity), sum(${firstOfOrder('n')}) from n group by 1, 2
  on conflict (day, kind) do update set amount = t.amount + excluded.amount, quantity = t.quantity + excluded.quantity, orders = t.orders + excluded.orders
), products as (
  insert into ledger_day_product as t (day, kind, product_id, amount, quantity)
  select ${taipeiDay('n')}, n.kind, book_variant.product_id, sum(n.amount), sum(n.quantity)
    from n ${productJoin('n')}
   where n.kind in ('SALE', 'REDEMPTION')
   group by 1, 2, 3
  on conflict (day, kind, product_id) do update set amount = t.amount + excluded.amount, quantity = t.quantity + excluded.quantity
), hours as (
  insert into ledger_redemption_hour as t (day, hour, amount, quantity)
  select ${taipeiDay('n')}, ${taipeiHour('n')}, sum(n.amount), sum(n.quantity) from n where n.kind = 'REDEMPTION' group by 1, 2
  on conflict (day, hour) do update set amount = t.amount + excluded.amount, quantity = t.quantity + excluded.quantity
)
select count(*)::int as rows from n`;
