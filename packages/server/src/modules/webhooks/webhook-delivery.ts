import type pg from 'pg';
import { Webhook } from 'standardwebhooks';
import type { Clock } from '../../common/clock.js';
import { dateOrNull, inTransaction, poolSql, statement } from '../../common/db/sql.js';
import { JOB_SCHEMA, type JobQueue } from '../../common/jobs/job-queue.js';
import type { Logger } from '../../common/logger.js';
import type { Mailer } from '../mail/mailer.js';
import { CLAIM as CLAIM_MAIL, RECORD_SENT } from '../mail/order-mail.job.js';
import { JOB_WEBHOOK_DELIVER, JOB_WEBHOOK_DISPATCH } from './webhook-events.js';
import type { SecretBox } from './webhook-secret.js';

export const JOB_WEBHOOK_SWEEP = 'webhooks.sweep';
export const JOB_WEBHOOK_DISABLED_MAIL = 'webhooks.endpoint-disabled-mail';

/** After the n-th failed attempt, the next one comes this much later (then every 10 h). */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000];
const LATER_DELAY_MS = 10 * 3600_000;
/** Attempts go on until this long after the first; the last one is at exactly that time. */
export const RETRY_WINDOW_MS = 3 * 24 * 3600_000;
/** An endpoint whose every attempt failed for this long is disabled (and the admins told). */
export const DISABLE_AFTER_FAILING_MS = RETRY_WINDOW_MS;
export const ATTEMPT_TIMEOUT_MS = 10_000;
export const EXCERPT_LENGTH = 500;
/** The sweep leaves alone deliveries due less than this long ago: their own scheduled job is about to run. */
const SWEEP_GRACE_MS = 30_000;
/** Events made into deliveries per statement, and per dispatch run. */
const DISPATCH_BATCH = 200;
const DISPATCH_RUN = 1_000;
/**
 * Attempts run side by side (they wait on other people's servers), but at most this many of them use a
 * database connection at once: the pool is the API's too when one process serves and runs jobs.
 */
const DB_SLOTS = 2;
/** Backpressure: no more deliveries are made while this many attempts wait in the queue (events wait in the outbox instead). */
const MAX_WAITING_ATTEMPTS = 500;
/** After a run that found events, the dispatcher looks again this much later (events committed just after it looked). */
const DISPATCH_TAIL_MS = 1_000;

export interface DeliverJob {
  deliveryId: string;
  /** The attempt this job makes: it only runs if the delivery has had exactly `attempt - 1`. */
  attempt: number;
}

export interface DisabledMailJob {
  endpointId: string;
  disabledAt: string;
}

/**
 * The dispatcher: the oldest undispatched events (skipping any another replica holds), one delivery per
 * enabled endpoint subscribed to each, the first attempt of each queued, and the events marked dispatched.
 * The endpoints are locked (KEY SHARE) as they are read, so one deleted meanwhile is skipped, not a
 * foreign-key error.
 */
const DISPATCH = statement(
  'webhook-dispatch',
  `with ev as (
     select id, type, created_at from webhook_event where not dispatched order by created_at limit $1 for update skip locked
   ), d as (
     insert into webhook_delivery (id, event_id, endpoint_id, status, attempts, next_attempt_at, created_at)
     select gen_random_uuid(), ev.id, e.id, 'PENDING', 0, ev.created_at, ev.created_at
       from ev join webhook_endpoint e on e.enabled and ev.type = any(e.events)
        for key share of e
     on conflict (event_id, endpoint_id) do nothing
     returning id
   ), j as (
     insert into ${JOB_SCHEMA}.job (name, data, start_after, retry_limit, retry_delay, retry_backoff, policy)
     select q.name, jsonb_build_object('deliveryId', d.id, 'attempt', 1), now(), q.retry_limit, q.retry_delay, q.retry_backoff, q.policy
       from d join ${JOB_SCHEMA}.queue q on q.name = '${JOB_WEBHOOK_DELIVER}'
   ), u as (
     update webhook_event w set dispatched = true from ev where w.id = ev.id
   )
   select (select count(*)::int from ev) as events`,
);

