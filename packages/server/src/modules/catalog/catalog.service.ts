import type { Context } from '../../common/context.js';
import { isUuid } from '../identity/identity.service.js';
import { OrderStatus } from '../orders/order.entity.js';
import {
  MixMatchDiscountCreatePayload,
  MixMatchDiscountCreateErrors,
  MixMatchDiscountDeleteErrors,
  MixMatchDiscountDeletePayload,
  MixMatchDiscountUpdateErrors,
  MixMatchDiscountUpdatePayload,
  ProductDuplicateErrors,
  ProductDuplicatePayload,
  PurchaseLimitGroupDeleteErrors,
  PurchaseLimitGroupDeletePayload,
  PurchaseLimitGroupUpdateErrors,
  PurchaseLimitGroupUpdatePayload,
  type GroupChangeErrorCode,
  type MixMatchDiscountUpdateInput,
  type PurchaseLimitGroupUpdateInput,
  ProductArchiveErrors,
  ProductArchivePayload,
  ProductCreateErrors,
  ProductCreatePayload,
  ProductUpdateErrors,
  ProductUpdatePayload,
  PurchaseLimitGroupCreateErrors,
  PurchaseLimitGroupCreatePayload,
  type GroupErrorCode,
  type MixMatchDiscountCreateInput,
  type ProductCreateInput,
  type ProductErrorCode,
  type ProductFieldsInput,
  type ProductUpdateInput,
  type PurchaseLimitGroupCreateInput,
} from './catalog.types.js';
import { MixMatchDiscount } from './mix-match-discount.entity.js';
import { Product, ProductKind, ProductStatus } from './product.entity.js';
import { PurchaseLimitGroup } from './purchase-limit-group.entity.js';
import { Variant } from './variant.entity.js';

type FieldError = { code: ProductErrorCode; field: string };

const isWhole = (n: number | null | undefined) => n == null || (Number.isInteger(n) && n >= 0);
/** Only web addresses: a `javascript:` or `data:` image address would run or smuggle content in the shop. */
const isWebUrl = (url: string) => /^https?:\/\/[^\s]+$/i.test(url.trim());

function validateProduct(kind: ProductKind, input: ProductFieldsInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!input.title.trim()) errors.push({ code: 'TITLE_REQUIRED', field: 'title' });
  if (input.variants.length === 0) errors.push({ code: 'VARIANT_REQUIRED', field: 'variants' });
  if (input.validFrom && input.validUntil && input.validFrom >= input.validUntil) errors.push({ code: 'INVALID_VALIDITY', field: 'validUntil' });
  if (kind === ProductKind.TICKET && (input.shippingFee || input.freeShippingThreshold)) errors.push({ code: 'TICKET_SHIPPING_NOT_ALLOWED', field: 'shippingFee' });
  if (!isWhole(input.shippingFee) || !isWhole(input.freeShippingThreshold)) errors.push({ code: 'INVALID_SHIPPING', field: 'shippingFee' });
  input.images?.forEach((url, i) => {
    if (!isWebUrl(url)) errors.push({ code: 'INVALID_IMAGE_URL', field: `images.${i}` });
  });
  input.variants.forEach((v, i) => {
    if (!v.name.trim()) errors.push({ code: 'VARIANT_NAME_REQUIRED', field: `variants.${i}.name` });
    if (!isWhole(v.price)) errors.push({ code: 'INVALID_PRICE', field: `variants.${i}.price` });
    if (!isWhole(v.stock)) errors.push({ code: 'INVALID_STOCK', field: `variants.${i}.stock` });
    if (v.saleStartsAt && v.saleEndsAt && v.saleStartsAt >= v.saleEndsAt) errors.push({ code: 'INVALID_SALE_WINDOW', field: `variants.${i}.saleEndsAt` });
  });
  return errors;
}

export class CatalogService {
  async create(ctx: Context, input: ProductCreateInput): Promise<ProductCreatePayload> {
    const payload = new ProductCreatePayload();
    payload.errors = validateProduct(input.kind, input).map((e) => ProductCreateErrors.error(ctx, e.code, e.field));
    if (payload.errors.length) return payload;
    const product = ctx.em.create(Product, { kind: input.kind, title: input.title.trim(), createdAt: ctx.clock.now(), updatedAt: ctx.clock.now() });
    this.apply(ctx, product, input);
    await ctx.em.flush();
    payload.product = product;
    return payload;
  }

