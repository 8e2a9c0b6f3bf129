import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { recentPeriods } from './period.js';
import { LedgerConsistency, SettlementStatement, StatementSummary, TicketLiability } from './statement.types.js';

@Resolver()
export class StatementResolver {
  @Authorized(Permission.REPORTS_READ)
  @Query(() => SettlementStatement, { nullable: true, description: 'L2-L4: one period\'s statement ("YYYY-MM-H1" or "YYYY-MM-H2"); null for a malformed period. Requires REPORTS_READ.' })
  settlementStatement(@Arg('period', () => String) period: string, @Ctx() ctx: Context) {
    return ctx.services.statements.statement(ctx.em, period);
  }

  @Authorized(Permission.REPORTS_READ)
  @Query(() => [StatementSummary], { description: 'L4: the latest periods with their totals, newest first. Requires REPORTS_READ.' })
  settlementStatements(@Ctx() ctx: Context, @Arg('count', () => Int, { nullable: true }) count?: number) {
    return ctx.services.statements.summaries(ctx.em, recentPeriods(ctx.clock.now(), Math.min(Math.max(count ?? 12, 1), 48)));
  }

  @Authorized(Permission.REPORTS_READ)
  @Query(() => TicketLiability, { description: 'L5 (履約保障): outstanding face value at `asOf` (default now). Requires REPORTS_READ.' })
  ticketLiability(@Ctx() ctx: Context, @Arg('asOf', () => Date, { nullable: true }) asOf?: Date) {
    return ctx.services.statements.liability(ctx.em, asOf ?? ctx.clock.now());
  }

  @Authorized(Permission.REPORTS_READ)
  @Query(() => LedgerConsistency, { nullable: true, description: 'Proves the books for a period: statement = ledger, and sold = redeemed + refunded + outstanding per code. Requires REPORTS_READ.' })
  ledgerConsistency(@Arg('period', () => String) period: string, @Ctx() ctx: Context) {
    return ctx.services.statements.consistency(ctx.em, period);
  }
}
