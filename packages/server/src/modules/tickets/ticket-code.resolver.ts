import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { OWNER, Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { Order } from '../orders/order.entity.js';
import { Redemption } from './redemption.entity.js';
import { TicketCode, TicketCodeStatus } from './ticket-code.entity.js';
import { TicketCodeSplitInput, TicketCodeSplitPayload } from './ticket-code.types.js';

@Resolver(() => TicketCode)
export class TicketCodeResolver {
  @FieldResolver(() => String, { description: 'T2: the URL in the QR code: `{CLERK_URL}/redeem/{code}`, so a phone camera opens the redeem page.' })
  qrUrl(@Root() code: TicketCode, @Ctx() ctx: Context): string {
    return qrUrlOf(ctx.config.clerkUrl, code.code);
  }

  @FieldResolver(() => TicketCode, { nullable: true, description: 'X1: for a split code, the code it was split from.' })
  async parent(@Root() code: TicketCode, @Ctx() ctx: Context): Promise<TicketCode | null> {
    return code.parent ? ctx.em.findOne(TicketCode, code.parent.id) : null;
  }

  @FieldResolver(() => [TicketCode], { description: 'X4: the codes this code was split into, with their status.' })
  async children(@Root() code: TicketCode, @Ctx() ctx: Context): Promise<TicketCode[]> {
    // Only a SPLIT code has children (X1 sets it in the split's transaction): a list page asks no query per row.
    if (code.status !== TicketCodeStatus.SPLIT) return [];
    return ctx.em.find(TicketCode, { parent: code.id }, { orderBy: { code: 'asc' } });
  }

  @Authorized(Permission.TICKETS_READ, OWNER)
  @FieldResolver(() => [Redemption], { description: 'R2: every redemption of this code, newest first.' })
  redemptions(@Root() code: TicketCode, @Ctx() ctx: Context): Promise<Redemption[]> {
    return ctx.em.find(Redemption, { ticketCode: code.id }, { orderBy: { createdAt: 'desc' } });
  }

  @Authorized(Permission.ORDERS_READ, OWNER)
  @FieldResolver(() => Order, { description: 'S3: the order (prices, payment): its buyer and ORDERS_READ only.' })
  order(@Root() code: TicketCode, @Ctx() ctx: Context): Promise<Order> {
    return ctx.em.findOneOrFail(Order, code.order.id);
  }

  @Authorized(Permission.SHOPPER_ACCESS)
  @Mutation(() => TicketCodeSplitPayload, { description: 'X1/F9: the buyer splits a code into single codes (irreversible). Requires SHOPPER_ACCESS and owning the code.' })
  ticketCodeSplit(@Arg('input', () => TicketCodeSplitInput) input: TicketCodeSplitInput, @Ctx() ctx: Context): Promise<TicketCodeSplitPayload> {
    return ctx.services.tickets.split(ctx, input.code);
  }
}

export function qrUrlOf(clerkUrl: string, code: string): string {
  return `${clerkUrl}/redeem/${code}`;
}