const WAITING_ATTEMPTS = statement(
  'webhook-waiting-attempts',
  `select count(*)::int as n from (select 1 from ${JOB_SCHEMA}.job where name = '${JOB_WEBHOOK_DELIVER}' and state < 'active' limit ${MAX_WAITING_ATTEMPTS}) w`,
);

/** A dispatch run at `start_after`, unless one is already waiting (the queue's policy is `short`). */
const WAKE_DISPATCHER = statement(
  'webhook-wake-dispatcher',
  `insert into ${JOB_SCHEMA}.job (name, data, start_after, retry_limit, retry_delay, retry_backoff, policy)
   select q.name, '{}'::jsonb, $1, q.retry_limit, q.retry_delay, q.retry_backoff, q.policy from ${JOB_SCHEMA}.queue q where q.name = '${JOB_WEBHOOK_DISPATCH}'
   on conflict do nothing`,
);

/**
 * Takes attempt `$2` of a delivery, in one statement: only if it is still pending, has had exactly `$2 - 1`
 * attempts and its endpoint is enabled (a racing duplicate job finds the count moved on and takes nothing).
 * It counts the attempt, records when it was made, and sets when the next one is due: the schedule's delay
 * `$4` (ms), but never past the end of the window `$5` (ms after the first attempt), where one last attempt
 * is made; an attempt at or after that end is the last, and its next time (`$6` on) only matters if its
 * outcome is never recorded. That is the crash guarantee: an attempt sent but not recorded (the process
 * died) leaves the delivery due then, and the sweep sends it again: a duplicate, never a loss.
 */
const CLAIM = statement(
  'webhook-claim',
  `with c as (
     update webhook_delivery d
        set attempts = $2, first_attempt_at = coalesce(d.first_attempt_at, $3), last_attempt_at = $3,
            next_attempt_at = case when $3 >= coalesce(d.first_attempt_at, $3) + $5::bigint * interval '1 millisecond' then $3 + $6::bigint * interval '1 millisecond'
                                   else least($3 + $4::bigint * interval '1 millisecond', coalesce(d.first_attempt_at, $3) + $5::bigint * interval '1 millisecond') end
       from webhook_endpoint e, webhook_event ev
      where d.id = $1 and d.status = 'PENDING' and d.attempts = $2 - 1 and e.id = d.endpoint_id and e.enabled and ev.id = d.event_id
     returning d.id, d.endpoint_id, d.first_attempt_at, d.next_attempt_at, e.url, e.secret, e.previous_secret, e.previous_secret_expires_at, e.failing_since,
               ev.id as event_id, ev.type, ev.payload, ev.created_at as event_created_at
   ), a as (
     insert into webhook_delivery_attempt (id, delivery_id, attempt, attempted_at) select gen_random_uuid(), c.id, $2, $3 from c returning id
   )
   select c.*, a.id as attempt_id from c, a`,
);

/**
 * Recording takes its locks in the order deleting an endpoint does (endpoint, delivery, then attempt), so the
 * two never deadlock: the delivery's row before its attempt's, and the endpoint's first when it is touched
 * (a failure; a success after failures). NO KEY UPDATE on the endpoint: dispatching deliveries for it (a
 * foreign key's KEY SHARE) never waits on a recording.
 */
const LOCK_ENDPOINT = statement('webhook-lock-endpoint', `select id from webhook_endpoint where id = $1 for no key update`);

/** A 2xx: the delivery succeeded (one statement; the delivery's row is updated before its attempt's). */
const RECORD_SUCCESS = statement(
  'webhook-record-success',
  `with d as (
     update webhook_delivery set status = 'SUCCEEDED', next_attempt_at = null where id = $5 returning id
   )
   update webhook_delivery_attempt set status_code = $2, duration_ms = $3, response_excerpt = $4, error = null where id = $1 and delivery_id = (select id from d)`,
);

const CLEAR_FAILING = statement('webhook-clear-failing', `update webhook_endpoint set failing_since = null where id = $1 and failing_since is not null`);

