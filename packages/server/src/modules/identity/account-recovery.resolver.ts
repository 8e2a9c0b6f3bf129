import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { RESET_VALID_MINUTES } from './account-recovery.service.js';
import {
  PasswordResetCompleteInput,
  PasswordResetCompletePayload,
  PasswordResetRequestInput,
  PasswordResetRequestPayload,
  StaffEnableInput,
  StaffEnablePayload,
} from './account-recovery.types.js';

/** B9: account recovery. */
@Resolver()
export class AccountRecoveryResolver {
  @Mutation(() => PasswordResetRequestPayload, {
    description:
      'Mails a single-use link to set a new password, valid 30 minutes, to the account using this email unless it is disabled. The answer is the same whether or not such an account exists. Public; rate-limited per email and per address (TOO_MANY_ATTEMPTS).',
  })
  passwordResetRequest(@Arg('input', () => PasswordResetRequestInput) input: PasswordResetRequestInput, @Ctx() ctx: Context): Promise<PasswordResetRequestPayload> {
    return ctx.services.accountRecovery.request(ctx, input);
  }

  @Mutation(() => PasswordResetCompletePayload, {
    description:
      "Sets a new password with a reset link's token (INVALID_OR_EXPIRED_TOKEN once used, expired or superseded) and ends every other session of the account. Public.",
  })
  passwordResetComplete(@Arg('input', () => PasswordResetCompleteInput) input: PasswordResetCompleteInput, @Ctx() ctx: Context): Promise<PasswordResetCompletePayload> {
    return ctx.services.accountRecovery.complete(ctx, input);
  }

  @Authorized(Permission.STAFF_MANAGE)
  @Mutation(() => StaffEnablePayload, {
    description:
      'Re-enables a disabled staff account (undoes staffDisable; NOT_DISABLED otherwise); it signs in again with its password. Only by a caller holding every permission the account has (PERMISSION_NOT_HELD). Requires STAFF_MANAGE.',
  })
  staffEnable(@Arg('input', () => StaffEnableInput) input: StaffEnableInput, @Ctx() ctx: Context): Promise<StaffEnablePayload> {
    return ctx.services.accountRecovery.staffEnable(ctx, input);
  }
}

/*
 * The payloads' flags follow from their errors, so they hold for every answer, the `{ errors }` alone
 * that an input out of bounds gets (withInputLimits) included.
 */
@Resolver(() => PasswordResetRequestPayload)
export class PasswordResetRequestPayloadResolver {
  @FieldResolver(() => Boolean, { description: 'True when the request was taken: if an account uses the email, a link is on its way.' })
  accepted(@Root() payload: PasswordResetRequestPayload): boolean {
    return payload.errors.length === 0;
  }

  @FieldResolver(() => Int, { description: 'How many minutes the mailed link works, from when it is sent.' })
  validMinutes(): number {
    return RESET_VALID_MINUTES;
  }
}

@Resolver(() => PasswordResetCompletePayload)
export class PasswordResetCompletePayloadResolver {
  @FieldResolver(() => Boolean, { description: 'True when the password was changed; every other session of the account has ended. Sign in with the new password.' })
  passwordChanged(@Root() payload: PasswordResetCompletePayload): boolean {
    return payload.errors.length === 0;
  }
}