  async update(ctx: Context, input: ProductUpdateInput): Promise<ProductUpdatePayload> {
    const payload = new ProductUpdatePayload();
    const product = isUuid(input.id) ? await ctx.em.findOne(Product, input.id, { populate: ['variants'] }) : null;
    if (!product) {
      payload.errors.push(ProductUpdateErrors.error(ctx, 'PRODUCT_NOT_FOUND', 'id'));
      return payload;
    }
    const errors = validateProduct(product.kind, input);
    const own = new Set(product.variants.getItems().map((v) => v.id));
    input.variants.forEach((v, i) => {
      if (v.id && !own.has(v.id)) errors.push({ code: 'VARIANT_NOT_IN_PRODUCT', field: `variants.${i}.id` });
    });
    payload.errors = errors.map((e) => ProductUpdateErrors.error(ctx, e.code, e.field));
    if (payload.errors.length) return payload;
    this.apply(ctx, product, input);
    await ctx.em.flush();
    payload.product = product;
    return payload;
  }

  private apply(ctx: Context, product: Product, input: ProductFieldsInput): void {
    product.title = input.title.trim();
    product.description = input.description ?? product.description;
    product.terms = input.terms ?? product.terms;
    product.images = input.images ?? product.images;
    product.status = input.status ?? product.status;
    product.validFrom = input.validFrom ?? null;
    product.validUntil = input.validUntil ?? null;
    product.shippingFee = product.kind === ProductKind.GOODS ? (input.shippingFee ?? 0) : 0;
    product.freeShippingThreshold = product.kind === ProductKind.GOODS ? (input.freeShippingThreshold ?? null) : null;
    const existing = new Map(product.variants.isInitialized() ? product.variants.getItems().map((v) => [v.id, v]) : []);
    const kept = new Set<string>();
    input.variants.forEach((v, position) => {
      const fields = { name: v.name.trim(), price: v.price, stock: v.stock ?? null, saleStartsAt: v.saleStartsAt ?? null, saleEndsAt: v.saleEndsAt ?? null, position, archived: false };
      const variant = v.id ? existing.get(v.id) : undefined;
      if (variant) {
        Object.assign(variant, fields);
        kept.add(variant.id);
      } else {
        product.variants.add(ctx.em.create(Variant, { ...fields, product }));
      }
    });
    for (const [id, variant] of existing) if (!kept.has(id)) variant.archived = true;
  }

  async archive(ctx: Context, id: string): Promise<ProductArchivePayload> {
    const payload = new ProductArchivePayload();
    const product = isUuid(id) ? await ctx.em.findOne(Product, id) : null;
    if (!product) {
      payload.errors.push(ProductArchiveErrors.error(ctx, 'PRODUCT_NOT_FOUND', 'id'));
      return payload;
    }
    product.status = ProductStatus.ARCHIVED;
    await ctx.em.flush();
    payload.product = product;
    return payload;
  }

  private async variantsFor(ctx: Context, ids: string[]): Promise<{ variants: Variant[]; error?: GroupErrorCode }> {
    const unique = [...new Set(ids)];
    if (unique.length === 0 || !unique.every(isUuid)) return { variants: [], error: 'VARIANT_NOT_FOUND' };
    const variants = await ctx.em.find(Variant, { id: { $in: unique } }, { populate: ['product'] });
    if (variants.length !== unique.length) return { variants, error: 'VARIANT_NOT_FOUND' };
    if (new Set(variants.map((v) => v.product.getEntity().kind)).size > 1) return { variants, error: 'MIXED_KINDS' };
    return { variants };
  }

  /** C2: what makes a group valid, for creating and changing one. */
  private async checkPurchaseLimitGroup(ctx: Context, input: PurchaseLimitGroupCreateInput, err: (code: GroupErrorCode, field: string) => void): Promise<Variant[]> {
    if (!input.name.trim()) err('NAME_REQUIRED', 'name');
    if (!Number.isInteger(input.maxQuantity) || input.maxQuantity < 1) err('INVALID_QUANTITY', 'maxQuantity');
    const { variants, error } = await this.variantsFor(ctx, input.variantIds);
    if (error) err(error, 'variantIds');
    return variants;
  }

