import { Field, InputType, ObjectType } from 'type-graphql';
import { createErrorType } from '../../common/graphql/user-error.js';
import { TicketCode } from './ticket-code.entity.js';

export const TicketCodeSplitErrors = createErrorType('TicketCodeSplitError', {
  CODE_NOT_FOUND: { 'zh-TW': '查無此核銷碼', en: 'Unknown code' },
  CODE_VOID: { 'zh-TW': '此核銷碼已失效（已分票或已退款）', en: 'This code is void (split or refunded)' },
  NOTHING_TO_SPLIT: { 'zh-TW': '剩餘數量需至少 2 張才能分票', en: 'A code needs 2 or more remaining to split' },
  SPLIT_CODE_NOT_SPLITTABLE: { 'zh-TW': '分票後的核銷碼無法再分票', en: 'A split code cannot be split again' },
});

@InputType()
export class TicketCodeSplitInput {
  @Field(() => String)
  code!: string;
}

@ObjectType()
export class TicketCodeSplitPayload {
  @Field(() => TicketCode, { nullable: true, description: 'The original code, now SPLIT (void).' })
  ticketCode?: TicketCode | null;

  @Field(() => [TicketCode], { description: 'The new codes of quantity 1, 25 characters each.' })
  children: TicketCode[] = [];

  @Field(() => [TicketCodeSplitErrors.ErrorType])
  errors: InstanceType<typeof TicketCodeSplitErrors.ErrorType>[] = [];
}
