import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { createErrorType } from '../../common/graphql/user-error.js';
import { Settings } from './settings.entity.js';

export const SettingsUpdateErrors = createErrorType('SettingsUpdateError', {
  INVALID_AUTO_CLOSE_DAYS: { 'zh-TW': '自動結案天數須介於 1 到 365 天', en: 'Auto-close days must be between 1 and 365' },
  INVALID_TICKET_FEE: { 'zh-TW': '手續費須介於 0 到 10000 個基點', en: 'The ticket fee must be between 0 and 10000 basis points' },
});

@InputType({ description: 'Only the given fields change.' })
export class SettingsUpdateInput {
  @Field(() => Int, { nullable: true })
  autoCloseDays?: number | null;

  @Field(() => Int, { nullable: true })
  ticketFeeBasisPoints?: number | null;

  @Field(() => Boolean, { nullable: true })
  registrationEmailRequired?: boolean | null;
}

@ObjectType()
export class SettingsUpdatePayload {
  @Field(() => Settings, { nullable: true })
  settings?: Settings | null;

  @Field(() => [SettingsUpdateErrors.ErrorType])
  errors: InstanceType<typeof SettingsUpdateErrors.ErrorType>[] = [];
}
