import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Limit } from '../../common/graphql/input-limits.js';
import { createErrorType } from '../../common/graphql/user-error.js';
import { Redemption } from '../tickets/redemption.entity.js';
import { TicketCode } from '../tickets/ticket-code.entity.js';

export enum RedemptionKind {
  REDEMPTION = 'REDEMPTION',
  REVERSAL = 'REVERSAL',
}
registerEnumType(RedemptionKind, {
  name: 'RedemptionKind',
  description: 'R2/B3: an ordinary redemption (positive quantity), or the reversal of part of one by an admin (negative quantity, with reversalOf and reason).',
});

export const reverseMessages = {
  REDEMPTION_NOT_FOUND: { 'zh-TW': '查無此核銷紀錄', en: 'No such redemption' },
  REVERSAL_NOT_REVERSIBLE: { 'zh-TW': '更正紀錄本身無法再更正', en: 'A reversal cannot itself be reversed' },
  INVALID_QUANTITY: { 'zh-TW': '更正數量必須是 1 到 {max} 的整數', en: 'The quantity must be a whole number from 1 to {max}' },
  QUANTITY_EXCEEDS_REDEEMED: {
    'zh-TW': '更正數量超過此筆核銷尚可更正的數量（尚可更正 {reversible}）',
    en: 'Quantity above what this redemption still has to give back ({reversible} left)',
  },
  REASON_REQUIRED: { 'zh-TW': '請填寫更正原因', en: 'A reason is required' },
  CODE_VOID: { 'zh-TW': '此核銷碼已失效（已分票或已退款），無法更正核銷', en: 'This code is void (split or refunded): its redemptions cannot be reversed' },
  IDEMPOTENCY_KEY_REQUIRED: { 'zh-TW': '缺少交易識別碼（idempotencyKey）', en: 'An idempotency key is required' },
  IDEMPOTENCY_KEY_REUSED: {
    'zh-TW': '此交易識別碼已用於內容不同的操作，這次沒有更正任何核銷',
    en: 'This idempotency key was already used for a different request; nothing was reversed',
  },
} as const;
export type ReverseErrorCode = keyof typeof reverseMessages;
export const TicketCodeRedemptionReverseErrors = createErrorType('TicketCodeRedemptionReverseError', reverseMessages);

export const REVERSE_LIMITS = { maxQuantity: 1000, maxReason: 500, maxIdempotencyKey: 100 } as const;

@InputType()
export class TicketCodeRedemptionReverseInput {
  @Field(() => ID, { description: 'The redemption to correct (an ordinary one, not a reversal).' })
  redemptionId!: string;

  @Field(() => Int, { description: 'How many of its units to give back to the code: at most its quantity less what was already reversed of it.' })
  @Limit({ min: 1, max: REVERSE_LIMITS.maxQuantity })
  quantity!: number;

  @Field(() => String, { description: 'Why (required, at most 500 characters): kept with the reversal and in the audit log.' })
  @Limit({ maxLength: REVERSE_LIMITS.maxReason })
  reason!: string;

  @Field(() => String, {
    description:
      'B8: a fresh UUID per confirm, the caller\'s own: the same key with the same redemption, quantity and reason returns the first result; with anything else it is refused with IDEMPOTENCY_KEY_REUSED. At most 100 characters.',
  })
  @Limit({ maxLength: REVERSE_LIMITS.maxIdempotencyKey })
  idempotencyKey!: string;
}

@ObjectType()
export class TicketCodeRedemptionReversePayload {
  @Field(() => Redemption, { nullable: true, description: 'The correcting entry: kind REVERSAL, a negative quantity, reversalOf and reason.' })
  reversal?: Redemption | null;

  @Field(() => TicketCode, { nullable: true, description: 'The code as it is now (its redeemed quantity lowered, ACTIVE again when it was fully redeemed).' })
  ticketCode?: TicketCode | null;

  @Field(() => [TicketCodeRedemptionReverseErrors.ErrorType])
  errors: InstanceType<typeof TicketCodeRedemptionReverseErrors.ErrorType>[] = [];
}
