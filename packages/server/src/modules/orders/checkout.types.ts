import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Limit } from '../../common/graphql/input-limits.js';
import { createErrorType } from '../../common/graphql/user-error.js';
import { ProductKind } from '../catalog/product.entity.js';
import { CheckoutNextAction } from '../payments/payment.types.js';
import { Order, OrderStatus, PaymentMethod } from './order.entity.js';

export const checkoutMessages = {
  EMPTY_CART: { 'zh-TW': '購物車是空的', en: 'The cart is empty' },
  INVALID_QUANTITY: { 'zh-TW': '數量必須是正整數', en: 'Quantities must be positive whole numbers' },
  TOO_MANY_LINES: { 'zh-TW': '一筆訂單最多 {max} 個品項', en: 'An order takes at most {max} lines' },
  QUANTITY_LIMIT_EXCEEDED: { 'zh-TW': '同一票種或商品每筆訂單最多 {max} 件', en: 'At most {max} of one ticket type or item per order' },
  ORDER_QUANTITY_LIMIT_EXCEEDED: { 'zh-TW': '一筆訂單最多 {max} 件', en: 'An order takes at most {max} units in all' },
  ORDER_TOTAL_TOO_LARGE: { 'zh-TW': '訂單金額超過上限 NT${max}，請分開下單', en: 'The order total is over the NT${max} limit; please split the order' },
  COD_LIMIT_EXCEEDED: {
    'zh-TW': '貨到付款未完成的訂單每人最多保留 {max} 件，請改用信用卡付款或等待先前的訂單完成',
    en: 'Unfinished cash-on-delivery orders hold at most {max} units per customer; please pay by card or wait for your earlier orders',
  },
  VARIANT_UNAVAILABLE: { 'zh-TW': '「{name}」目前無法購買', en: '"{name}" is not on sale' },
  MIXED_CART: { 'zh-TW': '電子票券與一般商品須分開結帳', en: 'E-tickets and other products must be checked out separately' },
  TERMS_NOT_ACCEPTED: { 'zh-TW': '請閱讀並同意電子票券注意事項', en: 'Please read and accept the e-ticket terms' },
  PAYMENT_METHOD_NOT_ALLOWED: { 'zh-TW': '電子票券僅限信用卡付款', en: 'E-tickets can only be paid by credit card' },
  INSTALLMENTS_NOT_ALLOWED: { 'zh-TW': '電子票券僅限信用卡一次付清，不可分期', en: 'E-tickets are paid in one payment, no installments' },
  CARD_TOKEN_REQUIRED: { 'zh-TW': '請輸入信用卡資料', en: 'Please enter your card details' },
  EMAIL_REQUIRED: { 'zh-TW': '購買電子票券需要有電子郵件的會員帳號', en: 'Buying e-tickets needs an account with an email address' },
  RECIPIENT_REQUIRED: { 'zh-TW': '請填寫收件人姓名（最多 100 字）與手機', en: "Please enter the recipient's name (up to 100 characters) and phone" },
  OUT_OF_STOCK: { 'zh-TW': '「{name}」庫存不足', en: '"{name}" is sold out or has too few left' },
  PURCHASE_LIMIT_EXCEEDED: { 'zh-TW': '超過「{name}」的限購數量（每人最多 {max} 件）', en: 'Over the limit of "{name}" ({max} per customer)' },
  PAYMENT_DECLINED: { 'zh-TW': '信用卡交易被拒絕，請改用其他卡片', en: 'The card was declined; please try another card' },
  PAYMENT_ERROR: { 'zh-TW': '付款服務暫時無法使用，請稍後以同一筆訂單重試', en: 'The payment service is unavailable; please retry in a moment' },
  ORDER_EXPIRED: { 'zh-TW': '訂單已逾期未付款，請重新下單', en: 'The order expired before payment; please order again' },
  REFERRAL_CODE_UNKNOWN: { 'zh-TW': '查無此推薦碼', en: 'Unknown referral code' },
  IDEMPOTENCY_KEY_REQUIRED: { 'zh-TW': '缺少交易識別碼，或識別碼超過 100 字', en: 'An idempotency key (up to 100 characters) is required' },
  IDEMPOTENCY_KEY_REUSED: {
    'zh-TW': '此交易識別碼已用於內容不同的結帳，這次沒有建立訂單；請重新送出',
    en: 'This idempotency key was already used for a different checkout; nothing was ordered. Please submit again',
  },
} as const;
export type CheckoutErrorCode = keyof typeof checkoutMessages;
export const CheckoutCompleteErrors = createErrorType('CheckoutCompleteError', checkoutMessages);

