import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Limit } from '../../common/graphql/input-limits.js';
import { createErrorType } from '../../common/graphql/user-error.js';
import { MixMatchDiscount } from './mix-match-discount.entity.js';
import { Product, ProductKind, ProductStatus } from './product.entity.js';
import { PurchaseLimitGroup } from './purchase-limit-group.entity.js';

export const ProductConnection = Connection(Product);

/** Upper bounds that keep every price, stock and sum of them well inside a PostgreSQL integer. */
export const MAX_PRICE = 10_000_000;
export const MAX_STOCK = 1_000_000;

const productMessages = {
  PRODUCT_NOT_FOUND: { 'zh-TW': '找不到此商品', en: 'No such product' },
  TITLE_REQUIRED: { 'zh-TW': '請填寫商品名稱', en: 'Please enter a title' },
  VARIANT_REQUIRED: { 'zh-TW': '請至少新增一個票種', en: 'Add at least one ticket type' },
  VARIANT_NAME_REQUIRED: { 'zh-TW': '請填寫票種名稱', en: 'Every ticket type needs a name' },
  INVALID_PRICE: { 'zh-TW': '售價必須是 0 以上的整數', en: 'The price must be a whole number of 0 or more' },
  INVALID_STOCK: { 'zh-TW': '庫存必須是 0 以上的整數', en: 'Stock must be a whole number of 0 or more' },
  INVALID_SALE_WINDOW: { 'zh-TW': '開賣時間必須早於結束時間', en: 'The sale must start before it ends' },
  INVALID_VALIDITY: { 'zh-TW': '使用期限的開始必須早於結束', en: 'The validity must start before it ends' },
  TICKET_SHIPPING_NOT_ALLOWED: { 'zh-TW': '電子票券不收運費', en: 'E-tickets have no shipping fee' },
  INVALID_SHIPPING: { 'zh-TW': '運費必須是 0 以上的整數', en: 'The shipping fee must be a whole number of 0 or more' },
  VARIANT_NOT_IN_PRODUCT: { 'zh-TW': '票種不屬於此商品', en: 'That ticket type belongs to another product' },
  INVALID_IMAGE_URL: { 'zh-TW': '圖片網址必須以 http:// 或 https:// 開頭', en: 'Image addresses must start with http:// or https://' },
} as const;
export const ProductCreateErrors = createErrorType('ProductCreateError', productMessages);
export const ProductUpdateErrors = createErrorType('ProductUpdateError', productMessages);
export const ProductArchiveErrors = createErrorType('ProductArchiveError', { PRODUCT_NOT_FOUND: productMessages.PRODUCT_NOT_FOUND });
export type ProductErrorCode = keyof typeof productMessages;

@InputType({ description: 'A ticket type (票種) or goods variant. Give `id` to change an existing one.' })
export class VariantInput {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  @Limit({ max: MAX_PRICE })
  price!: number;

  @Field(() => Int, { nullable: true, description: 'Units for sale; omit for unlimited.' })
  @Limit({ max: MAX_STOCK })
  stock?: number | null;

  @Field(() => Date, { nullable: true })
  saleStartsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  saleEndsAt?: Date | null;
}

@InputType()
export class ProductFieldsInput {
  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  @Limit({ maxLength: 20_000 })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Ticket terms (票券注意事項).' })
  @Limit({ maxLength: 20_000 })
  terms?: string | null;

  @Field(() => [String], { nullable: true, description: 'Image addresses (http or https).' })
  @Limit({ maxItems: 20, maxLength: 2_000 })
  images?: string[] | null;

  @Field(() => ProductStatus, { nullable: true })
  status?: ProductStatus | null;

  @Field(() => Date, { nullable: true })
  validFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  validUntil?: Date | null;

  @Field(() => Int, { nullable: true })
  @Limit({ max: MAX_PRICE })
  shippingFee?: number | null;

