import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { AuditActor, AuditEventConnection, AuditEventFilter } from './audit.types.js';

/** B5: the audit log, for admins holding AUDIT_READ (管理中心 > 操作紀錄). */
@Resolver()
export class AuditResolver {
  @Authorized(Permission.AUDIT_READ)
  @Query(() => AuditEventConnection, {
    description:
      'B5: the audit log of privileged actions, newest first, filtered by actor, action, object and time. Pages hold `first` events (default 50, at most 100); `after` is the endCursor of the page before. The same list as CSV: GET /exports/audit.csv with the filter as query parameters. Requires AUDIT_READ.',
  })
  auditEvents(
    @Ctx() ctx: Context,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.services.audit.events(filter, first, after);
  }

  @Authorized(Permission.AUDIT_READ)
  @Query(() => [AuditActor], { description: 'B5: every staff account and API key that appears in the audit log (its latest name), by name: the choices of the actor filter. Requires AUDIT_READ.' })
  auditActors(@Ctx() ctx: Context): Promise<AuditActor[]> {
    return ctx.services.audit.actors();
  }

  @Authorized(Permission.AUDIT_READ)
  @Query(() => [String], { description: 'B5: the actions recorded in the audit log so far, alphabetically: the choices of the action filter. Requires AUDIT_READ.' })
  auditActions(@Ctx() ctx: Context): Promise<string[]> {
    return ctx.services.audit.actions();
  }
}
