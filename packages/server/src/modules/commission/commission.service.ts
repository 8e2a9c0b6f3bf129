import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context.js';
import { Settings } from '../settings/settings.entity.js';
import { parsePeriod } from '../statements/period.js';
import type { CommissionReport } from './commission.types.js';
import { ReferrerCreateErrors, ReferrerCreatePayload, type ReferrerCreateInput } from './commission.types.js';
import { Referrer } from './referrer.entity.js';

const CLOSABLE = `('PAID', 'PARTIALLY_REFUNDED')`;

/** A1-A3: auto-close and commission. */
export class CommissionService {
  /** Ticket orders paid at least `autoCloseDays` ago (as of `now`) that are still open. */
  async dueForClosing(em: EntityManager, now: Date): Promise<string[]> {
    const { autoCloseDays } = await em.findOneOrFail(Settings, 1);
    const cutoff = new Date(now.getTime() - autoCloseDays * 86400_000);
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `select id from customer_order where kind = 'TICKET' and status in ${CLOSABLE} and paid_at <= ? order by paid_at limit 500`,
      [cutoff],
    );
    return rows.map((r) => r.id);
  }

  /**
   * A2/A3: closes one order (結案) and makes its referrer's commission: rate x (amount paid - refunds made
   * before closing). The guarded update closes it once however many workers or retries run it; the unique
   * order_id on commission is the last line of defence. Later refunds never touch a commission.
   */
  async close(em: EntityManager, orderId: string, now: Date): Promise<boolean> {
    return em.transactional(async (tx) => {
      const conn = tx.getConnection();
      const ctx = tx.getTransactionContext();
      const [closed] = await conn.execute<{ referrer_id: string | null; total: number }[]>(
        `update customer_order set status = 'CLOSED', closed_at = ? where id = ? and status in ${CLOSABLE} returning referrer_id, total`,
        [now, orderId],
        'all',
        ctx,
      );
      if (!closed) return false;
      if (closed.referrer_id) {
        await conn.execute(
          `insert into commission (id, order_id, referrer_id, base_amount, commission_basis_points, amount, created_at)
           select gen_random_uuid(), ?, r.id, b.base, r.commission_basis_points, round(b.base * r.commission_basis_points / 10000.0), ?
             from referrer r,
                  (select greatest(? - coalesce((select sum(amount) from refund where order_id = ? and created_at <= ?), 0), 0) as base) b
            where r.id = ?
           on conflict (order_id) do nothing`,
          [orderId, now, closed.total, orderId, now, closed.referrer_id],
          'run',
          ctx,
        );
      }
      return true;
    });
  }

  async createReferrer(ctx: Context, input: ReferrerCreateInput): Promise<ReferrerCreatePayload> {
    const payload = new ReferrerCreatePayload();
    const code = input.code.trim().toUpperCase();
    if (!input.name.trim()) payload.errors.push(ReferrerCreateErrors.error(ctx, 'NAME_REQUIRED', 'name'));
    if (!/^[A-Z0-9]{3,20}$/.test(code)) payload.errors.push(ReferrerCreateErrors.error(ctx, 'INVALID_CODE', 'code'));
    else if (await ctx.em.count(Referrer, { code })) payload.errors.push(ReferrerCreateErrors.error(ctx, 'CODE_TAKEN', 'code'));
    if (!Number.isInteger(input.commissionBasisPoints) || input.commissionBasisPoints < 0 || input.commissionBasisPoints > 10_000) {
      payload.errors.push(ReferrerCreateErrors.error(ctx, 'INVALID_RATE', 'commissionBasisPoints'));
    }
    if (payload.errors.length) return payload;
    payload.referrer = ctx.em.create(Referrer, { name: input.name.trim(), code, commissionBasisPoints: input.commissionBasisPoints, createdAt: ctx.clock.now() });
    await ctx.em.flush();
    return payload;
  }

  async report(em: EntityManager, periodId: string): Promise<CommissionReport | null> {
    const period = parsePeriod(periodId);
    if (!period) return null;
    const rows = await em.getConnection().execute<{ referrer_id: string; orders: string; base: string; commission: string }[]>(
      `select referrer_id, count(*) as orders, sum(base_amount) as base, sum(amount) as commission
         from commission where created_at >= ? and created_at < ? group by referrer_id`,
      [period.from, period.to],
    );
    const referrers = await em.find(Referrer, { id: { $in: rows.map((r) => r.referrer_id) } });
    const result = rows
      .map((r) => ({ referrer: referrers.find((x) => x.id === r.referrer_id)!, orders: Number(r.orders), baseAmount: Number(r.base), commission: Number(r.commission) }))
      .sort((a, b) => b.commission - a.commission);
    return { period: period.id, rows: result, total: result.reduce((s, r) => s + r.commission, 0) };
  }
}