  /** C3: what makes a discount valid, for creating and changing one. */
  private async checkMixMatchDiscount(ctx: Context, input: MixMatchDiscountCreateInput, err: (code: GroupErrorCode, field: string) => void): Promise<Variant[]> {
    if (!input.name.trim()) err('NAME_REQUIRED', 'name');
    if (!Number.isInteger(input.requiredQuantity) || input.requiredQuantity < 2) err('INVALID_QUANTITY', 'requiredQuantity');
    const fixed = input.fixedPrice != null;
    const percent = input.percentOff != null;
    if (fixed === percent || (fixed && !isWhole(input.fixedPrice)) || (percent && !(input.percentOff! >= 1 && input.percentOff! <= 99))) err('INVALID_DISCOUNT', 'fixedPrice');
    const { variants, error } = await this.variantsFor(ctx, input.variantIds);
    if (error) err(error, 'variantIds');
    return variants;
  }

  async createPurchaseLimitGroup(ctx: Context, input: PurchaseLimitGroupCreateInput): Promise<PurchaseLimitGroupCreatePayload> {
    const payload = new PurchaseLimitGroupCreatePayload();
    const variants = await this.checkPurchaseLimitGroup(ctx, input, (code, field) => payload.errors.push(PurchaseLimitGroupCreateErrors.error(ctx, code, field)));
    if (payload.errors.length) return payload;
    const group = ctx.em.create(PurchaseLimitGroup, { name: input.name.trim(), maxQuantity: input.maxQuantity });
    group.variants.set(variants);
    await ctx.em.flush();
    payload.purchaseLimitGroup = group;
    return payload;
  }

  async createMixMatchDiscount(ctx: Context, input: MixMatchDiscountCreateInput): Promise<MixMatchDiscountCreatePayload> {
    const payload = new MixMatchDiscountCreatePayload();
    const variants = await this.checkMixMatchDiscount(ctx, input, (code, field) => payload.errors.push(MixMatchDiscountCreateErrors.error(ctx, code, field)));
    if (payload.errors.length) return payload;
    const discount = ctx.em.create(MixMatchDiscount, {
      name: input.name.trim(),
      requiredQuantity: input.requiredQuantity,
      fixedPrice: input.fixedPrice ?? null,
      percentOff: input.percentOff ?? null,
    });
    discount.variants.set(variants);
    await ctx.em.flush();
    payload.mixMatchDiscount = discount;
    return payload;
  }

  /**
   * C2: changes a group for checkouts from now on. Past orders keep what they bought: a limit is counted
   * at checkout over the shopper's orders, and nothing of the group is stored with an order.
   */
  async updatePurchaseLimitGroup(ctx: Context, input: PurchaseLimitGroupUpdateInput): Promise<PurchaseLimitGroupUpdatePayload> {
    const payload = new PurchaseLimitGroupUpdatePayload();
    const err = (code: GroupChangeErrorCode, field: string) => payload.errors.push(PurchaseLimitGroupUpdateErrors.error(ctx, code, field));
    const group = isUuid(input.id) ? await ctx.em.findOne(PurchaseLimitGroup, input.id, { populate: ['variants'] }) : null;
    if (!group) {
      err('NOT_FOUND', 'id');
      return payload;
    }
    const variants = await this.checkPurchaseLimitGroup(ctx, input, err);
    if (payload.errors.length) return payload;
    group.name = input.name.trim();
    group.maxQuantity = input.maxQuantity;
    group.variants.set(variants);
    await ctx.em.flush();
    payload.purchaseLimitGroup = group;
    return payload;
  }

  /** C2: the group stops applying to new checkouts; orders are untouched (none refers to it). */
  async deletePurchaseLimitGroup(ctx: Context, id: string): Promise<PurchaseLimitGroupDeletePayload> {
    const payload = new PurchaseLimitGroupDeletePayload();
    const deleted = isUuid(id) ? await ctx.em.nativeDelete(PurchaseLimitGroup, { id }) : 0;
    if (!deleted) payload.errors.push(PurchaseLimitGroupDeleteErrors.error(ctx, 'NOT_FOUND', 'id'));
    else payload.deletedId = id;
    return payload;
  }

