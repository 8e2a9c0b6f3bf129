import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import { can, type Context } from '../../common/context.js';
import { pageWindow, toConnection } from '../../common/graphql/connection.js';
import { isUuid } from '../identity/identity.service.js';
import {
  MixMatchDiscountCreateInput,
  MixMatchDiscountCreatePayload,
  MixMatchDiscountDeleteInput,
  MixMatchDiscountDeletePayload,
  MixMatchDiscountUpdateInput,
  MixMatchDiscountUpdatePayload,
  ProductDuplicateInput,
  ProductDuplicatePayload,
  PurchaseLimitGroupDeleteInput,
  PurchaseLimitGroupDeletePayload,
  PurchaseLimitGroupUpdateInput,
  PurchaseLimitGroupUpdatePayload,
  ProductArchiveInput,
  ProductArchivePayload,
  ProductConnection,
  ProductCreateInput,
  ProductCreatePayload,
  ProductUpdateInput,
  ProductUpdatePayload,
  PurchaseLimitGroupCreateInput,
  PurchaseLimitGroupCreatePayload,
} from './catalog.types.js';
import { MixMatchDiscount } from './mix-match-discount.entity.js';
import { Product, ProductKind, ProductStatus } from './product.entity.js';
import { PurchaseLimitGroup } from './purchase-limit-group.entity.js';
import { Variant } from './variant.entity.js';

@Resolver(() => Product)
export class CatalogResolver {
  @Query(() => ProductConnection, {
    description: 'Products on sale (ACTIVE). Staff with CATALOG_MANAGE may filter by any status. Public.',
  })
  async products(
    @Ctx() ctx: Context,
    @Arg('kind', () => ProductKind, { nullable: true }) kind?: ProductKind,
    @Arg('status', () => ProductStatus, { nullable: true }) status?: ProductStatus,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const { limit, offset } = pageWindow(first, after);
    const statuses = can(ctx, Permission.CATALOG_MANAGE) ? (status ? [status] : [ProductStatus.DRAFT, ProductStatus.ACTIVE]) : [ProductStatus.ACTIVE];
    const [items, total] = await ctx.em.findAndCount(
      Product,
      { status: { $in: statuses }, ...(kind ? { kind } : {}) },
      { orderBy: { createdAt: 'desc', id: 'asc' }, limit, offset },
    );
    return toConnection(items, total, offset);
  }

