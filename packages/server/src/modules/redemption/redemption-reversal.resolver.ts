import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { Redemption } from '../tickets/redemption.entity.js';
import { RedemptionKind, TicketCodeRedemptionReverseInput, TicketCodeRedemptionReversePayload } from './redemption-reversal.types.js';

/** B3: correcting a mistaken redemption, and how a code's history shows corrections. */
@Resolver(() => Redemption)
export class RedemptionReversalResolver {
  @Authorized(Permission.REDEMPTIONS_ADJUST)
  @Mutation(() => TicketCodeRedemptionReversePayload, {
    description:
      "B3: gives back to the code up to the redeemed quantity of one redemption (less what was already reversed of it), with a required reason. Never deletes: appends a reversal (a redemption with a negative quantity, reversalOf and reason, shown in the code's history), lowers the code's redeemed quantity (ACTIVE again if it was fully redeemed) and writes a correcting ledger entry in the current settlement period; audited (B5) and sent as the ticket_code.redemption_reversed webhook (B1). Refused for a void (split or refunded) code. B8: the same idempotency key with the same input replays the first result, with another input it is refused with IDEMPOTENCY_KEY_REUSED. Requires REDEMPTIONS_ADJUST.",
  })
  ticketCodeRedemptionReverse(
    @Arg('input', () => TicketCodeRedemptionReverseInput) input: TicketCodeRedemptionReverseInput,
    @Ctx() ctx: Context,
  ): Promise<TicketCodeRedemptionReversePayload> {
    return ctx.services.redemptionReversal.reverse(ctx, input);
  }

  @FieldResolver(() => RedemptionKind, { description: 'B3: REDEMPTION, or REVERSAL for a correction (its quantity is negative).' })
  kind(@Root() redemption: Redemption): RedemptionKind {
    return redemption.reversalOfId ? RedemptionKind.REVERSAL : RedemptionKind.REDEMPTION;
  }

  @FieldResolver(() => Redemption, { nullable: true, description: 'B3: for a REVERSAL, the redemption it corrects; null otherwise.' })
  async reversalOf(@Root() redemption: Redemption, @Ctx() ctx: Context): Promise<Redemption | null> {
    return redemption.reversalOfId ? ctx.em.findOne(Redemption, redemption.reversalOfId) : null;
  }

  @Authorized(Permission.TICKETS_READ, Permission.ORDERS_READ)
  @FieldResolver(() => String, { nullable: true, description: "B3: for a REVERSAL, the admin's reason; null otherwise. Requires TICKETS_READ or ORDERS_READ (staff)." })
  reason(@Root() redemption: Redemption): string | null {
    return redemption.reason ?? null;
  }

  @FieldResolver(() => Int, {
    description: 'B3: for a REDEMPTION, how many of its units were given back by reversals so far (it can give back quantity minus this); 0 for a REVERSAL.',
  })
  async reversedQuantity(@Root() redemption: Redemption, @Ctx() ctx: Context): Promise<number> {
    if (redemption.reversalOfId) return 0;
    const [row] = await ctx.em
      .getConnection()
      .execute<{ n: number }[]>('select coalesce(-sum(quantity), 0)::int as n from redemption where reversal_of_id = ?', [redemption.id], 'all', ctx.em.getTransactionContext());
    return row?.n ?? 0;
  }
}
