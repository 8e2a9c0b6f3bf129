import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { pageWindow, toConnection } from '../../common/graphql/connection.js';
import { isUuid } from '../identity/identity.service.js';
import { TicketCode } from '../tickets/ticket-code.entity.js';
import type { FilterQuery } from '@mikro-orm/core';
import { CheckoutCompleteInput, CheckoutCompletePayload, OrderConnection, OrdersFilterInput } from './checkout.types.js';
import { OrderLine } from './order-line.entity.js';
import { Order } from './order.entity.js';

@Resolver(() => Order)
export class OrderResolver {
  @Authorized(Permission.SHOPPER_ACCESS)
  @Mutation(() => CheckoutCompletePayload, {
    description: 'Checks out one cart (tickets or goods) and pays it: K1-K7, P2. Requires SHOPPER_ACCESS (a signed-in shopper).',
  })
  checkoutComplete(@Arg('input', () => CheckoutCompleteInput) input: CheckoutCompleteInput, @Ctx() ctx: Context) {
    return ctx.services.checkout.complete(ctx, input);
  }

  @Authorized(Permission.SHOPPER_ACCESS)
  @Query(() => OrderConnection, { description: "T3: the signed-in shopper's own orders, newest first (電子票券訂單查詢). Requires SHOPPER_ACCESS." })
  async myOrders(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const { limit, offset } = pageWindow(first, after);
    const [items, total] = await ctx.em.findAndCount(Order, { customer: ctx.principal!.userId! }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit, offset });
    return toConnection(items, total, offset);
  }

  @Authorized(Permission.ORDERS_READ, Permission.SHOPPER_ACCESS)
  @Query(() => Order, { nullable: true, description: 'One order: any for ORDERS_READ; a shopper gets only their own.' })
  async order(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Order | null> {
    if (!isUuid(id)) return null;
    const order = await ctx.em.findOne(Order, id);
    if (!order) return null;
    if (ctx.principal!.permissions.has(Permission.ORDERS_READ) || order.customer.id === ctx.principal!.userId) return order;
    return null;
  }

  @Authorized(Permission.ORDERS_READ)
  @Query(() => OrderConnection, { description: 'All orders, newest first (所有訂單). Requires ORDERS_READ.' })
  async orders(
    @Ctx() ctx: Context,
    @Arg('filter', () => OrdersFilterInput, { nullable: true }) filter?: OrdersFilterInput,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const { limit, offset } = pageWindow(first, after);
    const where: FilterQuery<Order> = {};
    if (filter?.status?.length) where.status = { $in: filter.status };
    if (filter?.kind) where.kind = filter.kind;
    if (filter?.createdFrom || filter?.createdTo) where.createdAt = { ...(filter.createdFrom ? { $gte: filter.createdFrom } : {}), ...(filter.createdTo ? { $lt: filter.createdTo } : {}) };
    const q = filter?.search?.trim();
    if (q) {
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.$or = [{ number: { $ilike: like } }, { recipientName: { $ilike: like } }, { recipientPhone: { $like: like } }];
    }
    if (filter?.hasUnreadInquiry) {
      const unread = await ctx.em.getConnection().execute<{ order_id: string }[]>('select distinct order_id from order_message where not from_staff and read_by_staff_at is null');
      where.id = { $in: unread.map((r) => r.order_id) };
    }
    const [items, total] = await ctx.em.findAndCount(Order, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit, offset });
    return toConnection(items, total, offset);
  }

  @FieldResolver(() => [OrderLine])
  async lines(@Root() order: Order, @Ctx() ctx: Context): Promise<OrderLine[]> {
    if (!order.lines.isInitialized()) await ctx.em.populate(order, ['lines']);
    return order.lines.getItems();
  }
}

@Resolver(() => OrderLine)
export class OrderLineResolver {
  @FieldResolver(() => [TicketCode], { description: 'T1: the code of a paid ticket line (and, after a split, the split codes).' })
  codes(@Root() line: OrderLine, @Ctx() ctx: Context): Promise<TicketCode[]> {
    return ctx.em.find(TicketCode, { orderLine: line.id }, { orderBy: { createdAt: 'asc', code: 'asc' } });
  }
}
