import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Limit } from '../../common/graphql/input-limits.js';
import { createErrorType } from '../../common/graphql/user-error.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js';

/** B1: at most this many endpoints (TOO_MANY_ENDPOINTS). */
export const MAX_WEBHOOK_ENDPOINTS = 20;

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING: not yet answered with a 2xx, another attempt is scheduled; SUCCEEDED: a 2xx came back; FAILED: given up (3 days of failures, or the endpoint was disabled).',
});

@ObjectType('WebhookDeliveryAttempt', { description: 'One POST of an event to an endpoint.' })
export class WebhookDeliveryAttempt {
  @Field(() => Int, { description: '1 for the first attempt.' })
  attempt!: number;

  @Field(() => Date)
  attemptedAt!: Date;

  @Field(() => Int, { nullable: true, description: 'The HTTP status the endpoint answered; null when no answer came (see error).' })
  statusCode!: number | null;

  @Field(() => Int, { nullable: true, description: 'From sending to the end of the answer (at most 10 s).' })
  durationMs!: number | null;

  @Field(() => String, { nullable: true, description: 'The first 500 characters of the answer.' })
  responseExcerpt!: string | null;

  @Field(() => String, { nullable: true, description: 'Why no answer came: refused, timed out, unreachable (or the attempt was interrupted).' })
  error!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the next attempt was scheduled, if this one failed.' })
  nextAttemptAt!: Date | null;
}

@ObjectType('WebhookDelivery', { description: "One event for one endpoint: its state, its latest attempt's outcome and every attempt." })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  endpointId!: string;

  @Field(() => String, { description: 'The event type, e.g. order.paid.' })
  eventType!: string;

  @Field(() => String, { description: 'The `webhook-id` header: the same on every attempt, so receivers can deduplicate.' })
  webhookId!: string;

  @Field(() => String, { description: 'The JSON body every attempt sends: `{ type, timestamp, data }`.' })
  payload!: string;

  @Field(() => WebhookDeliveryStatus)
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'How many attempts were made (0 before the first).' })
  attempt!: number;

  @Field(() => Int, { nullable: true, description: "The latest attempt's HTTP status." })
  statusCode!: number | null;

  @Field(() => Int, { nullable: true, description: "The latest attempt's duration." })
  durationMs!: number | null;

  @Field(() => String, { nullable: true, description: "The first 500 characters of the latest attempt's answer." })
  responseExcerpt!: string | null;

  @Field(() => String, { nullable: true, description: "Why the latest attempt got no answer." })
  error!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the latest attempt was made.' })
  attemptedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (PENDING only).' })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { description: 'When the event happened.' })
  createdAt!: Date;

  @Field(() => [WebhookDeliveryAttempt], { description: 'Every attempt, first to last.' })
  attempts!: WebhookDeliveryAttempt[];
}

export const WebhookDeliveryConnection = Connection(WebhookDelivery);

const EVENT_LIST = WEBHOOK_EVENT_TYPES.join(', ');

const endpointMessages = {
  ENDPOINT_NOT_FOUND: { 'zh-TW': '找不到此 Webhook 端點', en: 'No such webhook endpoint' },
  INVALID_URL: { 'zh-TW': '網址格式不正確（不可包含帳號密碼）', en: 'That URL is not valid (and must not carry a user name or password)' },
  URL_NOT_HTTPS: { 'zh-TW': 'Webhook 網址必須是 https（僅在非正式環境可用 http://localhost）', en: 'The webhook URL must be https (http only for localhost, outside production)' },
  EVENTS_REQUIRED: { 'zh-TW': '請至少選擇一種事件', en: 'Choose at least one event' },
  UNKNOWN_EVENT_TYPE: { 'zh-TW': '不支援的事件「{event}」', en: 'Unknown event "{event}"' },
  TOO_MANY_ENDPOINTS: { 'zh-TW': 'Webhook 端點最多 {max} 個', en: 'At most {max} webhook endpoints' },
} as const;

export const WebhookEndpointCreateErrors = createErrorType('WebhookEndpointCreateError', {
  INVALID_URL: endpointMessages.INVALID_URL,
  URL_NOT_HTTPS: endpointMessages.URL_NOT_HTTPS,
  EVENTS_REQUIRED: endpointMessages.EVENTS_REQUIRED,
  UNKNOWN_EVENT_TYPE: endpointMessages.UNKNOWN_EVENT_TYPE,
  TOO_MANY_ENDPOINTS: endpointMessages.TOO_MANY_ENDPOINTS,
});
export type WebhookEndpointErrorCode = keyof typeof endpointMessages;