  @Query(() => Product, { nullable: true, description: 'One product: ACTIVE ones for everyone, any for CATALOG_MANAGE. Public.' })
  async product(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Product | null> {
    if (!isUuid(id)) return null;
    const product = await ctx.em.findOne(Product, id);
    if (!product || (product.status !== ProductStatus.ACTIVE && !can(ctx, Permission.CATALOG_MANAGE))) return null;
    return product;
  }

  @FieldResolver(() => [Variant], { description: 'Ticket types (票種) or goods variants, in display order (archived ones left out).' })
  async variants(@Root() product: Product, @Ctx() ctx: Context): Promise<Variant[]> {
    if (!product.variants.isInitialized()) await ctx.em.populate(product, ['variants']);
    return product.variants.getItems().filter((v) => !v.archived);
  }

  @Authorized(Permission.CATALOG_MANAGE)
  @Mutation(() => ProductCreatePayload, { description: 'Creates a product with its ticket types. Requires CATALOG_MANAGE.' })
  productCreate(@Arg('input', () => ProductCreateInput) input: ProductCreateInput, @Ctx() ctx: Context) {
    return ctx.services.catalog.create(ctx, input);
  }

  @Authorized(Permission.CATALOG_MANAGE)
  @Mutation(() => ProductUpdatePayload, { description: 'Changes a product and its ticket types. Requires CATALOG_MANAGE.' })
  productUpdate(@Arg('input', () => ProductUpdateInput) input: ProductUpdateInput, @Ctx() ctx: Context) {
    return ctx.services.catalog.update(ctx, input);
  }

  @Authorized(Permission.CATALOG_MANAGE)
  @Mutation(() => ProductArchivePayload, { description: 'Takes a product off sale for good (ARCHIVED). Requires CATALOG_MANAGE.' })
  productArchive(@Arg('input', () => ProductArchiveInput) input: ProductArchiveInput, @Ctx() ctx: Context) {
    return ctx.services.catalog.archive(ctx, input.id);
  }

  @Authorized(Permission.CATALOG_MANAGE)
  @Mutation(() => ProductDuplicatePayload, {
    description: 'Copies a product as a new DRAFT with its ticket types (not archived ones) and nothing sold: limited ticket types start with the whole stock of the original. Requires CATALOG_MANAGE.',
  })
  productDuplicate(@Arg('input', () => ProductDuplicateInput) input: ProductDuplicateInput, @Ctx() ctx: Context) {
    return ctx.services.catalog.duplicate(ctx, input.id);
  }

  @Authorized(Permission.CATALOG_MANAGE)
  @Query(() => [PurchaseLimitGroup], { description: 'C2: purchase-limit groups (限購群組). Requires CATALOG_MANAGE.' })
  purchaseLimitGroups(@Ctx() ctx: Context): Promise<PurchaseLimitGroup[]> {
    return ctx.em.find(PurchaseLimitGroup, {}, { populate: ['variants'], orderBy: { name: 'asc' } });
  }

  @Authorized(Permission.CATALOG_MANAGE)
  @Mutation(() => PurchaseLimitGroupCreatePayload, { description: 'C2: creates a purchase-limit group. Requires CATALOG_MANAGE.' })
  purchaseLimitGroupCreate(@Arg('input', () => PurchaseLimitGroupCreateInput) input: PurchaseLimitGroupCreateInput, @Ctx() ctx: Context) {
    return ctx.services.catalog.createPurchaseLimitGroup(ctx, input);
  }

  @Authorized(Permission.CATALOG_MANAGE)
  @Mutation(() => PurchaseLimitGroupUpdatePayload, {
    description: "C2: changes a purchase-limit group's name, maximum and ticket types for checkouts from now on; orders already placed are not affected. Requires CATALOG_MANAGE.",
  })
  purchaseLimitGroupUpdate(@Arg('input', () => PurchaseLimitGroupUpdateInput) input: PurchaseLimitGroupUpdateInput, @Ctx() ctx: Context) {
    return ctx.services.catalog.updatePurchaseLimitGroup(ctx, input);
  }

  @Authorized(Permission.CATALOG_MANAGE)
  @Mutation(() => PurchaseLimitGroupDeletePayload, {
    description: 'C2: deletes a purchase-limit group: it stops applying to new checkouts; orders already placed are not affected. Requires CATALOG_MANAGE.',
  })
  purchaseLimitGroupDelete(@Arg('input', () => PurchaseLimitGroupDeleteInput) input: PurchaseLimitGroupDeleteInput, @Ctx() ctx: Context) {
    return ctx.services.catalog.deletePurchaseLimitGroup(ctx, input.id);
  }

  @Query(() => [MixMatchDiscount], { description: 'C3: active mix-and-match discounts (任選折扣), so the shop can show them; staff with CATALOG_MANAGE also see paused ones. Public.' })
  mixMatchDiscounts(@Ctx() ctx: Context): Promise<MixMatchDiscount[]> {
    return ctx.em.find(MixMatchDiscount, can(ctx, Permission.CATALOG_MANAGE) ? {} : { active: true }, { populate: ['variants'], orderBy: { name: 'asc' } });
  }

  @Authorized(Permission.CATALOG_MANAGE)
  @Mutation(() => MixMatchDiscountCreatePayload, { description: 'C3: creates a mix-and-match discount. Requires CATALOG_MANAGE.' })
  mixMatchDiscountCreate(@Arg('input', () => MixMatchDiscountCreateInput) input: MixMatchDiscountCreateInput, @Ctx() ctx: Context) {
    return ctx.services.catalog.createMixMatchDiscount(ctx, input);
  }

  @Authorized(Permission.CATALOG_MANAGE)
  @Mutation(() => MixMatchDiscountUpdatePayload, {
    description: 'C3: changes a mix-and-match discount (or pauses it with active: false) for checkouts from now on; orders already placed keep their prices. Requires CATALOG_MANAGE.',
  })
  mixMatchDiscountUpdate(@Arg('input', () => MixMatchDiscountUpdateInput) input: MixMatchDiscountUpdateInput, @Ctx() ctx: Context) {
    return ctx.services.catalog.updateMixMatchDiscount(ctx, input);
  }

  @Authorized(Permission.CATALOG_MANAGE)
  @Mutation(() => MixMatchDiscountDeletePayload, {
    description: 'C3: deletes a mix-and-match discount: it stops applying to new checkouts; orders already placed keep their prices. Requires CATALOG_MANAGE.',
  })
  mixMatchDiscountDelete(@Arg('input', () => MixMatchDiscountDeleteInput) input: MixMatchDiscountDeleteInput, @Ctx() ctx: Context) {
    return ctx.services.catalog.deleteMixMatchDiscount(ctx, input.id);
  }
}
