import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { createErrorType } from '../../common/graphql/user-error.js';
import { Limit } from '../../common/graphql/input-limits.js';
import { OrderMessage } from './order-message.entity.js';

export const OrderMessageCreateErrors = createErrorType('OrderMessageCreateError', {
  ORDER_NOT_FOUND: { 'zh-TW': '找不到此訂單', en: 'No such order' },
  BODY_REQUIRED: { 'zh-TW': '請輸入訊息內容', en: 'Please write a message' },
  BODY_TOO_LONG: { 'zh-TW': '訊息最多 2000 字', en: 'Messages are at most 2000 characters' },
});

@InputType()
export class OrderMessageCreateInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => String)
  @Limit({ maxLength: 5_000 })
  body!: string;
}

@ObjectType()
export class OrderMessageCreatePayload {
  @Field(() => OrderMessage, { nullable: true })
  message?: OrderMessage | null;

  @Field(() => [OrderMessageCreateErrors.ErrorType])
  errors: InstanceType<typeof OrderMessageCreateErrors.ErrorType>[] = [];
}

export const OrderMessagesMarkReadErrors = createErrorType('OrderMessagesMarkReadError', {
  ORDER_NOT_FOUND: { 'zh-TW': '找不到此訂單', en: 'No such order' },
});

@InputType()
export class OrderMessagesMarkReadInput {
  @Field(() => ID)
  orderId!: string;
}

@ObjectType()
export class OrderMessagesMarkReadPayload {
  @Field(() => [OrderMessage])
  messages: OrderMessage[] = [];

  @Field(() => [OrderMessagesMarkReadErrors.ErrorType])
  errors: InstanceType<typeof OrderMessagesMarkReadErrors.ErrorType>[] = [];
}
