import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/graphql/connection.js';
import { createErrorType } from '../../common/graphql/user-error.js';
import { ProductKind } from '../catalog/product.entity.js';
import { Order, OrderStatus, PaymentMethod } from './order.entity.js';

export const checkoutMessages = {
  EMPTY_CART: { 'zh-TW': '購物車是空的', en: 'The cart is empty' },
  INVALID_QUANTITY: { 'zh-TW': '數量必須是正整數', en: 'Quantities must be positive whole numbers' },
  VARIANT_UNAVAILABLE: { 'zh-TW': '「{name}」目前無法購買', en: '"{name}" is not on sale' },
  MIXED_CART: { 'zh-TW': '電子票券與一般商品須分開結帳', en: 'E-tickets and other products must be checked out separately' },
  TERMS_NOT_ACCEPTED: { 'zh-TW': '請閱讀並同意電子票券注意事項', en: 'Please read and accept the e-ticket terms' },
  PAYMENT_METHOD_NOT_ALLOWED: { 'zh-TW': '電子票券僅限信用卡付款', en: 'E-tickets can only be paid by credit card' },
  INSTALLMENTS_NOT_ALLOWED: { 'zh-TW': '電子票券僅限信用卡一次付清，不可分期', en: 'E-tickets are paid in one payment, no installments' },
  CARD_TOKEN_REQUIRED: { 'zh-TW': '請輸入信用卡資料', en: 'Please enter your card details' },
  EMAIL_REQUIRED: { 'zh-TW': '購買電子票券需要有電子郵件的會員帳號', en: 'Buying e-tickets needs an account with an email address' },
  RECIPIENT_REQUIRED: { 'zh-TW': '請填寫收件人姓名與手機', en: "Please enter the recipient's name and phone" },
  OUT_OF_STOCK: { 'zh-TW': '「{name}」庫存不足', en: '"{name}" is sold out or has too few left' },
  PURCHASE_LIMIT_EXCEEDED: { 'zh-TW': '超過「{name}」的限購數量（每人最多 {max} 件）', en: 'Over the limit of "{name}" ({max} per customer)' },
  PAYMENT_DECLINED: { 'zh-TW': '信用卡交易被拒絕，請改用其他卡片', en: 'The card was declined; please try another card' },
  PAYMENT_ERROR: { 'zh-TW': '付款服務暫時無法使用，請稍後以同一筆訂單重試', en: 'The payment service is unavailable; please retry in a moment' },
  ORDER_EXPIRED: { 'zh-TW': '訂單已逾期未付款，請重新下單', en: 'The order expired before payment; please order again' },
  REFERRAL_CODE_UNKNOWN: { 'zh-TW': '查無此推薦碼', en: 'Unknown referral code' },
  IDEMPOTENCY_KEY_REQUIRED: { 'zh-TW': '缺少交易識別碼', en: 'An idempotency key is required' },
} as const;
export type CheckoutErrorCode = keyof typeof checkoutMessages;
export const CheckoutCompleteErrors = createErrorType('CheckoutCompleteError', checkoutMessages);

@InputType()
export class CheckoutLineInput {
  @Field(() => ID)
  variantId!: string;

  @Field(() => Int)
  quantity!: number;
}

@InputType()
export class RecipientInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  phone!: string;
}

@InputType()
export class PaymentInput {
  @Field(() => PaymentMethod)
  method!: PaymentMethod;

  @Field(() => Int, { nullable: true, description: 'K4: tickets take 1 (or nothing) only.' })
  installments?: number | null;

  @Field(() => String, { nullable: true, description: "The card gateway's token (test tokens: tok_approve, tok_decline, tok_error); never a card number." })
  cardToken?: string | null;
}

@InputType({ description: 'One cart (tickets or goods, never both: K1) checked out and paid.' })
export class CheckoutCompleteInput {
  @Field(() => [CheckoutLineInput])
  lines!: CheckoutLineInput[];

  @Field(() => Boolean, { nullable: true, description: 'K2: the shopper ticked the e-ticket terms checkbox.' })
  acceptTicketTerms?: boolean | null;

  @Field(() => RecipientInput)
  recipient!: RecipientInput;

  @Field(() => PaymentInput)
  payment!: PaymentInput;

  @Field(() => String, { nullable: true, description: 'A referrer code: attributes commission, gives no discount (C3).' })
  referralCode?: string | null;

  @Field(() => String, { description: 'P2: the same key returns the same order and never charges twice.' })
  idempotencyKey!: string;
}

@ObjectType()
export class CheckoutCompletePayload {
  @Field(() => Order, { nullable: true })
  order?: Order | null;

  @Field(() => [CheckoutCompleteErrors.ErrorType])
  errors: InstanceType<typeof CheckoutCompleteErrors.ErrorType>[] = [];
}

export const OrderConnection = Connection(Order);

@InputType({ description: 'Filters for the admin order list (所有訂單).' })
export class OrdersFilterInput {
  @Field(() => [OrderStatus], { nullable: true })
  status?: OrderStatus[] | null;

  @Field(() => ProductKind, { nullable: true })
  kind?: ProductKind | null;

  @Field(() => Boolean, { nullable: true, description: 'F1: only orders with buyer messages staff have not read.' })
  hasUnreadInquiry?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Order number, recipient name or recipient phone (partial).' })
  search?: string | null;

  @Field(() => Date, { nullable: true })
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  createdTo?: Date | null;
}
