import { ArrayType, Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum WebhookEndpointDisabledReason {
  MANUAL = 'MANUAL',
  FAILING = 'FAILING',
}
registerEnumType(WebhookEndpointDisabledReason, {
  name: 'WebhookEndpointDisabledReason',
  description: 'Why an endpoint receives nothing: an admin turned it off (MANUAL), or every delivery failed for 3 days (FAILING).',
});

/** B1: where an integrator receives events, signed with the endpoint's own secret (Standard Webhooks). */
@Entity({ tableName: 'webhook_endpoint' })
@ObjectType('WebhookEndpoint', { description: 'B1: a URL that receives the events it subscribes to, signed (Standard Webhooks). The secret is shown only at creation and rotation.' })
export class WebhookEndpoint {
  [OptionalProps]?: 'id' | 'enabled' | 'description' | 'previousSecret' | 'previousSecretExpiresAt' | 'disabledReason' | 'disabledAt' | 'failingSince' | 'createdById';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Where events are POSTed: https (http only for localhost outside production).' })
  url!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the endpoint is for, in the admin\'s words.' })
  description?: string | null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  @Field(() => [String], { description: 'Event types it receives: order.paid, order.cancelled, refund.created, ticket_code.redeemed, ticket_code.split.' })
  events: string[] = [];

  @Property({ type: 'boolean', default: true })
  @Field(() => Boolean, { description: 'Only enabled endpoints receive events; a disabled one keeps its delivery log.' })
  enabled: boolean = true;

  /** The signing secret (`whsec_...`), sealed (see webhook-secret.ts). Never in the API after it was shown once. */
  @Property({ type: 'text', hidden: true })
  secret!: string;

  /** After a rotation the old secret signs too (a second signature) until `previousSecretExpiresAt`. */
  @Property({ type: 'text', nullable: true, hidden: true })
  previousSecret?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Until when the secret before the last rotation still signs, beside the new one.' })
  previousSecretExpiresAt?: Date | null;

  @Enum({ items: () => WebhookEndpointDisabledReason, type: 'string', nullable: true })
  @Field(() => WebhookEndpointDisabledReason, { nullable: true })
  disabledReason?: WebhookEndpointDisabledReason | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  disabledAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Since when every attempt has failed (null after a success). After 3 days the endpoint is disabled.' })
  failingSince?: Date | null;

  @Property({ type: 'uuid', nullable: true, fieldName: 'created_by_id' })
  createdById?: string | null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt!: Date;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  updatedAt!: Date;
}