  /**
   * C3: changes a discount for checkouts from now on. Orders already placed keep their prices: each line
   * stores its unit price and its share of the discount (F8 refunds what was paid).
   */
  async updateMixMatchDiscount(ctx: Context, input: MixMatchDiscountUpdateInput): Promise<MixMatchDiscountUpdatePayload> {
    const payload = new MixMatchDiscountUpdatePayload();
    const err = (code: GroupChangeErrorCode, field: string) => payload.errors.push(MixMatchDiscountUpdateErrors.error(ctx, code, field));
    const discount = isUuid(input.id) ? await ctx.em.findOne(MixMatchDiscount, input.id, { populate: ['variants'] }) : null;
    if (!discount) {
      err('NOT_FOUND', 'id');
      return payload;
    }
    const variants = await this.checkMixMatchDiscount(ctx, input, err);
    if (payload.errors.length) return payload;
    discount.name = input.name.trim();
    discount.requiredQuantity = input.requiredQuantity;
    discount.fixedPrice = input.fixedPrice ?? null;
    discount.percentOff = input.percentOff ?? null;
    if (input.active != null) discount.active = input.active;
    discount.variants.set(variants);
    await ctx.em.flush();
    payload.mixMatchDiscount = discount;
    return payload;
  }

  /** C3: the discount no longer applies to new checkouts; orders keep the prices they were placed with. */
  async deleteMixMatchDiscount(ctx: Context, id: string): Promise<MixMatchDiscountDeletePayload> {
    const payload = new MixMatchDiscountDeletePayload();
    const deleted = isUuid(id) ? await ctx.em.nativeDelete(MixMatchDiscount, { id }) : 0;
    if (!deleted) payload.errors.push(MixMatchDiscountDeleteErrors.error(ctx, 'NOT_FOUND', 'id'));
    else payload.deletedId = id;
    return payload;
  }

  /**
   * A DRAFT copy of a product with its ticket types (not the archived ones) and nothing sold: each limited
   * ticket type starts with the original's whole stock, the units still for sale plus those its orders and
   * checkouts in progress took. Purchase-limit groups and discounts are not copied (add the copy to them).
   */
  async duplicate(ctx: Context, id: string): Promise<ProductDuplicatePayload> {
    const payload = new ProductDuplicatePayload();
    const original = isUuid(id) ? await ctx.em.findOne(Product, id, { populate: ['variants'] }) : null;
    if (!original) {
      payload.errors.push(ProductDuplicateErrors.error(ctx, 'PRODUCT_NOT_FOUND', 'id'));
      return payload;
    }
    const variants = original.variants.getItems().filter((v) => !v.archived);
    const taken = new Map<string, number>();
    if (variants.length) {
      const rows = await ctx.em.getConnection().execute<{ variant_id: string; taken: number }[]>(
        `select variant_id, sum(quantity)::int as taken from (
           select l.variant_id, l.quantity from order_line l join customer_order o on o.id = l.order_id
            where l.variant_id = any(?::uuid[]) and o.status not in (?, ?, ?)
           union all
           select variant_id, quantity from stock_hold where variant_id = any(?::uuid[])) t
         group by variant_id`,
        [`{${variants.map((v) => v.id).join(',')}}`, OrderStatus.CANCELLED, OrderStatus.EXPIRED, OrderStatus.PAYMENT_FAILED, `{${variants.map((v) => v.id).join(',')}}`],
        'all',
        ctx.em.getTransactionContext(),
      );
      for (const r of rows) taken.set(r.variant_id, r.taken);
    }
    const now = ctx.clock.now();
    const copy = ctx.em.create(Product, {
      kind: original.kind,
      title: `${original.title}${ctx.locale === 'en' ? ' (copy)' : '（複製）'}`,
      description: original.description,
      terms: original.terms,
      images: [...original.images],
      status: ProductStatus.DRAFT,
      validFrom: original.validFrom ?? null,
      validUntil: original.validUntil ?? null,
      shippingFee: original.shippingFee,
      freeShippingThreshold: original.freeShippingThreshold ?? null,
      offlineRedemption: original.offlineRedemption,
      offlineWindowHours: original.offlineWindowHours,
      createdAt: now,
      updatedAt: now,
    });
    variants.forEach((v, position) =>
      copy.variants.add(
        ctx.em.create(Variant, {
          product: copy,
          name: v.name,
          price: v.price,
          stock: v.stock == null ? null : v.stock + (taken.get(v.id) ?? 0),
          saleStartsAt: v.saleStartsAt ?? null,
          saleEndsAt: v.saleEndsAt ?? null,
          position,
        }),
      ),
    );
    await ctx.em.flush();
    payload.product = copy;
    return payload;
  }
}
