import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { toConnection } from '../../common/graphql/connection.js';
import { TicketCode } from '../tickets/ticket-code.entity.js';
import { TicketCodeConnection, TicketCodeRedeemInput, TicketCodeRedeemPayload, TicketCodeSearchInput } from './redemption.types.js';

/** R6: a look-up or list refused for a while: a GraphQL error, as a query has no payload to carry it. */
function tooManyAttempts(ctx: Context, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(ctx.locale === 'en' ? `Too many attempts, try again in ${retryAfterSeconds} seconds` : `查詢次數過多，請 ${retryAfterSeconds} 秒後再試`, {
    extensions: { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds },
  });
}

@Resolver()
export class RedemptionResolver {
  @Authorized(Permission.TICKETS_READ)
  @Query(() => TicketCode, {
    nullable: true,
    description:
      'R4/R6: looks a code up for the redeem page; null when unknown. Unknown codes are counted per account (30) and address (60) in 10 minutes, before any answer: past that every look-up is refused with a TOO_MANY_ATTEMPTS error with extensions.retryAfterSeconds. Requires TICKETS_READ.',
  })
  async ticketCode(@Arg('code', () => String) code: string, @Ctx() ctx: Context): Promise<TicketCode | null> {
    const { ticketCode, retryAfterSeconds } = await ctx.services.redemption.lookup(ctx, code);
    if (retryAfterSeconds) throw tooManyAttempts(ctx, retryAfterSeconds);
    return ticketCode;
  }

  @Authorized(Permission.TICKETS_READ)
  @Query(() => TicketCodeConnection, {
    description:
      'R3: the redemption list (票券核銷列表), newest first, with an optional search. With a search totalCount stops at 200 (show it as "200 or more"); pageInfo.hasNextPage still says whether more follow. Pages hold `first` codes (default 20, at most 100); for ticket clerks and API keys at most 20, and at most 30 lists or searches a minute per account, then a TOO_MANY_ATTEMPTS error with extensions.retryAfterSeconds. Requires TICKETS_READ.',
  })
  async ticketCodes(
    @Ctx() ctx: Context,
    @Arg('search', () => TicketCodeSearchInput, { nullable: true }) search?: TicketCodeSearchInput,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const { items, totalCount, hasNextPage, offset, retryAfterSeconds } = await ctx.services.redemption.search(ctx, search, first, after);
    if (retryAfterSeconds) throw tooManyAttempts(ctx, retryAfterSeconds);
    return toConnection(items, totalCount, offset, hasNextPage);
  }

  @Authorized(Permission.TICKETS_REDEEM)
  @Mutation(() => TicketCodeRedeemPayload, {
    description:
      'R1/R2/R5/B8: redeems part or all of a code, atomically and at most once per idempotency key of the caller; a key reused with another code, quantity or channel is refused with IDEMPOTENCY_KEY_REUSED. Unknown codes count toward the look-up limit (R6). Requires TICKETS_REDEEM.',
  })
  ticketCodeRedeem(@Arg('input', () => TicketCodeRedeemInput) input: TicketCodeRedeemInput, @Ctx() ctx: Context): Promise<TicketCodeRedeemPayload> {
    return ctx.services.redemption.redeem(ctx, input);
  }
}
