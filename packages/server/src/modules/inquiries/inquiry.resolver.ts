import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { OWNER, Permission } from '../../common/auth/permissions.js';
import { can, type Context } from '../../common/context.js';
import { isUuid } from '../identity/identity.service.js';
import { Order } from '../orders/order.entity.js';
import {
  OrderMessageCreateErrors,
  OrderMessageCreateInput,
  OrderMessageCreatePayload,
  OrderMessagesMarkReadErrors,
  OrderMessagesMarkReadInput,
  OrderMessagesMarkReadPayload,
} from './inquiry.types.js';
import { OrderMessage } from './order-message.entity.js';

@Resolver(() => Order)
export class InquiryResolver {
  @Authorized(Permission.ORDERS_READ, OWNER)
  @FieldResolver(() => [OrderMessage], { description: 'F1: the inquiry messages (詢問紀錄), oldest first.' })
  messages(@Root() order: Order, @Ctx() ctx: Context): Promise<OrderMessage[]> {
    return ctx.em.find(OrderMessage, { order: order.id }, { orderBy: { createdAt: 'asc' } });
  }

  @Authorized(Permission.ORDERS_READ)
  @FieldResolver(() => Boolean, { description: 'F1: the buyer wrote something staff have not read yet.' })
  async hasUnreadInquiry(@Root() order: Order, @Ctx() ctx: Context): Promise<boolean> {
    return (await ctx.em.count(OrderMessage, { order: order.id, fromStaff: false, readByStaffAt: null })) > 0;
  }

  @Authorized(Permission.SHOPPER_ACCESS, Permission.ORDERS_MANAGE)
  @Mutation(() => OrderMessageCreatePayload, { description: 'F1/F9: the buyer (own orders only) or staff with ORDERS_MANAGE writes on an order.' })
  async orderMessageCreate(@Arg('input', () => OrderMessageCreateInput) input: OrderMessageCreateInput, @Ctx() ctx: Context): Promise<OrderMessageCreatePayload> {
    const payload = new OrderMessageCreatePayload();
    const fromStaff = can(ctx, Permission.ORDERS_MANAGE);
    const order = isUuid(input.orderId) ? await ctx.em.findOne(Order, input.orderId) : null;
    const body = input.body.trim();
    if (!order || (!fromStaff && order.customer.id !== ctx.principal!.userId)) payload.errors.push(OrderMessageCreateErrors.error(ctx, 'ORDER_NOT_FOUND', 'orderId'));
    else if (!body) payload.errors.push(OrderMessageCreateErrors.error(ctx, 'BODY_REQUIRED', 'body'));
    else if (body.length > 2000) payload.errors.push(OrderMessageCreateErrors.error(ctx, 'BODY_TOO_LONG', 'body'));
    if (payload.errors.length) return payload;
    payload.message = ctx.em.create(OrderMessage, { order: order!, author: ctx.principal!.userId!, fromStaff, body, createdAt: ctx.clock.now() });
    await ctx.em.flush();
    return payload;
  }

  @Authorized(Permission.ORDERS_READ)
  @Mutation(() => OrderMessagesMarkReadPayload, { description: "F1: staff mark an order's buyer messages read. Requires ORDERS_READ." })
  async orderMessagesMarkRead(@Arg('input', () => OrderMessagesMarkReadInput) input: OrderMessagesMarkReadInput, @Ctx() ctx: Context): Promise<OrderMessagesMarkReadPayload> {
    const payload = new OrderMessagesMarkReadPayload();
    if (!isUuid(input.orderId) || !(await ctx.em.count(Order, input.orderId))) {
      payload.errors.push(OrderMessagesMarkReadErrors.error(ctx, 'ORDER_NOT_FOUND', 'orderId'));
      return payload;
    }
    await ctx.em.nativeUpdate(OrderMessage, { order: input.orderId, fromStaff: false, readByStaffAt: null }, { readByStaffAt: ctx.clock.now() });
    payload.messages = await ctx.em.find(OrderMessage, { order: input.orderId }, { orderBy: { createdAt: 'asc' } });
    return payload;
  }
}