/** No 2xx: the attempt's outcome, the delivery given up after its last attempt, and the endpoint failing since its first failure. */
const RECORD_FAILURE = statement(
  'webhook-record-failure',
  `with d as (
     update webhook_delivery set status = case when $6::boolean and status = 'PENDING' then 'FAILED' else status end,
                                 next_attempt_at = case when $6::boolean and status = 'PENDING' then null else next_attempt_at end
      where id = $9 returning id, endpoint_id
   ), a as (
     update webhook_delivery_attempt set status_code = $2, duration_ms = $3, response_excerpt = $4, error = $5, next_attempt_at = case when $6::boolean then null else $7::timestamptz end
      where id = $1 and delivery_id = (select id from d)
   )
   update webhook_endpoint set failing_since = coalesce(failing_since, $8::timestamptz) where id = (select endpoint_id from d)
   returning id, enabled, failing_since`,
);

/** Stops an endpoint that has failed for 3 days: its pending deliveries fail now (they can be retried once it is enabled again). */
const DISABLE_FAILING = statement(
  'webhook-disable-failing',
  `with e as (
     update webhook_endpoint set enabled = false, disabled_reason = 'FAILING', disabled_at = $2, updated_at = $2 where id = $1 and enabled returning id
   ), d as (
     update webhook_delivery set status = 'FAILED', next_attempt_at = null where endpoint_id = (select id from e) and status = 'PENDING'
   )
   select id from e`,
);

/** Deliveries of disabled endpoints left pending (dispatched as the endpoint was being disabled) fail, as the others did. */
const FAIL_DISABLED = statement(
  'webhook-fail-disabled',
  `update webhook_delivery d set status = 'FAILED', next_attempt_at = null
     from webhook_endpoint e where e.id = d.endpoint_id and not e.enabled and d.status = 'PENDING'`,
);

/** Deliveries attempted before whose next attempt is overdue: an attempt whose outcome was never recorded, or the test clock moved on. */
const DUE = statement(
  'webhook-due',
  `select id, attempts from webhook_delivery where status = 'PENDING' and attempts > 0 and next_attempt_at <= $1 order by next_attempt_at limit 500`,
);

const DISABLED_MAIL = statement(
  'webhook-disabled-mail',
  `select e.url, e.failing_since, e.disabled_at,
          coalesce((select jsonb_agg(u.email order by u.created_at) from app_user u
                     where u.role = 'ADMIN' and u.disabled_at is null and u.email is not null and 'WEBHOOKS_MANAGE' = any(u.admin_permissions)), '[]'::jsonb) as recipients
     from webhook_endpoint e where e.id = $1`,
);

interface ClaimedAttempt {
  id: string;
  endpoint_id: string;
  first_attempt_at: Date | string;
  next_attempt_at: Date | string;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | string | null;
  failing_since: Date | string | null;
  event_id: string;
  type: string;
  payload: unknown;
  event_created_at: Date | string;
  attempt_id: string;
}

interface Outcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  excerpt: string | null;
  error: string | null;
}

/** The body every attempt of an event sends, byte for byte (Standard Webhooks' `{ type, timestamp, data }`). */
export function webhookBody(event: { type: string; created_at: Date | string; payload: unknown }): string {
  return JSON.stringify({ type: event.type, timestamp: new Date(event.created_at).toISOString(), data: event.payload });
}

/**
 * B1 delivery, from whichever process runs jobs. The dispatcher makes the deliveries of new events and
 * queues their first attempts; each attempt is a job. An attempt is claimed (counted, the time of the next
 * one set) in one statement, POSTed with the Standard Webhooks headers, then its outcome recorded, which
 * queues the next attempt (startAfter) if it failed. A crash between sending
 * and recording leaves the delivery due at that time, and the sweep sends it again: a duplicate with the
 * same `webhook-id`, never a loss. Jobs carry the attempt they make, so a duplicate job (a sweep, a manual
 * retry) finds its attempt taken and does nothing; a deleted endpoint's deliveries are gone, so their jobs
 * do nothing either.
 */
export class WebhookDeliverer {
  private readonly db = new Slots(DB_SLOTS);

  constructor(
    private readonly deps: { pool: pg.Pool; jobs: JobQueue; clock: Clock; log: Logger; secrets: SecretBox; mailer: Mailer },
  ) {}

