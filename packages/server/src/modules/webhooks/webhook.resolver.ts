import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import {
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookDeliveryRetryInput,
  WebhookDeliveryRetryPayload,
  WebhookEndpointCreateInput,
  WebhookEndpointCreatePayload,
  WebhookEndpointDeleteInput,
  WebhookEndpointDeletePayload,
  WebhookEndpointUpdateInput,
  WebhookEndpointUpdatePayload,
} from './webhook.types.js';

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Authorized(Permission.WEBHOOKS_MANAGE)
  @Query(() => [WebhookEndpoint], { description: 'B1: every webhook endpoint, oldest first (at most 20). Requires WEBHOOKS_MANAGE.' })
  webhookEndpoints(@Ctx() ctx: Context): Promise<WebhookEndpoint[]> {
    return ctx.services.webhooks.endpoints(ctx);
  }

  @Authorized(Permission.WEBHOOKS_MANAGE)
  @Query(() => WebhookDeliveryConnection, {
    nullable: true,
    description: "B1: an endpoint's delivery log, newest first: each event sent to it, its latest attempt and every attempt. Null for an unknown endpoint. Requires WEBHOOKS_MANAGE.",
  })
  webhookDeliveries(
    @Ctx() ctx: Context,
    @Arg('endpointId', () => ID) endpointId: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.services.webhooks.deliveries(ctx, endpointId, first, after);
  }

  @FieldResolver(() => WebhookDelivery, { nullable: true, description: 'The latest event sent to this endpoint, with how it went.' })
  lastDelivery(@Root() endpoint: WebhookEndpoint, @Ctx() ctx: Context): Promise<WebhookDelivery | null> {
    return ctx.services.webhooks.lastDelivery(ctx, endpoint.id);
  }

  @Authorized(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => WebhookEndpointCreatePayload, {
    description:
      'B1: creates an endpoint for the given events; its signing secret is in this payload only. https only (http for localhost outside production), at most 20 endpoints. Requires WEBHOOKS_MANAGE.',
  })
  webhookEndpointCreate(@Arg('input', () => WebhookEndpointCreateInput) input: WebhookEndpointCreateInput, @Ctx() ctx: Context) {
    return ctx.services.webhooks.create(ctx, input);
  }

  @Authorized(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => WebhookEndpointUpdatePayload, {
    description: 'B1: changes the URL, events, description or enabled state, or rotates the secret (the new one is in this payload only). Requires WEBHOOKS_MANAGE.',
  })
  webhookEndpointUpdate(@Arg('input', () => WebhookEndpointUpdateInput) input: WebhookEndpointUpdateInput, @Ctx() ctx: Context) {
    return ctx.services.webhooks.update(ctx, input);
  }

  @Authorized(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => WebhookEndpointDeletePayload, { description: 'B1: deletes an endpoint and its delivery log; its pending retries stop. Requires WEBHOOKS_MANAGE.' })
  webhookEndpointDelete(@Arg('input', () => WebhookEndpointDeleteInput) input: WebhookEndpointDeleteInput, @Ctx() ctx: Context) {
    return ctx.services.webhooks.delete(ctx, input.id);
  }

  @Authorized(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => WebhookDeliveryRetryPayload, {
    description: 'B1: sends a delivery again now, with the same webhook-id (failed, pending or even succeeded); the endpoint must be enabled. Requires WEBHOOKS_MANAGE.',
  })
  webhookDeliveryRetry(@Arg('input', () => WebhookDeliveryRetryInput) input: WebhookDeliveryRetryInput, @Ctx() ctx: Context) {
    return ctx.services.webhooks.retry(ctx, input.deliveryId);
  }
}