  @Field(() => Int, { nullable: true })
  @Limit({ max: MAX_PRICE })
  freeShippingThreshold?: number | null;

  @Field(() => [VariantInput], { description: 'The full list: variants left out are archived (kept for past orders).' })
  variants!: VariantInput[];
}

@InputType()
export class ProductCreateInput extends ProductFieldsInput {
  @Field(() => ProductKind)
  kind!: ProductKind;
}

@InputType()
export class ProductUpdateInput extends ProductFieldsInput {
  @Field(() => ID)
  id!: string;
}

@InputType()
export class ProductArchiveInput {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class ProductCreatePayload {
  @Field(() => Product, { nullable: true })
  product?: Product | null;

  @Field(() => [ProductCreateErrors.ErrorType])
  errors: InstanceType<typeof ProductCreateErrors.ErrorType>[] = [];
}

@ObjectType()
export class ProductUpdatePayload {
  @Field(() => Product, { nullable: true })
  product?: Product | null;

  @Field(() => [ProductUpdateErrors.ErrorType])
  errors: InstanceType<typeof ProductUpdateErrors.ErrorType>[] = [];
}

@ObjectType()
export class ProductArchivePayload {
  @Field(() => Product, { nullable: true })
  product?: Product | null;

  @Field(() => [ProductArchiveErrors.ErrorType])
  errors: InstanceType<typeof ProductArchiveErrors.ErrorType>[] = [];
}

// --- purchase-limit groups and mix-and-match -----------------------------------------------------
const groupMessages = {
  NAME_REQUIRED: { 'zh-TW': '請填寫名稱', en: 'Please enter a name' },
  INVALID_QUANTITY: { 'zh-TW': '數量必須是正整數', en: 'The quantity must be a positive whole number' },
  VARIANT_NOT_FOUND: { 'zh-TW': '找不到指定的票種', en: 'A selected ticket type does not exist' },
  INVALID_DISCOUNT: { 'zh-TW': '請設定固定金額或折扣百分比（擇一）', en: 'Give either a fixed price or a percent off (1-99), not both' },
  MIXED_KINDS: { 'zh-TW': '票券與一般商品不可混在同一組', en: 'Tickets and goods cannot share a set' },
} as const;
export const PurchaseLimitGroupCreateErrors = createErrorType('PurchaseLimitGroupCreateError', groupMessages);
export const MixMatchDiscountCreateErrors = createErrorType('MixMatchDiscountCreateError', groupMessages);
export type GroupErrorCode = keyof typeof groupMessages;

@InputType()
export class PurchaseLimitGroupCreateInput {
  @Field(() => String)
  name!: string;

  @Field(() => Int)
  @Limit({ max: MAX_STOCK })
  maxQuantity!: number;

  @Field(() => [ID])
  variantIds!: string[];
}

@ObjectType()
export class PurchaseLimitGroupCreatePayload {
  @Field(() => PurchaseLimitGroup, { nullable: true })
  purchaseLimitGroup?: PurchaseLimitGroup | null;

  @Field(() => [PurchaseLimitGroupCreateErrors.ErrorType])
  errors: InstanceType<typeof PurchaseLimitGroupCreateErrors.ErrorType>[] = [];
}

@InputType()
export class MixMatchDiscountCreateInput {
  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: 'How many units make a bundle (2 or more).' })
  @Limit({ max: 1_000 })
  requiredQuantity!: number;

  @Field(() => Int, { nullable: true })
  @Limit({ max: MAX_PRICE })
  fixedPrice?: number | null;

  @Field(() => Int, { nullable: true })
  percentOff?: number | null;

  @Field(() => [ID])
  variantIds!: string[];
}

@ObjectType()
export class MixMatchDiscountCreatePayload {
  @Field(() => MixMatchDiscount, { nullable: true })
  mixMatchDiscount?: MixMatchDiscount | null;

