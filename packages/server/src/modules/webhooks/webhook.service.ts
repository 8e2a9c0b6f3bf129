import { LockMode } from '@mikro-orm/core';
import type pg from 'pg';
import type { Context } from '../../common/context.js';
import { emSql, statement } from '../../common/db/sql.js';
import { pageWindow, toConnection, type ConnectionShape } from '../../common/graphql/connection.js';
import type { JobQueue } from '../../common/jobs/job-queue.js';
import type { Logger } from '../../common/logger.js';
import { isUuid } from '../identity/identity.service.js';
import type { Clock } from '../../common/clock.js';
import type { AppConfig } from '../../config.js';
import type { Mailer } from '../mail/mailer.js';
import { DISPATCH_POLL_MS, JOB_WEBHOOK_DISABLED_MAIL, JOB_WEBHOOK_SWEEP, WebhookDeliverer, type DeliverJob, type DisabledMailJob } from './webhook-delivery.js';
import { WebhookEndpoint, WebhookEndpointDisabledReason } from './webhook-endpoint.entity.js';
import { isWebhookEventType, JOB_WEBHOOK_DELIVER, JOB_WEBHOOK_DISPATCH } from './webhook-events.js';
import { newWebhookSecret, SecretBox } from './webhook-secret.js';
import {
  MAX_WEBHOOK_ENDPOINTS,
  WebhookDelivery,
  WebhookDeliveryAttempt,
  WebhookDeliveryRetryErrors,
  WebhookDeliveryRetryPayload,
  WebhookDeliveryStatus,
  WebhookEndpointCreateErrors,
  WebhookEndpointCreatePayload,
  WebhookEndpointDeleteErrors,
  WebhookEndpointDeletePayload,
  WebhookEndpointUpdateErrors,
  WebhookEndpointUpdatePayload,
  type WebhookEndpointCreateInput,
  type WebhookEndpointErrorCode,
  type WebhookEndpointUpdateInput,
} from './webhook.types.js';

/** After a rotation the old secret keeps signing (a second `v1,` signature) this long, so receivers can switch without losing events. */
export const PREVIOUS_SECRET_TTL_MS = 24 * 3600_000;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

type Refusal = { code: WebhookEndpointErrorCode; field: string; params?: Record<string, string | number> };

/** B1: an endpoint's URL: https, or http to this machine outside production (a receiver under development, the tests). */
export function checkWebhookUrl(raw: string, production: boolean): Refusal | { url: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { code: 'INVALID_URL', field: 'url' };
  }
  if (!['https:', 'http:'].includes(url.protocol) || url.username || url.password || !url.hostname) return { code: 'INVALID_URL', field: 'url' };
  if (url.protocol === 'http:' && (production || !LOCAL_HOSTS.has(url.hostname))) return { code: 'URL_NOT_HTTPS', field: 'url' };
  return { url: url.href };
}

/** The subscribed events: at least one, each from the fixed list, in the list's order without repeats. */
export function checkWebhookEvents(events: readonly string[]): Refusal | { events: string[] } {
  if (!events.length) return { code: 'EVENTS_REQUIRED', field: 'events' };
  const unknown = events.findIndex((e) => !isWebhookEventType(e));
  if (unknown >= 0) return { code: 'UNKNOWN_EVENT_TYPE', field: `events.${unknown}`, params: { event: events[unknown]! } };
  return { events: [...new Set(events)] };
}

const isRefusal = (value: object): value is Refusal => 'code' in value;

const LOCK_ENDPOINT_COUNT = statement('webhook-lock-endpoint-count', `select pg_advisory_xact_lock(hashtext('webhook_endpoint:create'))`);

const DELIVERY_COLUMNS = `d.id, d.endpoint_id, d.status, d.attempts, d.next_attempt_at, d.created_at, ev.id as event_id, ev.type, ev.payload, ev.created_at as event_created_at,
       coalesce((select jsonb_agg(jsonb_build_object('attempt', a.attempt, 'attemptedAt', a.attempted_at, 'statusCode', a.status_code, 'durationMs', a.duration_ms,
                                   'responseExcerpt', a.response_excerpt, 'error', a.error, 'nextAttemptAt', a.next_attempt_at) order by a.attempt)
                   from webhook_delivery_attempt a where a.delivery_id = d.id), '[]'::jsonb) as attempts_made`;

