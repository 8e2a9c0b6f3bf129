import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { writeSessionCookie } from '../../common/auth/session-cookie.js';
import type { Context } from '../../common/context.js';
import {
  AuthLoginInput,
  AuthLoginPayload,
  AuthLogoutErrors,
  AuthLogoutPayload,
  CustomerRegisterInput,
  CustomerRegisterPayload,
  Viewer,
} from './identity.types.js';

@Resolver()
export class AuthResolver {
  @Query(() => Viewer, { nullable: true, description: 'The current principal, or null when not signed in.' })
  viewer(@Ctx() ctx: Context): Promise<Viewer | null> {
    return ctx.services.identity.viewer(ctx);
  }

  @Mutation(() => CustomerRegisterPayload, { description: 'Creates a shopper account and signs it in. Public.' })
  async customerRegister(@Arg('input', () => CustomerRegisterInput) input: CustomerRegisterInput, @Ctx() ctx: Context): Promise<CustomerRegisterPayload> {
    const payload = await ctx.services.identity.register(ctx, input);
    if (payload.token) writeSessionCookie(ctx.req, ctx.res, payload.token, ctx.config.production);
    return payload;
  }

  @Mutation(() => AuthLoginPayload, { description: 'Signs in with email and password. Public; rate-limited.' })
  async authLogin(@Arg('input', () => AuthLoginInput) input: AuthLoginInput, @Ctx() ctx: Context): Promise<AuthLoginPayload> {
    const payload = await ctx.services.identity.login(ctx, input);
    if (payload.token) writeSessionCookie(ctx.req, ctx.res, payload.token, ctx.config.production);
    return payload;
  }

  @Mutation(() => AuthLogoutPayload, { description: 'Ends the current session at once. Public.' })
  async authLogout(@Ctx() ctx: Context): Promise<AuthLogoutPayload> {
    const payload = new AuthLogoutPayload();
    payload.signedOut = await ctx.services.identity.logout(ctx);
    writeSessionCookie(ctx.req, ctx.res, null, ctx.config.production);
    if (!payload.signedOut) payload.errors.push(AuthLogoutErrors.error(ctx, 'NOT_SIGNED_IN'));
    return payload;
  }
}