  @Field(() => [MixMatchDiscountCreateErrors.ErrorType])
  errors: InstanceType<typeof MixMatchDiscountCreateErrors.ErrorType>[] = [];
}

// --- changing and removing them (issue 15) --------------------------------------------------------
const groupChangeMessages = {
  ...groupMessages,
  NOT_FOUND: { 'zh-TW': '找不到此設定，可能已被刪除', en: 'No such setting: it may have been deleted' },
} as const;
export const PurchaseLimitGroupUpdateErrors = createErrorType('PurchaseLimitGroupUpdateError', groupChangeMessages);
export const PurchaseLimitGroupDeleteErrors = createErrorType('PurchaseLimitGroupDeleteError', { NOT_FOUND: groupChangeMessages.NOT_FOUND });
export const MixMatchDiscountUpdateErrors = createErrorType('MixMatchDiscountUpdateError', groupChangeMessages);
export const MixMatchDiscountDeleteErrors = createErrorType('MixMatchDiscountDeleteError', { NOT_FOUND: groupChangeMessages.NOT_FOUND });
export type GroupChangeErrorCode = keyof typeof groupChangeMessages;

@InputType({ description: 'C2: the whole group as it should be from now on.' })
export class PurchaseLimitGroupUpdateInput extends PurchaseLimitGroupCreateInput {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class PurchaseLimitGroupUpdatePayload {
  @Field(() => PurchaseLimitGroup, { nullable: true })
  purchaseLimitGroup?: PurchaseLimitGroup | null;

  @Field(() => [PurchaseLimitGroupUpdateErrors.ErrorType])
  errors: InstanceType<typeof PurchaseLimitGroupUpdateErrors.ErrorType>[] = [];
}

@InputType()
export class PurchaseLimitGroupDeleteInput {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class PurchaseLimitGroupDeletePayload {
  @Field(() => ID, { nullable: true, description: 'The id of the group deleted.' })
  deletedId?: string | null;

  @Field(() => [PurchaseLimitGroupDeleteErrors.ErrorType])
  errors: InstanceType<typeof PurchaseLimitGroupDeleteErrors.ErrorType>[] = [];
}

@InputType({ description: 'C3: the whole discount as it should be from now on.' })
export class MixMatchDiscountUpdateInput extends MixMatchDiscountCreateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Boolean, { nullable: true, description: 'False takes it out of the shop and new checkouts without deleting it; omitted keeps it as it is.' })
  active?: boolean | null;
}

@ObjectType()
export class MixMatchDiscountUpdatePayload {
  @Field(() => MixMatchDiscount, { nullable: true })
  mixMatchDiscount?: MixMatchDiscount | null;

  @Field(() => [MixMatchDiscountUpdateErrors.ErrorType])
  errors: InstanceType<typeof MixMatchDiscountUpdateErrors.ErrorType>[] = [];
}

@InputType()
export class MixMatchDiscountDeleteInput {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class MixMatchDiscountDeletePayload {
  @Field(() => ID, { nullable: true, description: 'The id of the discount deleted.' })
  deletedId?: string | null;

  @Field(() => [MixMatchDiscountDeleteErrors.ErrorType])
  errors: InstanceType<typeof MixMatchDiscountDeleteErrors.ErrorType>[] = [];
}

export const ProductDuplicateErrors = createErrorType('ProductDuplicateError', { PRODUCT_NOT_FOUND: productMessages.PRODUCT_NOT_FOUND });

@InputType()
export class ProductDuplicateInput {
  @Field(() => ID, { description: 'The product to copy.' })
  id!: string;
}

@ObjectType()
export class ProductDuplicatePayload {
  @Field(() => Product, { nullable: true, description: 'The copy: a DRAFT with the same fields and ticket types, nothing sold.' })
  product?: Product | null;

  @Field(() => [ProductDuplicateErrors.ErrorType])
  errors: InstanceType<typeof ProductDuplicateErrors.ErrorType>[] = [];
}