  async attempt({ deliveryId, attempt }: DeliverJob): Promise<void> {
    const { pool, clock, jobs } = this.deps;
    const now = clock.now();
    const delay = RETRY_DELAYS_MS[attempt - 1] ?? LATER_DELAY_MS;
    const [claimed] = await this.db.run(() => poolSql(pool)<ClaimedAttempt>(CLAIM, [deliveryId, attempt, now, delay, RETRY_WINDOW_MS, LATER_DELAY_MS]));
    if (!claimed) return;
    const final = now.getTime() - dateOrNull(claimed.first_attempt_at)!.getTime() >= RETRY_WINDOW_MS;
    const nextAt = dateOrNull(claimed.next_attempt_at)!;
    const outcome = await this.post(claimed, now);
    if (outcome.ok && !claimed.failing_since) {
      await this.db.run(() => poolSql(pool)(RECORD_SUCCESS, [claimed.attempt_id, outcome.statusCode, outcome.durationMs, outcome.excerpt, deliveryId]));
      return;
    }
    await this.db.run(() =>
      inTransaction(pool, async (sql) => {
        // Gone meanwhile (the endpoint was deleted): nothing to record.
        if (!(await sql(LOCK_ENDPOINT, [claimed.endpoint_id])).length) return;
        if (outcome.ok) {
          await sql(RECORD_SUCCESS, [claimed.attempt_id, outcome.statusCode, outcome.durationMs, outcome.excerpt, deliveryId]);
          await sql(CLEAR_FAILING, [claimed.endpoint_id]);
          return;
        }
        const [endpoint] = await sql<{ id: string; enabled: boolean; failing_since: Date | string }>(RECORD_FAILURE, [
          claimed.attempt_id,
          outcome.statusCode,
          outcome.durationMs,
          outcome.excerpt,
          outcome.error,
          final,
          nextAt,
          now,
          deliveryId,
        ]);
        if (!endpoint) return;
        if (!final) {
          // startAfter is wall-clock time for pg-boss: the delay from now, whatever the (test) clock says.
          await jobs.enqueueSql(sql, JOB_WEBHOOK_DELIVER, { deliveryId, attempt: attempt + 1 } satisfies DeliverJob, {
            startAfter: new Date(Date.now() + (nextAt.getTime() - now.getTime())),
          });
        }
        if (endpoint.enabled && now.getTime() - dateOrNull(endpoint.failing_since)!.getTime() >= DISABLE_AFTER_FAILING_MS) {
          const disabled = await sql(DISABLE_FAILING, [endpoint.id, now]);
          if (disabled.length) {
            await jobs.enqueueSql(sql, JOB_WEBHOOK_DISABLED_MAIL, { endpointId: endpoint.id, disabledAt: now.toISOString() } satisfies DisabledMailJob);
            this.deps.log.warn({ endpointId: endpoint.id, failingSince: endpoint.failing_since }, 'webhook endpoint failing for 3 days: disabled');
          }
        }
      }),
    );
  }