const DELIVERY_PAGE = statement(
  'webhook-delivery-page',
  `select ${DELIVERY_COLUMNS}
     from webhook_delivery d join webhook_event ev on ev.id = d.event_id
    where d.endpoint_id = $1 order by d.created_at desc, d.id desc limit $2 offset $3`,
);
const DELIVERY_COUNT = statement('webhook-delivery-count', `select count(*)::int as n from webhook_delivery where endpoint_id = $1`);
const DELIVERY_ONE = statement('webhook-delivery-one', `select ${DELIVERY_COLUMNS} from webhook_delivery d join webhook_event ev on ev.id = d.event_id where d.id = $1`);
const LAST_DELIVERY = statement(
  'webhook-last-delivery',
  `select ${DELIVERY_COLUMNS} from webhook_delivery d join webhook_event ev on ev.id = d.event_id where d.endpoint_id = $1 order by d.created_at desc, d.id desc limit 1`,
);

const FAIL_PENDING = statement('webhook-fail-pending', `update webhook_delivery set status = 'FAILED', next_attempt_at = null where endpoint_id = $1 and status = 'PENDING'`);

/** A manual retry: the delivery is due now whatever its state; the attempt's own job follows. */
const RETRY = statement(
  'webhook-retry',
  `update webhook_delivery d set status = 'PENDING', next_attempt_at = $2
     from webhook_endpoint e where d.id = $1 and e.id = d.endpoint_id and e.enabled
   returning d.attempts`,
);
const DELIVERY_ENDPOINT = statement('webhook-delivery-endpoint', `select e.enabled from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id where d.id = $1`);

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date | string | null;
  created_at: Date | string;
  event_id: string;
  type: string;
  payload: unknown;
  event_created_at: Date | string;
  attempts_made: { attempt: number; attemptedAt: string; statusCode: number | null; durationMs: number | null; responseExcerpt: string | null; error: string | null; nextAttemptAt: string | null }[];
}

const dateOrNull = (value: string | Date | null) => (value == null ? null : new Date(value));

function deliveryOf(row: DeliveryRow): WebhookDelivery {
  const attempts = row.attempts_made.map((a) =>
    Object.assign(new WebhookDeliveryAttempt(), { ...a, attemptedAt: new Date(a.attemptedAt), nextAttemptAt: dateOrNull(a.nextAttemptAt) }),
  );
  const last = attempts.at(-1);
  return Object.assign(new WebhookDelivery(), {
    id: row.id,
    endpointId: row.endpoint_id,
    eventType: row.type,
    webhookId: row.event_id,
    payload: JSON.stringify({ type: row.type, timestamp: new Date(row.event_created_at).toISOString(), data: row.payload }),
    status: row.status,
    attempt: row.attempts,
    statusCode: last?.statusCode ?? null,
    durationMs: last?.durationMs ?? null,
    responseExcerpt: last?.responseExcerpt ?? null,
    error: last?.error ?? null,
    attemptedAt: last?.attemptedAt ?? null,
    nextAttemptAt: row.status === WebhookDeliveryStatus.PENDING ? dateOrNull(row.next_attempt_at) : null,
    createdAt: new Date(row.event_created_at),
    attempts,
  });
}

/**
 * B1: endpoints (at most 20, each with its own signing secret, shown once) and their delivery log. Every
 * mutation runs in the request's transaction (`ctx.em`); the delivery itself is `WebhookDeliverer`'s.
 */
export class WebhookService {
  readonly deliverer: WebhookDeliverer;

  constructor(
    private readonly deps: { pool: pg.Pool; jobs: JobQueue; secrets: SecretBox; log: Logger; deliverer: WebhookDeliverer },
  ) {
    this.deliverer = deps.deliverer;
  }

