import { AuthorizationError, Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { Product } from '../catalog/product.entity.js';
import {
  OfflineActivityConnection,
  OfflineConflictConnection,
  OfflineConflictResolveInput,
  OfflineConflictResolvePayload,
  OfflineSnapshotCreateInput,
  OfflineSnapshotCreatePayload,
  OfflineSyncResult,
  ProductOfflineSettingsUpdateInput,
  ProductOfflineSettingsUpdatePayload,
  TicketCodeOfflineSyncInput,
  TicketCodeOfflineSyncPayload,
} from './offline.types.js';

/**
 * B7: a snapshot holds a hash of every redeemable code of a product, and a sync redeems without a look-up
 * limit per code beyond R6's: both are for staff accounts on clerk devices (an integration redeems online).
 */
function staffDeviceOnly(ctx: Context): void {
  if (!ctx.principal?.userId) throw new AuthorizationError('Offline redemption is for staff accounts on clerk devices, not API keys');
}

@Resolver()
export class OfflineResolver {
  @Authorized(Permission.CATALOG_MANAGE)
  @Mutation(() => ProductOfflineSettingsUpdatePayload, {
    description: 'B7: turns offline redemption on or off for a ticket product (default off) and sets how long a snapshot may be used (1 to 72 hours, default 12). Requires CATALOG_MANAGE.',
  })
  productOfflineSettingsUpdate(@Arg('input', () => ProductOfflineSettingsUpdateInput) input: ProductOfflineSettingsUpdateInput, @Ctx() ctx: Context) {
    return ctx.services.offline.updateSettings(ctx, input);
  }

  @Authorized(Permission.TICKETS_REDEEM)
  @Query(() => [Product], { description: 'B7: the ticket products with offline redemption on (on sale, or archived: their codes still redeem), by title. Requires TICKETS_REDEEM.' })
  offlineProducts(@Ctx() ctx: Context): Promise<Product[]> {
    return ctx.services.offline.products(ctx);
  }

  @Authorized(Permission.TICKETS_REDEEM)
  @Mutation(() => OfflineSnapshotCreatePayload, {
    description:
      "B7: a signed snapshot of a product's redeemable codes for one device (keyed hashes, remaining units, ticket type; no buyer data), usable until expiresAt (the product's window). Recorded in offlineActivity. At most 30 an hour per account. Requires TICKETS_REDEEM, as a staff account (not an API key).",
  })
  offlineSnapshotCreate(@Arg('input', () => OfflineSnapshotCreateInput) input: OfflineSnapshotCreateInput, @Ctx() ctx: Context) {
    staffDeviceOnly(ctx);
    return ctx.services.offline.createSnapshot(ctx, input);
  }

  @Authorized(Permission.TICKETS_REDEEM)
  @Mutation(() => TicketCodeOfflineSyncPayload, {
    description:
      "B7: applies what a device redeemed offline from a snapshot, in order, each with the online redemption's guarded statement (channel OFFLINE, quantity 1, the device and its time kept): at most 200 a call. A key synced before answers ALREADY_SYNCED; a code already used up is a CONFLICT (recorded for the admin, never redeemed twice); a multi-unit code is REFUSED (it needs the network). A snapshot not issued by this server, or expired more than 24 h ago, is refused. Each applied item stays applied (no all-or-nothing). Requires TICKETS_REDEEM, as a staff account (not an API key).",
  })
  ticketCodeOfflineSync(@Arg('input', () => TicketCodeOfflineSyncInput) input: TicketCodeOfflineSyncInput, @Ctx() ctx: Context) {
    staffDeviceOnly(ctx);
    return ctx.services.offline.sync(ctx, input);
  }

  @Authorized(Permission.CATALOG_MANAGE, Permission.REPORTS_READ)
  @Query(() => OfflineConflictConnection, {
    description: 'B7: codes redeemed offline on a device after they were already used up elsewhere, newest first; `resolved` filters (omit for all). Requires CATALOG_MANAGE or REPORTS_READ.',
  })
  offlineConflicts(
    @Ctx() ctx: Context,
    @Arg('resolved', () => Boolean, { nullable: true }) resolved?: boolean,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.services.offline.conflicts(ctx, resolved, first, after);
  }

  @Authorized(Permission.CATALOG_MANAGE)
  @Mutation(() => OfflineConflictResolvePayload, {
    description: 'B7: marks a conflict resolved, with a note (the books are not changed: the second redemption never happened in them). Requires CATALOG_MANAGE.',
  })
  offlineConflictResolve(@Arg('input', () => OfflineConflictResolveInput) input: OfflineConflictResolveInput, @Ctx() ctx: Context) {
    return ctx.services.offline.resolveConflict(ctx, input);
  }

  @Authorized(Permission.CATALOG_MANAGE, Permission.REPORTS_READ)
  @Query(() => OfflineActivityConnection, {
    description: 'B7: offline snapshot downloads and syncs (who, which device, which product, how many, when), newest first; optionally for one product. Requires CATALOG_MANAGE or REPORTS_READ.',
  })
  offlineActivity(
    @Ctx() ctx: Context,
    @Arg('productId', () => ID, { nullable: true }) productId?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.services.offline.activity(ctx, productId, first, after);
  }
}

@Resolver(() => TicketCodeOfflineSyncPayload)
export class TicketCodeOfflineSyncPayloadResolver {
  /** Input refused by its bounds (INVALID_INPUT, before the resolver) has no results: an empty list, not null. */
  @FieldResolver(() => [OfflineSyncResult], { description: 'One per redemption applied, in order (with TOO_MANY_ATTEMPTS, the ones before it: send the rest later).' })
  results(@Root() payload: Partial<TicketCodeOfflineSyncPayload>): OfflineSyncResult[] {
    return payload.results ?? [];
  }
}