  /** The POST itself: 10 s for the whole exchange, no redirects followed, only a 2xx counts. */
  private async post(d: ClaimedAttempt, now: Date): Promise<Outcome> {
    const body = webhookBody({ type: d.type, created_at: d.event_created_at, payload: d.payload });
    // The receiver checks the timestamp against its own clock (5 minutes' tolerance): wall-clock time, not the test clock.
    const timestamp = new Date();
    const signatures = [new Webhook(this.deps.secrets.open(d.secret)).sign(d.event_id, timestamp, body)];
    const previousUntil = dateOrNull(d.previous_secret_expires_at);
    if (d.previous_secret && previousUntil && previousUntil > now) {
      signatures.push(new Webhook(this.deps.secrets.open(d.previous_secret)).sign(d.event_id, timestamp, body));
    }
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'e-ticket-webhooks/1.0',
          'webhook-id': d.event_id,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signatures.join(' '),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      const excerpt = await readExcerpt(res);
      return { ok: res.status >= 200 && res.status < 300, statusCode: res.status, durationMs: elapsed(), excerpt, error: null };
    } catch (e) {
      return { ok: false, statusCode: null, durationMs: elapsed(), excerpt: null, error: describeFailure(e) };
    }
  }

  /**
   * Makes deliveries of undispatched events, in batches, while the queue of waiting attempts is short
   * (under a burst, events wait in the outbox rather than as jobs); looks again a second later when it found
   * any (events committed just after it looked, or held back).
   */
  async dispatch(): Promise<void> {
    const sql = poolSql(this.deps.pool);
    let found = 0;
    while (found < DISPATCH_RUN) {
      const [waiting] = await sql<{ n: number }>(WAITING_ATTEMPTS);
      if (waiting!.n >= MAX_WAITING_ATTEMPTS) {
        found ||= 1;
        break;
      }
      const [row] = await sql<{ events: number }>(DISPATCH, [DISPATCH_BATCH]);
      found += row!.events;
      if (row!.events < DISPATCH_BATCH) break;
    }
    if (found) await sql(WAKE_DISPATCHER, [new Date(Date.now() + DISPATCH_TAIL_MS)]);
  }

  /**
   * Every minute (and when the test clock moves): wakes the dispatcher, and queues the attempts that are due
   * by the clock but have no job (an outcome never recorded, or the test clock moved on); each job checks its attempt.
   */
  async sweep(): Promise<void> {
    const sql = poolSql(this.deps.pool);
    await sql(WAKE_DISPATCHER, [new Date()]);
    await sql(FAIL_DISABLED);
    const due = await sql<{ id: string; attempts: number }>(DUE, [new Date(this.deps.clock.now().getTime() - SWEEP_GRACE_MS)]);
    for (const d of due) await this.deps.jobs.enqueueSql(sql, JOB_WEBHOOK_DELIVER, { deliveryId: d.id, attempt: d.attempts + 1 } satisfies DeliverJob);
  }

  /** Tells the admins who manage webhooks that an endpoint was disabled, once (claimed in sent_mail like every mail). */
  async sendDisabledMail({ endpointId, disabledAt }: DisabledMailJob): Promise<void> {
    await inTransaction(this.deps.pool, async (sql) => {
      const key = `webhook-disabled:${endpointId}:${disabledAt}`;
      if (!(await sql(CLAIM_MAIL, [key])).length) return;
      const [row] = await sql<{ url: string; failing_since: Date | null; disabled_at: Date | null; recipients: string[] }>(DISABLED_MAIL, [endpointId]);
      if (!row || !row.recipients.length) return;
      const since = (dateOrNull(row.failing_since) ?? new Date(disabledAt)).toISOString();
      const sent = await this.deps.mailer.send({
        to: row.recipients,
        subject: `Webhook 端點已停用 / Webhook endpoint disabled: ${row.url}`,
        text: [
          '您好：',
          `傳送到 ${row.url} 的 Webhook 自 ${since} 起連續 3 天全部失敗，此端點已自動停用，之後的事件不會再傳送。`,
          '請修復接收端後，到「管理中心 > Webhooks」重新啟用此端點，並可在傳送紀錄中重送失敗的事件。',
          '',
          'Hello,',
          `Every webhook delivery to ${row.url} has failed since ${since} (3 days), so the endpoint was disabled: no further events are sent to it.`,
          'Once the receiver is fixed, enable the endpoint again in Settings > Webhooks; failed deliveries can be retried from its delivery log.',
        ].join('\n'),
        headers: { 'x-webhook-endpoint-id': endpointId },
        messageId: `<webhook-disabled-${endpointId}-${Date.parse(disabledAt)}@e-ticket>`,
      });
      await sql(RECORD_SENT, [sent.messageId, key]);
      this.deps.log.info({ endpointId, messageId: sent.messageId }, 'webhook endpoint disabled: admins told');
    });
  }
}

/** The first EXCERPT_LENGTH characters of the answer, reading no more of it than that needs. */
async function readExcerpt(res: Response): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    while (bytes < EXCERPT_LENGTH * 4) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  return text ? [...text].slice(0, EXCERPT_LENGTH).join('') : null;
}

function describeFailure(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `timed out after ${ATTEMPT_TIMEOUT_MS / 1000} s`;
  const cause = err?.cause;
  const text = cause?.code ? `${cause.code}${cause.message ? `: ${cause.message}` : ''}` : (cause?.message ?? err?.message ?? String(e));
  return text.slice(0, EXCERPT_LENGTH);
}

/** At most `size` of the tasks given to `run` at a time; the others wait their turn. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
