import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Limit } from '../../common/graphql/input-limits.js';
import { createErrorType } from '../../common/graphql/user-error.js';
import { RedemptionChannel, Redemption } from '../tickets/redemption.entity.js';
import { TicketCode } from '../tickets/ticket-code.entity.js';

export const redeemMessages = {
  CODE_NOT_FOUND: { 'zh-TW': '查無此核銷碼', en: 'Unknown code' },
  CODE_VOID: { 'zh-TW': '此核銷碼已失效（已分票或已退款）', en: 'This code is void (split or refunded)' },
  FULLY_REDEEMED: { 'zh-TW': '此票券已全部核銷', en: 'This ticket is fully redeemed' },
  QUANTITY_EXCEEDS_REMAINING: { 'zh-TW': '核銷數量超過剩餘數量（剩餘 {remaining}）', en: 'Quantity above what remains ({remaining} left)' },
  INVALID_QUANTITY: { 'zh-TW': '核銷數量必須是 1 到 {max} 的整數', en: 'The quantity must be a whole number from 1 to {max}' },
  SPLIT_CODE_QUANTITY_FIXED: { 'zh-TW': '分票後的核銷碼每次只能核銷 1 張', en: 'A split code redeems exactly 1 at a time' },
  OUTSIDE_VALIDITY: { 'zh-TW': '不在票券使用期限內', en: 'Outside the validity period' },
  TOO_MANY_ATTEMPTS: { 'zh-TW': '查詢次數過多，請 {seconds} 秒後再試', en: 'Too many attempts, try again in {seconds} seconds' },
  IDEMPOTENCY_KEY_REUSED: {
    'zh-TW': '此交易識別碼已用於內容不同的核銷（另一張票券、數量或方式），這次沒有核銷任何票券',
    en: 'This idempotency key was already used for a different redemption (another code, quantity or channel); nothing was redeemed',
  },
} as const;
export type RedeemErrorCode = keyof typeof redeemMessages;
export const TicketCodeRedeemErrors = createErrorType('TicketCodeRedeemError', redeemMessages);

/** Bounds of a redemption's input (issue 16 item 1), checked before the resolver runs (`@Limit`). */
export const REDEEM_LIMITS = {
  /** A code is one order line's units, and a line holds at most 1,000 (checkout's cap per ticket type). */
  maxQuantity: 1000,
  /** A code is 10 or 25 characters (T2, X1); people type spaces or dashes between the groups. */
  maxCodeLength: 40,
  maxIdempotencyKey: 100,
  maxDevice: 100,
} as const;

@InputType()
export class TicketCodeRedeemInput {
  @Field(() => String, { description: 'The code, 10 characters (25 for a split code); spaces, dashes and case are ignored.' })
  @Limit({ maxLength: REDEEM_LIMITS.maxCodeLength })
  code!: string;

  @Field(() => Int, { nullable: true, description: 'Default 1, at most 1000. Split codes (25 characters) take 1 only (X3).' })
  @Limit({ min: 1, max: REDEEM_LIMITS.maxQuantity })
  quantity?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "R5/B8: the confirm's key (a fresh UUID per confirm, at most 100 characters), the caller's own: the same key with the same code, quantity and channel returns the first result; with another code, quantity or channel it is refused with IDEMPOTENCY_KEY_REUSED. Kept for good (at least 24 h).",
  })
  @Limit({ maxLength: REDEEM_LIMITS.maxIdempotencyKey })
  idempotencyKey?: string | null;

  @Field(() => RedemptionChannel, { nullable: true, description: 'R3: how the clerk reached the code (default MANUAL).' })
  channel?: RedemptionChannel | null;

  @Field(() => String, { nullable: true, description: 'R2: which device (e.g. "gate 2 phone"), at most 100 characters.' })
  @Limit({ maxLength: REDEEM_LIMITS.maxDevice })
  device?: string | null;
}

@ObjectType()
export class TicketCodeRedeemPayload {
  @Field(() => Redemption, { nullable: true })
  redemption?: Redemption | null;

  @Field(() => TicketCode, { nullable: true })
  ticketCode?: TicketCode | null;

  @Field(() => Int, { nullable: true, description: 'With TOO_MANY_ATTEMPTS: seconds until look-ups are allowed again.' })
  retryAfterSeconds?: number | null;

  @Field(() => [TicketCodeRedeemErrors.ErrorType])
  errors: InstanceType<typeof TicketCodeRedeemErrors.ErrorType>[] = [];
}

export enum TicketCodeSearchField {
  TICKET_NAME = 'TICKET_NAME',
  CODE = 'CODE',
  RECIPIENT_NAME = 'RECIPIENT_NAME',
  RECIPIENT_PHONE = 'RECIPIENT_PHONE',
  ORDER_NUMBER = 'ORDER_NUMBER',
}
registerEnumType(TicketCodeSearchField, { name: 'TicketCodeSearchField', description: 'R3: what the redemption list (票券核銷列表) searches.' });

@InputType()
export class TicketCodeSearchInput {
  @Field(() => TicketCodeSearchField)
  field!: TicketCodeSearchField;

  @Field(() => String, { description: 'Partial matches for names and phone; prefix for code and order number. At most 100 characters.' })
  @Limit({ maxLength: 100 })
  query!: string;
}

export const TicketCodeConnection = Connection(TicketCode);
