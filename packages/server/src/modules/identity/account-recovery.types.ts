import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { createErrorType } from '../../common/graphql/user-error.js';
import { Limit } from '../../common/graphql/input-limits.js';
import { SignInApp } from './identity.types.js';
import { User } from './user.entity.js';

/* B9: account recovery. A forgotten password is reset through a mailed link; a disabled staff account is re-enabled. */

// --- passwordResetRequest -------------------------------------------------------------------------
export const PasswordResetRequestErrors = createErrorType('PasswordResetRequestError', {
  INVALID_EMAIL: { 'zh-TW': '電子郵件格式不正確', en: 'That email address is not valid' },
  TOO_MANY_ATTEMPTS: { 'zh-TW': '申請次數過多，請 {seconds} 秒後再試', en: 'Too many requests, try again in {seconds} seconds' },
});

@InputType({ description: 'Asks for a password-reset link by mail.' })
export class PasswordResetRequestInput {
  @Field(() => String, { description: "The account's sign-in email." })
  email!: string;

  @Field(() => SignInApp, { description: "Whose /reset-password page the mailed link opens: the shop's, the admin console's or the clerk app's." })
  app!: SignInApp;
}

/** `accepted` and `validMinutes` are resolved from the payload (see AccountRecoveryResolver): a refusal of the input's bounds answers `{ errors }` alone. */
@ObjectType({ description: 'The same whether or not an account uses the email (no one learns which emails have accounts).' })
export class PasswordResetRequestPayload {
  @Field(() => [PasswordResetRequestErrors.ErrorType])
  errors: InstanceType<typeof PasswordResetRequestErrors.ErrorType>[] = [];
}

// --- passwordResetComplete ------------------------------------------------------------------------
export const PasswordResetCompleteErrors = createErrorType('PasswordResetCompleteError', {
  INVALID_OR_EXPIRED_TOKEN: {
    'zh-TW': '此重設連結無效、已使用或已過期，請重新申請',
    en: 'This reset link is not valid, was already used or has expired: ask for a new one',
  },
  PASSWORD_TOO_SHORT: { 'zh-TW': '密碼至少需要 8 個字元', en: 'The password needs at least 8 characters' },
});

@InputType({ description: 'Sets a new password with the token from a reset link.' })
export class PasswordResetCompleteInput {
  @Field(() => String, { description: 'The `token` parameter of the mailed link.' })
  @Limit({ maxLength: 100 })
  token!: string;

  @Field(() => String, { description: 'The new password (the same rules as at registration).' })
  newPassword!: string;
}

/** `passwordChanged` is resolved from the payload (see AccountRecoveryResolver). */
@ObjectType()
export class PasswordResetCompletePayload {
  @Field(() => [PasswordResetCompleteErrors.ErrorType])
  errors: InstanceType<typeof PasswordResetCompleteErrors.ErrorType>[] = [];
}

// --- staffEnable ----------------------------------------------------------------------------------
export const StaffEnableErrors = createErrorType('StaffEnableError', {
  STAFF_NOT_FOUND: { 'zh-TW': '找不到此管理者', en: 'No such staff member' },
  NOT_DISABLED: { 'zh-TW': '此帳號並未停用', en: 'This account is not disabled' },
  PERMISSION_NOT_HELD: { 'zh-TW': '您沒有「{permission}」權限，因此無法啟用此帳號', en: 'You do not hold {permission}, so you cannot enable this account' },
});

@InputType()
export class StaffEnableInput {
  @Field(() => ID)
  staffId!: string;
}

@ObjectType()
export class StaffEnablePayload {
  @Field(() => User, { nullable: true })
  staff?: User | null;

  @Field(() => [StaffEnableErrors.ErrorType])
  errors: InstanceType<typeof StaffEnableErrors.ErrorType>[] = [];
}