/**
 * Checkout's bounds (K5, issue 16 item 5). Lines naming the same ticket type are merged before any rule,
 * then each ticket type is capped, the order's units are capped, and the order's money is capped well below
 * a PostgreSQL `int` (2,147,483,647): every amount column of an order, its lines, codes, payment and ledger
 * is an `int` no larger than the order's subtotal or total, so no sum can overflow.
 */
export const CHECKOUT_LIMITS = {
  /** Lines in one checkout (before merging). */
  maxLines: 50,
  /** Units of one ticket type or goods variant in one order (after merging). */
  maxQuantityPerVariant: 1000,
  /** Units in one order, all lines together. */
  maxUnits: 2000,
  /** The largest subtotal or total of one order, TWD. */
  maxOrderTotal: 10_000_000,
  /** The most card installments a goods order takes (tickets take 1: K4). */
  maxInstallments: 36,
  /**
   * Cash on delivery: the most units one customer (or one delivery phone) may hold in unfinished COD orders
   * (PENDING_PAYMENT, not yet delivered and paid). See CheckoutService.placeOrder.
   */
  maxCodUnitsHeld: 20,
  maxRecipientName: 100,
  maxIdempotencyKey: 100,
} as const;

@InputType()
export class CheckoutLineInput {
  @Field(() => ID)
  @Limit({ maxLength: 64 })
  variantId!: string;

  @Field(() => Int, { description: 'Units of this ticket type, 1 to 1000; lines naming the same type are added up (at most 1000 in all).' })
  @Limit({ min: 1, max: CHECKOUT_LIMITS.maxQuantityPerVariant })
  quantity!: number;
}

@InputType()
export class RecipientInput {
  @Field(() => String)
  @Limit({ maxLength: CHECKOUT_LIMITS.maxRecipientName })
  name!: string;

  @Field(() => String)
  @Limit({ maxLength: 30 })
  phone!: string;
}

@InputType()
export class PaymentInput {
  @Field(() => PaymentMethod)
  method!: PaymentMethod;

  @Field(() => Int, { nullable: true, description: 'K4: tickets take 1 (or nothing) only; goods paid by card take 1 to 36.' })
  @Limit({ min: 1, max: CHECKOUT_LIMITS.maxInstallments })
  installments?: number | null;

  @Field(() => String, { nullable: true, description: "The card gateway's token (test tokens: tok_approve, tok_decline, tok_error); never a card number." })
  @Limit({ maxLength: 128 })
  cardToken?: string | null;
}

@InputType({ description: 'One cart (tickets or goods, never both: K1) checked out and paid.' })
export class CheckoutCompleteInput {
  @Field(() => [CheckoutLineInput], { description: 'At most 50 lines; lines naming the same ticket type are merged.' })
  @Limit({ maxItems: CHECKOUT_LIMITS.maxLines })
  lines!: CheckoutLineInput[];

  @Field(() => Boolean, { nullable: true, description: 'K2: the shopper ticked the e-ticket terms checkbox.' })
  acceptTicketTerms?: boolean | null;

  @Field(() => RecipientInput)
  recipient!: RecipientInput;

  @Field(() => PaymentInput)
  payment!: PaymentInput;

  @Field(() => String, { nullable: true, description: 'A referrer code: attributes commission, gives no discount (C3).' })
  @Limit({ maxLength: 64 })
  referralCode?: string | null;

  @Field(() => String, {
    description:
      "P2/B8: the same key with the same input returns the same order and never charges twice (a retried payment may bring a new card token); the key used with a different input is refused with IDEMPOTENCY_KEY_REUSED. Keys are the shopper's own.",
  })
  @Limit({ maxLength: CHECKOUT_LIMITS.maxIdempotencyKey })
  idempotencyKey!: string;
}

@ObjectType()
export class CheckoutCompletePayload {
  @Field(() => Order, { nullable: true })
  order?: Order | null;

  @Field(() => CheckoutNextAction, { nullable: true, description: 'P3: set while the order waits for the shopper (3-D Secure): send them to `redirectUrl`.' })
  nextAction?: CheckoutNextAction | null;

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
  @Limit({ maxLength: 100 })
  search?: string | null;

  @Field(() => Date, { nullable: true })
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  createdTo?: Date | null;
}
