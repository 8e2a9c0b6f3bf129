import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyCreateInput, ApiKeyCreatePayload, ApiKeyRevokeInput, ApiKeyRevokePayload, ApiKeyUpdateInput, ApiKeyUpdatePayload } from './identity.types.js';

@Resolver()
export class ApiKeyResolver {
  @Authorized(Permission.API_KEYS_MANAGE)
  @Query(() => [ApiKey], { description: 'All API keys, newest first. Requires API_KEYS_MANAGE.' })
  apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    return ctx.em.find(ApiKey, {}, { orderBy: { createdAt: 'desc' } });
  }

  @Authorized(Permission.API_KEYS_MANAGE)
  @Mutation(() => ApiKeyCreatePayload, {
    description: 'Creates an API key; the secret is in this payload only. Only scopes whose permissions the caller holds (SCOPE_NOT_HELD). Requires API_KEYS_MANAGE.',
  })
  apiKeyCreate(@Arg('input', () => ApiKeyCreateInput) input: ApiKeyCreateInput, @Ctx() ctx: Context) {
    return ctx.services.identity.apiKeyCreate(ctx, input);
  }

  @Authorized(Permission.API_KEYS_MANAGE)
  @Mutation(() => ApiKeyUpdatePayload, {
    description:
      "Renames an API key or replaces its scopes; its callers get the new scopes at once. Scopes added must be ones whose permissions the caller holds (SCOPE_NOT_HELD); a revoked key can't be changed (API_KEY_REVOKED). Requires API_KEYS_MANAGE.",
  })
  apiKeyUpdate(@Arg('input', () => ApiKeyUpdateInput) input: ApiKeyUpdateInput, @Ctx() ctx: Context) {
    return ctx.services.identity.apiKeyUpdate(ctx, input);
  }

  @Authorized(Permission.API_KEYS_MANAGE)
  @Mutation(() => ApiKeyRevokePayload, { description: 'Revokes an API key at once. Requires API_KEYS_MANAGE.' })
  apiKeyRevoke(@Arg('input', () => ApiKeyRevokeInput) input: ApiKeyRevokeInput, @Ctx() ctx: Context) {
    return ctx.services.identity.apiKeyRevoke(ctx, input.apiKeyId);
  }
}
