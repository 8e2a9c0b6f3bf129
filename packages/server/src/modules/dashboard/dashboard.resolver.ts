import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { Dashboard, DashboardRange } from './dashboard.types.js';

@Resolver()
export class DashboardResolver {
  @Authorized(Permission.REPORTS_READ)
  @Query(() => Dashboard, {
    description:
      "B10 (首頁): sales, orders, redemptions, refunds, the liability (L5) and the current period's payout, with daily series, top products and the busiest redemption hours, all from the ledger, for a range of Asia/Taipei business days. Requires REPORTS_READ.",
  })
  dashboard(@Arg('range', () => DashboardRange) range: DashboardRange, @Ctx() ctx: Context): Promise<Dashboard> {
    return ctx.services.dashboard.dashboard(range, ctx.clock.now());
  }
}
