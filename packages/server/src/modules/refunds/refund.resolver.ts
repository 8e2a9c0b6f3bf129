import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { OWNER, Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { isUuid } from '../identity/identity.service.js';
import { ticketFee } from '../orders/pricing.js';
import { Order } from '../orders/order.entity.js';
import { normaliseCode } from '../tickets/code-generator.js';
import { TicketCode } from '../tickets/ticket-code.entity.js';
import { Refund, RefundCode } from './refund.entity.js';
import { unredeemedValue } from './refund.service.js';
import {
  OrderCancelInput,
  OrderCancelPayload,
  OrderMarkReturnReviewPayload,
  OrderMarkReturningPayload,
  OrderRefundInput,
  OrderRefundPayload,
  OrderTransitionInput,
} from './refund.types.js';

@ObjectType('RefundQuoteLine', { description: 'What refunding one code would return.' })
class RefundQuoteLine {
  @Field(() => String)
  code!: string;

  @Field(() => Boolean, { description: 'False for void codes and codes with nothing remaining (F4).' })
  refundable!: boolean;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Int)
  amount!: number;

  @Field(() => Int)
  feeRefund!: number;
}

@ObjectType('RefundQuote', { description: 'F8: what a partial refund of these codes would return, before confirming.' })
class RefundQuote {
  @Field(() => [RefundQuoteLine])
  lines!: RefundQuoteLine[];

  @Field(() => Int)
  amount!: number;

  @Field(() => Int)
  feeRefund!: number;
}

@Resolver(() => Order)
export class RefundResolver {
  @Authorized(Permission.ORDERS_READ, OWNER)
  @FieldResolver(() => Refund, { nullable: true, description: "F3: the order's one refund, if any." })
  refund(@Root() order: Order, @Ctx() ctx: Context): Promise<Refund | null> {
    return ctx.em.findOne(Refund, { order: order.id }, { populate: ['codeLines', 'codeLines.ticketCode'] });
  }

  @Authorized(Permission.REFUNDS_MANAGE)
  @Query(() => RefundQuote, { description: 'F8: per code and in total, what a partial refund would return. Requires REFUNDS_MANAGE.' })
  async refundQuote(@Arg('orderId', () => ID) orderId: string, @Arg('codes', () => [String]) codes: string[], @Ctx() ctx: Context): Promise<RefundQuote> {
    const order = isUuid(orderId) ? await ctx.em.findOne(Order, orderId) : null;
    const found = order ? await ctx.em.find(TicketCode, { order: order.id, code: { $in: codes.map(normaliseCode) } }) : [];
    const lines = found.map((c) => {
      const refundable = !c.isVoid && c.remainingQuantity > 0;
      const amount = refundable ? unredeemedValue(c) : 0;
      return { code: c.code, refundable, quantity: refundable ? c.remainingQuantity : 0, amount, feeRefund: ticketFee(amount, order!.feeBasisPoints) };
    });
    return { lines, amount: lines.reduce((s, l) => s + l.amount, 0), feeRefund: lines.reduce((s, l) => s + l.feeRefund, 0) };
  }

  @Authorized(Permission.REFUNDS_MANAGE)
  @Mutation(() => OrderCancelPayload, { description: 'F5: cancels an order with nothing redeemed: voids every code, voids or refunds the payment. Requires REFUNDS_MANAGE.' })
  orderCancel(@Arg('input', () => OrderCancelInput) input: OrderCancelInput, @Ctx() ctx: Context) {
    return ctx.services.refunds.cancel(ctx, input);
  }

  @Authorized(Permission.ORDERS_MANAGE)
  @Mutation(() => OrderMarkReturningPayload, { description: 'F6: PAID -> RETURNING (退貨中). Requires ORDERS_MANAGE.' })
  orderMarkReturning(@Arg('input', () => OrderTransitionInput) input: OrderTransitionInput, @Ctx() ctx: Context) {
    return ctx.services.refunds.markReturning(ctx, input.orderId);
  }

  @Authorized(Permission.ORDERS_MANAGE)
  @Mutation(() => OrderMarkReturnReviewPayload, { description: 'F6: RETURNING -> RETURN_REVIEW (退貨審查). Requires ORDERS_MANAGE.' })
  orderMarkReturnReview(@Arg('input', () => OrderTransitionInput) input: OrderTransitionInput, @Ctx() ctx: Context) {
    return ctx.services.refunds.markReturnReview(ctx, input.orderId);
  }

  @Authorized(Permission.REFUNDS_MANAGE)
  @Mutation(() => OrderRefundPayload, { description: 'F2-F8: refunds chosen codes whole, from the business day after payment; once per order. Requires REFUNDS_MANAGE.' })
  orderRefund(@Arg('input', () => OrderRefundInput) input: OrderRefundInput, @Ctx() ctx: Context) {
    return ctx.services.refunds.refund(ctx, input);
  }
}

@Resolver(() => Refund)
export class RefundFieldsResolver {
  @FieldResolver(() => [RefundCode], { description: 'The codes refunded, each whole.' })
  async codes(@Root() refund: Refund, @Ctx() ctx: Context): Promise<RefundCode[]> {
    if (!refund.codeLines.isInitialized()) await ctx.em.populate(refund, ['codeLines', 'codeLines.ticketCode']);
    return refund.codeLines.getItems();
  }
}
