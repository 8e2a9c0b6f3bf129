import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { Settings } from './settings.entity.js';
import { SettingsUpdateErrors, SettingsUpdateInput, SettingsUpdatePayload } from './settings.types.js';

@Resolver()
export class SettingsResolver {
  @Authorized(Permission.SETTINGS_MANAGE)
  @Query(() => Settings, { description: 'Store settings. Requires SETTINGS_MANAGE.' })
  settings(@Ctx() ctx: Context): Promise<Settings> {
    return ctx.em.findOneOrFail(Settings, 1);
  }

  @Query(() => Boolean, { description: 'Public: whether registration asks for an email address (K6).' })
  async registrationEmailRequired(@Ctx() ctx: Context): Promise<boolean> {
    return (await ctx.em.findOneOrFail(Settings, 1)).registrationEmailRequired;
  }

  @Authorized(Permission.SETTINGS_MANAGE)
  @Mutation(() => SettingsUpdatePayload, { description: 'Changes store settings. Requires SETTINGS_MANAGE.' })
  async settingsUpdate(@Arg('input', () => SettingsUpdateInput) input: SettingsUpdateInput, @Ctx() ctx: Context): Promise<SettingsUpdatePayload> {
    const payload = new SettingsUpdatePayload();
    const settings = await ctx.em.findOneOrFail(Settings, 1);
    if (input.autoCloseDays != null && (input.autoCloseDays < 1 || input.autoCloseDays > 365)) {
      payload.errors.push(SettingsUpdateErrors.error(ctx, 'INVALID_AUTO_CLOSE_DAYS', 'autoCloseDays'));
    }
    if (input.ticketFeeBasisPoints != null && (input.ticketFeeBasisPoints < 0 || input.ticketFeeBasisPoints > 10_000)) {
      payload.errors.push(SettingsUpdateErrors.error(ctx, 'INVALID_TICKET_FEE', 'ticketFeeBasisPoints'));
    }
    if (payload.errors.length) return payload;
    if (input.autoCloseDays != null) settings.autoCloseDays = input.autoCloseDays;
    if (input.ticketFeeBasisPoints != null) settings.ticketFeeBasisPoints = input.ticketFeeBasisPoints;
    if (input.registrationEmailRequired != null) settings.registrationEmailRequired = input.registrationEmailRequired;
    await ctx.em.flush();
    payload.settings = settings;
    return payload;
  }
}
