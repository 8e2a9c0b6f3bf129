import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, ID, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { isUuid } from '../identity/identity.service.js';
import { GateCounts } from './gate-counts.types.js';

const SCOPE = 'Admins see every product redeemed today (or the one asked for) and every clerk; a ticket clerk or API key sees itself and the products it redeemed today (or the one asked for). Requires TICKETS_READ.';

@Resolver()
export class GateCountsResolver {
  @Authorized(Permission.TICKETS_READ)
  @Query(() => GateCounts, { description: `B2: gate counts now: per product sold, redeemed today (Asia/Taipei) and remaining; per clerk redeemed today. ${SCOPE}` })
  gateCounts(@Ctx() ctx: Context, @Arg('productId', () => ID, { nullable: true }) productId?: string): Promise<GateCounts> {
    return ctx.services.gate.counts(ctx.principal!, productId);
  }

  @Authorized(Permission.TICKETS_READ)
  @Subscription(() => GateCounts, {
    name: 'gateCounts',
    description: `B2: the gate counts at once, then whenever a redemption on any API process changes them (at most one push every 250 ms), over graphql-ws on /graphql (subprotocol graphql-transport-ws; connectionParams { authorization: "Bearer <token>" } or the session cookie). ${SCOPE}`,
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { productId?: string | null }, Context>) => {
      if (args.productId && !isUuid(args.productId)) throw new GraphQLError('productId is not a valid id', { extensions: { code: 'BAD_USER_INPUT', field: 'productId' } });
      return context.services.gate.live(context.principal!, args.productId);
    },
  })
  gateCountsChanged(@Root() counts: GateCounts, @Arg('productId', () => ID, { nullable: true }) _productId?: string): GateCounts {
    return counts;
  }
}
