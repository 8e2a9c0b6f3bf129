import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Limit } from '../../common/graphql/input-limits.js';
import { createErrorType } from '../../common/graphql/user-error.js';
import { Order } from '../orders/order.entity.js';
import { Refund } from './refund.entity.js';

export const refundMessages = {
  ORDER_NOT_FOUND: { 'zh-TW': '找不到此訂單', en: 'No such order' },
  INVALID_TRANSITION: { 'zh-TW': '訂單目前的狀態不能這樣變更', en: "The order's status does not allow this" },
  ALREADY_REFUNDED: { 'zh-TW': '此訂單已退款過，一張訂單只能退款一次', en: 'This order has already been refunded; an order is refunded once only' },
  ORDER_HAS_REDEMPTIONS: { 'zh-TW': '訂單已有核銷紀錄，無法取消；請改用部分退款', en: 'Part of the order was redeemed; use a partial refund instead' },
  NOT_IN_RETURN_REVIEW: { 'zh-TW': '請先將訂單改為「退貨中」再改為「退貨審查」', en: 'Move the order to returning, then return review, first' },
  REFUND_NOT_YET_ALLOWED: { 'zh-TW': '部分退款需於付款隔日（台北時間）起才能進行', en: 'Partial refunds are possible from the business day after payment (Taipei time)' },
  NOTHING_TO_REFUND: { 'zh-TW': '所選的核銷碼沒有可退的數量', en: 'The selected codes have nothing left to refund' },
  CODE_NOT_IN_ORDER: { 'zh-TW': '核銷碼 {code} 不屬於此訂單', en: 'Code {code} is not in this order' },
  CODES_REQUIRED: { 'zh-TW': '請選擇要退款的核銷碼', en: 'Choose the codes to refund' },
  GATEWAY_REFUSED: { 'zh-TW': '金流退款失敗：{reason}', en: 'The card gateway refused the refund: {reason}' },
  GATEWAY_UNAVAILABLE: {
    'zh-TW': '金流暫時無法回應，訂單沒有任何變更；請稍後用同一個操作再試一次',
    en: 'The card gateway did not answer; the order is unchanged. Try the same action again shortly',
  },
  IDEMPOTENCY_KEY_REUSED: {
    'zh-TW': '此交易識別碼已用於內容不同的退款或取消，這次沒有任何變更',
    en: 'This idempotency key was already used for a different refund or cancellation; nothing was changed',
  },
} as const;
export type RefundErrorCode = keyof typeof refundMessages;
export const OrderCancelErrors = createErrorType('OrderCancelError', refundMessages);
export const OrderRefundErrors = createErrorType('OrderRefundError', refundMessages);
export const OrderMarkReturningErrors = createErrorType('OrderMarkReturningError', refundMessages);
export const OrderMarkReturnReviewErrors = createErrorType('OrderMarkReturnReviewError', refundMessages);

const KEY_DESCRIPTION =
  'B8: a retried call with the same key and the same input returns the first result; the key used with another input is refused with IDEMPOTENCY_KEY_REUSED and changes nothing. Keys are scoped to the caller and kept as long as the refund.';

@InputType()
export class OrderCancelInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => String, { nullable: true })
  @Limit({ maxLength: 1000 })
  reason?: string | null;

  @Field(() => String, { description: KEY_DESCRIPTION })
  @Limit({ maxLength: 100 })
  idempotencyKey!: string;
}

@InputType()
export class OrderRefundInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => [String], { description: 'F2: the codes to refund, each for its whole remaining quantity (split codes count one each, up to 2,000).' })
  @Limit({ maxItems: 2000, maxLength: 40 })
  codes!: string[];

  @Field(() => String, { description: KEY_DESCRIPTION })
  @Limit({ maxLength: 100 })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true })
  @Limit({ maxLength: 1000 })
  reason?: string | null;
}

@InputType()
export class OrderTransitionInput {
  @Field(() => ID)
  orderId!: string;
}

@ObjectType()
export class OrderCancelPayload {
  @Field(() => Order, { nullable: true })
  order?: Order | null;

  @Field(() => Refund, { nullable: true })
  refund?: Refund | null;

  @Field(() => [OrderCancelErrors.ErrorType])
  errors: InstanceType<typeof OrderCancelErrors.ErrorType>[] = [];
}

@ObjectType()
export class OrderRefundPayload {
  @Field(() => Order, { nullable: true })
  order?: Order | null;

  @Field(() => Refund, { nullable: true })
  refund?: Refund | null;

  @Field(() => [OrderRefundErrors.ErrorType])
  errors: InstanceType<typeof OrderRefundErrors.ErrorType>[] = [];
}

@ObjectType()
export class OrderMarkReturningPayload {
  @Field(() => Order, { nullable: true })
  order?: Order | null;

  @Field(() => [OrderMarkReturningErrors.ErrorType])
  errors: InstanceType<typeof OrderMarkReturningErrors.ErrorType>[] = [];
}

@ObjectType()
export class OrderMarkReturnReviewPayload {
  @Field(() => Order, { nullable: true })
  order?: Order | null;

  @Field(() => [OrderMarkReturnReviewErrors.ErrorType])
  errors: InstanceType<typeof OrderMarkReturnReviewErrors.ErrorType>[] = [];
}
