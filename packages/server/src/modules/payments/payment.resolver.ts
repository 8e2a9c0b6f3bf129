import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { OWNER, Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { publicPaymentConfig } from '../../config.js';
import { Order } from '../orders/order.entity.js';
import { Payment, PaymentNotification } from './payment.entity.js';
import { PaymentConfigInfo, PaymentReconciliation } from './payment.types.js';

/** At most this long a period is reconciled at once (the gateway is asked page by page). */
const MAX_RECONCILIATION_DAYS = 62;

@Resolver(() => Order)
export class PaymentResolver {
  @Query(() => PaymentConfigInfo, { description: "B6: the card gateway the shop's checkout talks to. Public." })
  paymentConfig(@Ctx() ctx: Context): PaymentConfigInfo {
    const p = publicPaymentConfig(ctx.config);
    return p.gateway === 'tappay' ? { gateway: p.gateway, tappayAppId: p.appId, tappayAppKey: p.appKey, tappayServerType: p.env } : { gateway: p.gateway };
  }

  @Authorized(Permission.REPORTS_READ)
  @Query(() => PaymentReconciliation, { description: '金流對帳: the gateway\'s records of the charges in [from, to) beside our books. Requires REPORTS_READ. CSV at /exports/payments.csv?from=&to=.' })
  async paymentReconciliation(@Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date, @Ctx() ctx: Context): Promise<PaymentReconciliation> {
    const range = reconciliationRange(from, to);
    const rows = await ctx.services.payments.reconcile(range);
    return { ...range, rows, differences: rows.filter((r) => r.difference).length };
  }

  @Authorized(Permission.ORDERS_READ, OWNER)
  @FieldResolver(() => Payment, { nullable: true, description: 'B6: the card payment, once the gateway approved it. Requires ORDERS_READ, or the buyer.' })
  payment(@Root() order: Order, @Ctx() ctx: Context): Promise<Payment | null> {
    return ctx.em.findOne(Payment, { order: order.id });
  }

  @Authorized(Permission.ORDERS_READ)
  @FieldResolver(() => [PaymentNotification], { nullable: true, description: 'P4: every notification the gateway posted about this order, oldest first. Requires ORDERS_READ.' })
  paymentNotifications(@Root() order: Order, @Ctx() ctx: Context): Promise<PaymentNotification[]> {
    return ctx.em.find(PaymentNotification, { orderId: order.id }, { orderBy: { receivedAt: 'asc' } });
  }
}

/** A period to reconcile: `from` before `to`, at most MAX_RECONCILIATION_DAYS long. */
export function reconciliationRange(from: Date, to: Date): { from: Date; to: Date } {
  if (!(from < to) || to.getTime() - from.getTime() > MAX_RECONCILIATION_DAYS * 86_400_000) {
    throw new RangeError(`from must be before to, at most ${MAX_RECONCILIATION_DAYS} days apart`);
  }
  return { from, to };
}