export const WebhookEndpointUpdateErrors = createErrorType('WebhookEndpointUpdateError', {
  ENDPOINT_NOT_FOUND: endpointMessages.ENDPOINT_NOT_FOUND,
  INVALID_URL: endpointMessages.INVALID_URL,
  URL_NOT_HTTPS: endpointMessages.URL_NOT_HTTPS,
  EVENTS_REQUIRED: endpointMessages.EVENTS_REQUIRED,
  UNKNOWN_EVENT_TYPE: endpointMessages.UNKNOWN_EVENT_TYPE,
});

export const WebhookEndpointDeleteErrors = createErrorType('WebhookEndpointDeleteError', {
  ENDPOINT_NOT_FOUND: endpointMessages.ENDPOINT_NOT_FOUND,
});

export const WebhookDeliveryRetryErrors = createErrorType('WebhookDeliveryRetryError', {
  DELIVERY_NOT_FOUND: { 'zh-TW': '找不到此傳送紀錄', en: 'No such delivery' },
  ENDPOINT_DISABLED: { 'zh-TW': '端點已停用，請先啟用再重送', en: 'The endpoint is disabled: enable it first' },
});

@InputType({ description: 'A new webhook endpoint.' })
export class WebhookEndpointCreateInput {
  @Field(() => String, { description: 'https URL (http only for localhost or 127.0.0.1 outside production), without user name or password.' })
  @Limit({ maxLength: 2000 })
  url!: string;

  @Field(() => [String], { description: `Event types to receive, at least one of: ${EVENT_LIST}.` })
  @Limit({ maxItems: 10, maxLength: 50 })
  events!: string[];

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@ObjectType()
export class WebhookEndpointCreatePayload {
  @Field(() => WebhookEndpoint, { nullable: true })
  endpoint?: WebhookEndpoint | null;

  @Field(() => String, {
    nullable: true,
    description: 'The signing secret (`whsec_` + base64), shown this once: verify `webhook-signature` with it (Standard Webhooks).',
  })
  secret?: string | null;

  @Field(() => [WebhookEndpointCreateErrors.ErrorType])
  errors: InstanceType<typeof WebhookEndpointCreateErrors.ErrorType>[] = [];
}

@InputType({ description: 'Changes to an endpoint; fields left out stay as they are.' })
export class WebhookEndpointUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @Limit({ maxLength: 2000 })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: `Replaces the subscribed event types (${EVENT_LIST}).` })
  @Limit({ maxItems: 10, maxLength: 50 })
  events?: string[] | null;

  @Field(() => String, { nullable: true, description: 'An empty string clears it.' })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false stops deliveries (pending ones fail); true starts them again for new events.' })
  enabled?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true makes a new secret, answered once in `secret`; the old one keeps signing beside it for 24 hours.',
  })
  rotateSecret?: boolean | null;
}

@ObjectType()
export class WebhookEndpointUpdatePayload {
  @Field(() => WebhookEndpoint, { nullable: true })
  endpoint?: WebhookEndpoint | null;

  @Field(() => String, { nullable: true, description: 'The new secret when `rotateSecret` was asked, shown this once.' })
  secret?: string | null;

  @Field(() => [WebhookEndpointUpdateErrors.ErrorType])
  errors: InstanceType<typeof WebhookEndpointUpdateErrors.ErrorType>[] = [];
}

@InputType()
export class WebhookEndpointDeleteInput {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class WebhookEndpointDeletePayload {
  @Field(() => ID, { nullable: true, description: 'The id of the endpoint deleted.' })
  deletedId?: string | null;

  @Field(() => [WebhookEndpointDeleteErrors.ErrorType])
  errors: InstanceType<typeof WebhookEndpointDeleteErrors.ErrorType>[] = [];
}

@InputType()
export class WebhookDeliveryRetryInput {
  @Field(() => ID)
  deliveryId!: string;
}

@ObjectType()
export class WebhookDeliveryRetryPayload {
  @Field(() => WebhookDelivery, { nullable: true })
  delivery?: WebhookDelivery | null;

  @Field(() => [WebhookDeliveryRetryErrors.ErrorType])
  errors: InstanceType<typeof WebhookDeliveryRetryErrors.ErrorType>[] = [];
}
