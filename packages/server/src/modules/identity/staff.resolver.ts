import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Permission, Role } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { pageWindow, toConnection } from '../../common/graphql/connection.js';
import { User } from './user.entity.js';
import {
  StaffConnection,
  StaffCreateInput,
  StaffCreatePayload,
  StaffDisableInput,
  StaffDisablePayload,
  StaffUpdatePermissionsInput,
  StaffUpdatePermissionsPayload,
} from './identity.types.js';

@Resolver()
export class StaffResolver {
  @Authorized(Permission.STAFF_MANAGE)
  @Query(() => StaffConnection, { description: 'Staff accounts (管理者列表). Requires STAFF_MANAGE.' })
  async staffMembers(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const { limit, offset } = pageWindow(first, after);
    const [items, total] = await ctx.em.findAndCount(
      User,
      { role: { $in: [Role.ADMIN, Role.TICKET_CLERK] } },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit, offset },
    );
    return toConnection(items, total, offset);
  }

  @Authorized(Permission.STAFF_MANAGE)
  @Mutation(() => StaffCreatePayload, {
    description: 'Creates an admin or a ticket clerk (電子票券門市), with only permissions the caller holds (PERMISSION_NOT_HELD). Requires STAFF_MANAGE.',
  })
  staffCreate(@Arg('input', () => StaffCreateInput) input: StaffCreateInput, @Ctx() ctx: Context) {
    return ctx.services.identity.staffCreate(ctx, input);
  }

  @Authorized(Permission.STAFF_MANAGE)
  @Mutation(() => StaffUpdatePermissionsPayload, {
    description:
      "Sets an admin's permissions. A ticket clerk's are fixed (STORE_USER_PERMISSIONS_IMMUTABLE); only permissions the caller holds can be added (PERMISSION_NOT_HELD); the store owner's can't be reduced by others (OWNER_PROTECTED). Requires STAFF_MANAGE.",
  })
  staffUpdatePermissions(@Arg('input', () => StaffUpdatePermissionsInput) input: StaffUpdatePermissionsInput, @Ctx() ctx: Context) {
    return ctx.services.identity.staffUpdatePermissions(ctx, input);
  }

  @Authorized(Permission.STAFF_MANAGE)
  @Mutation(() => StaffDisablePayload, {
    description: 'Disables a staff account and ends its sessions at once; not one\'s own (CANNOT_DISABLE_SELF) nor the store owner (OWNER_PROTECTED). Requires STAFF_MANAGE.',
  })
  staffDisable(@Arg('input', () => StaffDisableInput) input: StaffDisableInput, @Ctx() ctx: Context) {
    return ctx.services.identity.staffDisable(ctx, input.staffId);
  }
}
