import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { CommissionReport, ReferrerCreateInput, ReferrerCreatePayload } from './commission.types.js';
import { Referrer } from './referrer.entity.js';

@Resolver()
export class CommissionResolver {
  @Authorized(Permission.SETTINGS_MANAGE, Permission.REPORTS_READ)
  @Query(() => [Referrer], { description: 'Referrers (推薦人). Requires SETTINGS_MANAGE or REPORTS_READ.' })
  referrers(@Ctx() ctx: Context): Promise<Referrer[]> {
    return ctx.em.find(Referrer, {}, { orderBy: { name: 'asc' } });
  }

  @Authorized(Permission.SETTINGS_MANAGE)
  @Mutation(() => ReferrerCreatePayload, { description: 'Creates a referrer with a code and a commission rate. Requires SETTINGS_MANAGE.' })
  referrerCreate(@Arg('input', () => ReferrerCreateInput) input: ReferrerCreateInput, @Ctx() ctx: Context) {
    return ctx.services.commission.createReferrer(ctx, input);
  }

  @Authorized(Permission.REPORTS_READ)
  @Query(() => CommissionReport, { nullable: true, description: 'A2: commissions made in a period, per referrer. Requires REPORTS_READ.' })
  commissionReport(@Arg('period', () => String) period: string, @Ctx() ctx: Context) {
    return ctx.services.commission.report(ctx.em, period);
  }
}