  endpoints(ctx: Context): Promise<WebhookEndpoint[]> {
    return ctx.em.find(WebhookEndpoint, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async create(ctx: Context, input: WebhookEndpointCreateInput): Promise<WebhookEndpointCreatePayload> {
    const payload = new WebhookEndpointCreatePayload();
    const refuse = (r: Refusal) => payload.errors.push(WebhookEndpointCreateErrors.error(ctx, r.code as Parameters<typeof WebhookEndpointCreateErrors.error>[1], r.field, r.params));
    const url = checkWebhookUrl(input.url, ctx.config.production);
    const events = checkWebhookEvents(input.events);
    if (isRefusal(url)) refuse(url);
    if (isRefusal(events)) refuse(events);
    if (isRefusal(url) || isRefusal(events)) return payload;
    // Two admins creating at once still make at most 20: the count is taken under a lock held to commit.
    await emSql(ctx.em)(LOCK_ENDPOINT_COUNT);
    if ((await ctx.em.count(WebhookEndpoint, {})) >= MAX_WEBHOOK_ENDPOINTS) {
      refuse({ code: 'TOO_MANY_ENDPOINTS', field: 'url', params: { max: MAX_WEBHOOK_ENDPOINTS } });
      return payload;
    }
    const secret = newWebhookSecret();
    const now = ctx.clock.now();
    payload.endpoint = ctx.em.create(WebhookEndpoint, {
      url: url.url,
      description: input.description?.trim() || null,
      events: events.events,
      secret: this.deps.secrets.seal(secret),
      createdById: ctx.principal?.userId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.em.flush();
    payload.secret = secret;
    return payload;
  }

  async update(ctx: Context, input: WebhookEndpointUpdateInput): Promise<WebhookEndpointUpdatePayload> {
    const payload = new WebhookEndpointUpdatePayload();
    const refuse = (r: Refusal) => payload.errors.push(WebhookEndpointUpdateErrors.error(ctx, r.code as Parameters<typeof WebhookEndpointUpdateErrors.error>[1], r.field, r.params));
    const endpoint = isUuid(input.id) ? await ctx.em.findOne(WebhookEndpoint, input.id, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
    if (!endpoint) {
      refuse({ code: 'ENDPOINT_NOT_FOUND', field: 'id' });
      return payload;
    }
    const url = input.url != null ? checkWebhookUrl(input.url, ctx.config.production) : null;
    const events = input.events != null ? checkWebhookEvents(input.events) : null;
    if (url && isRefusal(url)) refuse(url);
    if (events && isRefusal(events)) refuse(events);
    if (payload.errors.length) return payload;

    const now = ctx.clock.now();
    if (url && !isRefusal(url)) endpoint.url = url.url;
    if (events && !isRefusal(events)) endpoint.events = events.events;
    if (input.description != null) endpoint.description = input.description.trim() || null;
    if (input.enabled === false && endpoint.enabled) {
      endpoint.enabled = false;
      endpoint.disabledReason = WebhookEndpointDisabledReason.MANUAL;
      endpoint.disabledAt = now;
      // Nothing more goes to a disabled endpoint: what was pending fails (and can be retried once it is enabled).
      await emSql(ctx.em)(FAIL_PENDING, [endpoint.id]);
    } else if (input.enabled === true && !endpoint.enabled) {
      endpoint.enabled = true;
      endpoint.disabledReason = null;
      endpoint.disabledAt = null;
      endpoint.failingSince = null;
    }
    if (input.rotateSecret) {
      const secret = newWebhookSecret();
      endpoint.previousSecret = endpoint.secret;
      endpoint.previousSecretExpiresAt = new Date(now.getTime() + PREVIOUS_SECRET_TTL_MS);
      endpoint.secret = this.deps.secrets.seal(secret);
      payload.secret = secret;
    }
    endpoint.updatedAt = now;
    await ctx.em.flush();
    payload.endpoint = endpoint;
    return payload;
  }

  /** Deletes the endpoint with its delivery log; queued attempts then find nothing and stop. */
  async delete(ctx: Context, id: string): Promise<WebhookEndpointDeletePayload> {
    const payload = new WebhookEndpointDeletePayload();
    const endpoint = isUuid(id) ? await ctx.em.findOne(WebhookEndpoint, id) : null;
    if (!endpoint) {
      payload.errors.push(WebhookEndpointDeleteErrors.error(ctx, 'ENDPOINT_NOT_FOUND', 'id'));
      return payload;
    }
    ctx.em.remove(endpoint);
    await ctx.em.flush();
    payload.deletedId = id;
    return payload;
  }

  /** The delivery log of one endpoint, newest first; null for an unknown endpoint. */
  async deliveries(ctx: Context, endpointId: string, first: number | null | undefined, after: string | null | undefined): Promise<ConnectionShape<WebhookDelivery> | null> {
    if (!isUuid(endpointId) || !(await ctx.em.count(WebhookEndpoint, { id: endpointId }))) return null;
    const { limit, offset } = pageWindow(first, after);
    const sql = emSql(ctx.em);
    const [rows, [count]] = [await sql<DeliveryRow>(DELIVERY_PAGE, [endpointId, limit, offset]), await sql<{ n: number }>(DELIVERY_COUNT, [endpointId])];
    return toConnection(rows.map(deliveryOf), count!.n, offset);
  }

  async lastDelivery(ctx: Context, endpointId: string): Promise<WebhookDelivery | null> {
    const [row] = await emSql(ctx.em)<DeliveryRow>(LAST_DELIVERY, [endpointId]);
    return row ? deliveryOf(row) : null;
  }

  /** Sends the event to the endpoint again now (a new attempt with the same webhook-id); the schedule goes on from there if it fails. */
  async retry(ctx: Context, deliveryId: string): Promise<WebhookDeliveryRetryPayload> {
    const payload = new WebhookDeliveryRetryPayload();
    const sql = emSql(ctx.em);
    const [found] = isUuid(deliveryId) ? await sql<{ enabled: boolean }>(DELIVERY_ENDPOINT, [deliveryId]) : [];
    if (!found) {
      payload.errors.push(WebhookDeliveryRetryErrors.error(ctx, 'DELIVERY_NOT_FOUND', 'deliveryId'));
      return payload;
    }
    const [row] = await sql<{ attempts: number }>(RETRY, [deliveryId, ctx.clock.now()]);
    if (!row) {
      payload.errors.push(WebhookDeliveryRetryErrors.error(ctx, 'ENDPOINT_DISABLED', 'deliveryId'));
      return payload;
    }
    await this.deps.jobs.enqueue(ctx.em, JOB_WEBHOOK_DELIVER, { deliveryId, attempt: row.attempts + 1 } satisfies DeliverJob);
    const [delivery] = await sql<DeliveryRow>(DELIVERY_ONE, [deliveryId]);
    payload.delivery = deliveryOf(delivery!);
    return payload;
  }
}

/**
 * The webhook service with its jobs defined on `jobs`: the dispatcher (a poll of the outbox: events to
 * deliveries, their first attempts sent and recorded in batches), each later attempt (a job, 50 at a time,
 * side by side: they wait on other people's servers), the sweep (every minute, and when the test clock moves)
 * and the mail to admins when an endpoint is disabled. pg-boss's own retries only cover a handler that threw
 * (the database away): the delivery schedule itself is the deliverer's.
 */
export function createWebhookService(deps: { config: AppConfig; pool: pg.Pool; jobs: JobQueue; clock: Clock; log: Logger; mailer: Mailer }): WebhookService {
  const secrets = new SecretBox(deps.config.webhookSecretKey?.reveal());
  if (deps.config.production && !secrets.encrypts) deps.log.warn('WEBHOOK_SECRET_KEY is not set: webhook signing secrets are stored unencrypted');
  const deliverer = new WebhookDeliverer({ pool: deps.pool, jobs: deps.jobs, clock: deps.clock, log: deps.log, secrets, mailer: deps.mailer });
  deps.jobs.define<DeliverJob>({ name: JOB_WEBHOOK_DELIVER, concurrent: true, batchSize: 50, retryLimit: 20, retryDelaySeconds: 5, handle: (job) => deliverer.attempt(job) });
  // The dispatcher: every process that runs jobs polls the outbox (replicas share it: SKIP LOCKED), so an event
  // committed is delivered whichever replica wrote it and whichever runs; the job only serves wake-ups queued earlier.
  deps.jobs.defineLoop({ name: 'webhooks.dispatch-poll', everyMs: DISPATCH_POLL_MS, run: () => deliverer.dispatch() });
  deps.jobs.define({ name: JOB_WEBHOOK_DISPATCH, policy: 'short', retryLimit: 50, retryDelaySeconds: 2, handle: async () => void (await deliverer.dispatch()) });
  deps.jobs.define({ name: JOB_WEBHOOK_SWEEP, cron: '* * * * *', handle: () => deliverer.sweep() });
  deps.jobs.define<DisabledMailJob>({ name: JOB_WEBHOOK_DISABLED_MAIL, retryLimit: 50, retryDelaySeconds: 2, handle: (job) => deliverer.sendDisabledMail(job) });
  return new WebhookService({ pool: deps.pool, jobs: deps.jobs, secrets, log: deps.log, deliverer });
}
