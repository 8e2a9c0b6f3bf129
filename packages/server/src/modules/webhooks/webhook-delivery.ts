import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import type pg from 'pg';
import type { Clock } from '../../common/clock.js';
import { dateOrNull, inTransaction, poolSql, statement } from '../../common/db/sql.js';
import type { JobQueue } from '../../common/jobs/job-queue.js';
import type { Logger } from '../../common/logger.js';
import type { Mailer } from '../mail/mailer.js';
import { CLAIM as CLAIM_MAIL, RECORD_SENT } from '../mail/order-mail.job.js';
import { eventPayloadSql, JOB_WEBHOOK_DELIVER } from './webhook-events.js';
import { SECRET_PREFIX, type SecretBox } from './webhook-secret.js';

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
/**
 * First attempts in flight at once, from one dispatcher: events are claimed (their deliveries made, attempt 1
 * taken) only as slots free up, half of them at a time, so each attempt is POSTed as soon as it is taken (its
 * next time, 5 s on, is never spent waiting for a slot; whatever the receivers do, the batch is done within the
 * 10 s timeout, well before the sweep would send it again) and each claim statement serves many events.
 */
const FIRST_ATTEMPTS_IN_FLIGHT = 64;
/** Successes recorded per statement (fewer at the end of a run). */
const RECORD_BATCH = 32;
/** One dispatch run stops claiming after this long and hands over to the next at once (the job queue's stop waits for a run). */
const DISPATCH_RUN_MS = 3_000;
/** Every process that runs jobs looks at the outbox this often (an index probe when it is empty). */
export const DISPATCH_POLL_MS = 250;
/**
 * The dispatcher yields to the API as the job worker does (main.ts runs it niced), and further: each attempt
 * makes PostgreSQL and the receiver work too, at full priority, about as much again as the dispatcher itself.
 * While the CPUs are contended (the dispatcher's thread waited for one at least CONTENDED_AT of the time it
 * wanted to run) it pauses between claims so as to use at most CONTENDED_CPU_SHARE of the machine's CPU time:
 * at a peak, events wait in the outbox (committed; sent at that pace meanwhile, at full speed once the peak
 * passes) rather than slow the gates down. Never more than MAX_PAUSE_MS at once.
 */
const CONTENDED_AT = 0.5;
const CONTENDED_CPU_SHARE = 0.025;
const MAX_PAUSE_MS = 2_000;
/**
 * Attempts run side by side (they wait on other people's servers), but at most this many of them use a
 * database connection at once: the pool is the API's too when one process serves and runs jobs.
 */
const DB_SLOTS = 2;
/** Signing keys kept opened, by sealed secret (an endpoint's secret and, for a day after a rotation, its previous one); parsed URLs. */
const SIGNING_KEYS_CACHED = 64;
const UTF8 = new TextDecoder();
const CPUS = os.availableParallelism();

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
 * The dispatcher, in one statement: the oldest undispatched events (skipping any another replica holds), one
 * delivery per enabled endpoint subscribed to each, made with its first attempt already taken (as CLAIM takes
 * one: counted, its row written, the delivery due again `$3` ms on, so that an attempt sent but never recorded
 * is sent again by the sweep), and the events marked dispatched. No job per first attempt: the dispatcher
 * POSTs them itself. Each event's payload is made whole as it is taken (eventPayloadSql: the redeem statement
 * writes the least of it) and stored. The endpoints are locked (KEY SHARE) as they are read, so one deleted meanwhile is
 * skipped, not a foreign-key error. Answers the number of events taken, and what each attempt needs to be sent
 * (a single row of nulls beside the count when no delivery was made).
 */
const DISPATCH = statement(
  'webhook-dispatch',
  `with taken as (
     select id, type, payload, created_at from webhook_event where not dispatched order by created_at limit $1 for update skip locked
   ), ev as (
     select id, type, ${eventPayloadSql('taken')} as payload, created_at from taken
   ), d as (
     insert into webhook_delivery (id, event_id, endpoint_id, status, attempts, first_attempt_at, last_attempt_at, next_attempt_at, created_at)
     select gen_random_uuid(), ev.id, e.id, 'PENDING', 1, $2, $2, $2::timestamptz + $3::bigint * interval '1 millisecond', ev.created_at
       from ev join webhook_endpoint e on e.enabled and ev.type = any(e.events)
        for key share of e
     on conflict (event_id, endpoint_id) do nothing
     returning id, event_id, endpoint_id, first_attempt_at, next_attempt_at
   ), a as (
     insert into webhook_delivery_attempt (id, delivery_id, attempt, attempted_at) select gen_random_uuid(), d.id, 1, $2 from d returning id, delivery_id
   ), u as (
     update webhook_event w set dispatched = true, payload = ev.payload from ev where w.id = ev.id
   )
   select n.events, x.*
     from (select count(*)::int as events from ev) n
     left join (select d.id, d.endpoint_id, d.first_attempt_at, d.next_attempt_at, e.url, e.secret, e.previous_secret, e.previous_secret_expires_at, e.failing_since,
                       ev.id as event_id, ev.type, ev.payload, ev.created_at as event_created_at, a.id as attempt_id
                  from d join a on a.delivery_id = d.id join ev on ev.id = d.event_id join webhook_endpoint e on e.id = d.endpoint_id) x on true`,
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

/**
 * Many first attempts' 2xx at once (the dispatcher's): after LOCK_ENDPOINTS_SHARED in the same transaction,
 * the deliveries' rows, then their attempts' (the order deleting an endpoint takes them). Only for endpoints
 * that were not failing when the attempts were taken (else the endpoint's failure is cleared: the locked path).
 * The rows are found by `= any(ids)`: their primary keys, whatever the planner thinks of the tables' sizes.
 */
const RECORD_SUCCESSES = statement(
  'webhook-record-successes',
  `with o as (
     select * from unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::text[]) as o(delivery_id, attempt_id, status_code, duration_ms, excerpt)
   ), d as (
     update webhook_delivery d set status = 'SUCCEEDED', next_attempt_at = null where d.id = any($1::uuid[]) returning d.id
   )
   update webhook_delivery_attempt a set status_code = o.status_code, duration_ms = o.duration_ms, response_excerpt = o.excerpt, error = null
     from o join d on d.id = o.delivery_id where a.id = any($2::uuid[]) and a.id = o.attempt_id`,
);

/**
 * The endpoints of a batch of successes, before their deliveries: KEY SHARE, so an endpoint being deleted
 * (which locks it first) is waited for, never deadlocked with, while recordings of failures (NO KEY UPDATE)
 * and dispatching (the foreign key's KEY SHARE) go on beside it.
 */
const LOCK_ENDPOINTS_SHARED = statement('webhook-lock-endpoints-shared', `select id from webhook_endpoint where id = any($1::uuid[]) order by id for key share`);

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

/** A first attempt's 2xx, waiting to be recorded with others. */
interface Success {
  deliveryId: string;
  attemptId: string;
  endpointId: string;
  outcome: Outcome;
}

/**
 * B1 delivery, from whichever process runs jobs. The dispatcher makes the deliveries of new events with their
 * first attempts taken, in batches (one statement), POSTs them side by side and records their successes in
 * batches too (one statement); each later attempt (a retry, the sweep's, a manual one) is a job. An attempt is
 * taken (counted, the time of the next one set) before it is sent, POSTed with the Standard Webhooks headers,
 * then its outcome recorded; a failure queues the next attempt (startAfter). A crash between sending and
 * recording leaves the delivery due at that time, and the sweep sends it again: a duplicate with the same
 * `webhook-id`, never a loss. Jobs carry the attempt they make, so a duplicate job (a sweep, a manual retry)
 * finds its attempt taken and does nothing; a deleted endpoint's deliveries are gone, so their jobs do
 * nothing either.
 */
export class WebhookDeliverer {
  private readonly db = new Slots(DB_SLOTS);
  private readonly signingKeys = new Map<string, Buffer>();
  private readonly agents = new HttpPoster();
  private readonly contention = new CpuContention();

  constructor(
    private readonly deps: { pool: pg.Pool; jobs: JobQueue; clock: Clock; log: Logger; secrets: SecretBox; mailer: Mailer },
  ) {}

  /** One attempt (a job): taken, sent, recorded. */
  async attempt({ deliveryId, attempt }: DeliverJob): Promise<void> {
    const { pool, clock } = this.deps;
    const now = clock.now();
    const delay = RETRY_DELAYS_MS[attempt - 1] ?? LATER_DELAY_MS;
    const [claimed] = await this.db.run(() => poolSql(pool)<ClaimedAttempt>(CLAIM, [deliveryId, attempt, now, delay, RETRY_WINDOW_MS, LATER_DELAY_MS]));
    if (!claimed) return;
    const outcome = await this.post(claimed, now);
    if (outcome.ok && !claimed.failing_since) {
      await this.db.run(() => poolSql(pool)(RECORD_SUCCESS, [claimed.attempt_id, outcome.statusCode, outcome.durationMs, outcome.excerpt, deliveryId]));
      return;
    }
    await this.record(claimed, attempt, now, outcome);
  }

  /**
   * The outcome of attempt `attempt` taken at `now`, under the endpoint's lock: a failure (the next attempt
   * queued, or the delivery given up; the endpoint disabled after failing for 3 days), or a success after
   * failures (the endpoint's failure cleared).
   */
  private async record(claimed: ClaimedAttempt, attempt: number, now: Date, outcome: Outcome): Promise<void> {
    const { pool, jobs } = this.deps;
    const deliveryId = claimed.id;
    const final = now.getTime() - dateOrNull(claimed.first_attempt_at)!.getTime() >= RETRY_WINDOW_MS;
    const nextAt = dateOrNull(claimed.next_attempt_at)!;
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

  /**
   * First attempts' successes, in one transaction: the endpoints locked (KEY SHARE, in id order), then one
   * statement for all. Should it fail (the database away), each is recorded on its own; one that still cannot be
   * is left to the sweep (sent again: a duplicate, never a loss).
   */
  private async recordSuccesses(batch: Success[]): Promise<void> {
    const { pool, log } = this.deps;
    try {
      await this.db.run(() =>
        inTransaction(pool, async (sql) => {
          await sql(LOCK_ENDPOINTS_SHARED, [[...new Set(batch.map((s) => s.endpointId))]]);
          await sql(RECORD_SUCCESSES, [
            batch.map((s) => s.deliveryId),
            batch.map((s) => s.attemptId),
            batch.map((s) => s.outcome.statusCode),
            batch.map((s) => s.outcome.durationMs),
            batch.map((s) => s.outcome.excerpt),
          ]);
        }),
      );
    } catch (err) {
      log.warn({ err, deliveries: batch.length }, 'webhook successes not recorded together: recording them one by one');
      for (const s of batch) {
        await this.db
          .run(() => poolSql(pool)(RECORD_SUCCESS, [s.attemptId, s.outcome.statusCode, s.outcome.durationMs, s.outcome.excerpt, s.deliveryId]))
          .catch((e: unknown) => log.warn({ err: e, deliveryId: s.deliveryId }, 'webhook success not recorded: the sweep will send it again'));
      }
    }
  }

  /** The HMAC key of a stored (sealed) secret, opened once. */
  private signingKey(stored: string): Buffer {
    let key = this.signingKeys.get(stored);
    if (!key) {
      const secret = this.deps.secrets.open(stored);
      key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
      if (this.signingKeys.size >= SIGNING_KEYS_CACHED) this.signingKeys.clear();
      this.signingKeys.set(stored, key);
    }
    return key;
  }

  /** Standard Webhooks' `v1` signature: base64 of HMAC-SHA256 over `<id>.<timestamp>.<body>`. */
  private sign(stored: string, content: string): string {
    return `v1,${createHmac('sha256', this.signingKey(stored)).update(content).digest('base64')}`;
  }

  /**
   * The POST itself: 10 s for the whole exchange, no redirects followed, only a 2xx counts. Over node:http(s)
   * with keep-alive connections (an attempt costs the dispatcher little CPU: it shares the machine with the API).
   */
  private async post(d: ClaimedAttempt, now: Date): Promise<Outcome> {
    const body = webhookBody({ type: d.type, created_at: d.event_created_at, payload: d.payload });
    // The receiver checks the timestamp against its own clock (5 minutes' tolerance): wall-clock time, not the test clock.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const content = `${d.event_id}.${timestamp}.${body}`;
    const signatures = [this.sign(d.secret, content)];
    const previousUntil = dateOrNull(d.previous_secret_expires_at);
    if (d.previous_secret && previousUntil && previousUntil > now) signatures.push(this.sign(d.previous_secret, content));
    return this.agents.post(d.url, body, {
      'content-type': 'application/json',
      'user-agent': 'e-ticket-webhooks/1.0',
      'webhook-id': d.event_id,
      'webhook-timestamp': timestamp,
      'webhook-signature': signatures.join(' '),
    });
  }

  /**
   * Delivers new events' first attempts: claims events (DISPATCH: their deliveries made, attempt 1 taken) as
   * slots free up, POSTs each at once, records the successes RECORD_BATCH at a time and each failure on its own
   * (which queues the retry). Stops once the outbox is empty, or after DISPATCH_RUN_MS: then it answers true
   * (more to do: the poll runs it again at once). Under a burst, events wait in the outbox, not as jobs.
   */
  async dispatch(): Promise<boolean> {
    const { pool, clock, log } = this.deps;
    const sql = poolSql(pool);
    const until = Date.now() + DISPATCH_RUN_MS;
    const succeeded: Success[] = [];
    const recordings = new Set<Promise<void>>();
    const track = (p: Promise<void>) => {
      recordings.add(p);
      void p.finally(() => recordings.delete(p));
    };
    let successes = Promise.resolve();
    const flush = () => {
      if (!succeeded.length) return;
      const batch = succeeded.splice(0);
      successes = successes.then(() => this.recordSuccesses(batch));
      track(successes);
    };
    let inFlight = 0;
    let settled: (() => void) | null = null;
    const send = async (claimed: ClaimedAttempt, now: Date) => {
      try {
        let outcome: Outcome;
        try {
          outcome = await this.post(claimed, now);
        } catch (err) {
          // Sent or not, its outcome is unknown: the delivery stays due, and the sweep sends it again.
          log.warn({ err, deliveryId: claimed.id }, 'webhook attempt not recorded: the sweep will send it again');
          return;
        }
        if (outcome.ok && !claimed.failing_since) {
          succeeded.push({ deliveryId: claimed.id, attemptId: claimed.attempt_id, endpointId: claimed.endpoint_id, outcome });
          if (succeeded.length >= RECORD_BATCH) flush();
        } else {
          track(this.record(claimed, 1, now, outcome).catch((err: unknown) => log.warn({ err, deliveryId: claimed.id }, 'webhook attempt not recorded: the sweep will send it again')));
        }
      } finally {
        inFlight--;
        settled?.();
      }
    };

    const inFlightAtMost = async (n: number) => {
      while (inFlight > n) await new Promise<void>((resolve) => (settled = resolve));
      settled = null;
    };

    let more = true;
    let since = performance.now();
    let cpu = process.cpuUsage();
    this.contention.sample();
    try {
      while (more && Date.now() < until) {
        if (this.contention.sample() >= CONTENDED_AT) {
          // The CPU used since the last pause, spread over CONTENDED_CPU_SHARE of the machine: the pause that takes.
          const used = process.cpuUsage(cpu);
          const budgetMs = (used.user + used.system) / 1000 / (CONTENDED_CPU_SHARE * CPUS);
          const pause = Math.min(MAX_PAUSE_MS, budgetMs - (performance.now() - since));
          if (pause > 0) {
            flush();
            await sleep(pause);
          }
          this.contention.sample();
          since = performance.now();
          cpu = process.cpuUsage();
        }
        const room = FIRST_ATTEMPTS_IN_FLIGHT - inFlight;
        const now = clock.now();
        const rows = await this.db.run(() => sql<Partial<ClaimedAttempt> & { events: number }>(DISPATCH, [room, now, RETRY_DELAYS_MS[0]]));
        const events = rows[0]?.events ?? 0;
        more = events === room;
        for (const row of rows) {
          if (!row.id) continue;
          inFlight++;
          void send(row as ClaimedAttempt, now);
        }
        // Claim again once half the slots are free (the outbox empty: once all are, and stop).
        await inFlightAtMost(more ? FIRST_ATTEMPTS_IN_FLIGHT / 2 : 0);
      }
    } finally {
      // Whatever stopped the run, what was sent is recorded.
      await inFlightAtMost(0);
      flush();
      while (recordings.size) await Promise.all([...recordings]);
    }
    return more;
  }

  /**
   * Every minute (and when the test clock moves): queues the attempts that are due by the clock but have no
   * job (an outcome never recorded, or the test clock moved on); each job checks its attempt.
   */
  async sweep(): Promise<void> {
    const sql = poolSql(this.deps.pool);
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

/** POSTs over keep-alive connections (one pool per scheme; idle connections do not keep the process alive). */
class HttpPoster {
  private readonly http = new http.Agent({ keepAlive: true });
  private readonly https = new https.Agent({ keepAlive: true });
  /** Endpoints' URLs, parsed once (at most 20 endpoints, and a few URLs each over time). */
  private readonly urls = new Map<string, URL>();

  private parsed(url: string): URL {
    let parsed = this.urls.get(url);
    if (!parsed) {
      parsed = new URL(url);
      if (this.urls.size >= SIGNING_KEYS_CACHED) this.urls.clear();
      this.urls.set(url, parsed);
    }
    return parsed;
  }

  /**
   * Sends `body` to `url`; answers the status and the first EXCERPT_LENGTH characters of the answer (reading no
   * more of it than that needs), or why there was none. Never throws.
   */
  post(url: string, body: string, headers: Record<string, string>): Promise<Outcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    return new Promise<Outcome>((resolve) => {
      let done = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (outcome: Omit<Outcome, 'durationMs'>) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve({ ...outcome, durationMs: elapsed() });
      };
      const failed = (e: unknown) => finish({ ok: false, statusCode: null, excerpt: null, error: describeFailure(e) });
      let target: URL;
      try {
        target = this.parsed(url);
      } catch (e) {
        return failed(e);
      }
      const secure = target.protocol === 'https:';
      let req: http.ClientRequest;
      try {
        req = (secure ? https : http).request(target, {
          method: 'POST',
          agent: secure ? this.https : this.http,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        });
      } catch (e) {
        return failed(e);
      }
      timer = setTimeout(() => {
        failed(new AttemptTimeout());
        req.destroy();
      }, ATTEMPT_TIMEOUT_MS);
      req.on('error', failed);
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let bytes = 0;
        const answered = () => {
          const text = UTF8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
          finish({ ok: status >= 200 && status < 300, statusCode: status, excerpt: text ? [...text].slice(0, EXCERPT_LENGTH).join('') : null, error: null });
        };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          bytes += chunk.length;
          if (bytes >= EXCERPT_LENGTH * 4) {
            // Enough for the excerpt: the rest is not read (the connection is closed, not reused).
            answered();
            res.destroy();
          }
        });
        res.on('end', answered);
        res.on('error', failed);
      });
      req.end(body);
    });
  }
}

class AttemptTimeout extends Error {
  override readonly name = 'TimeoutError';
}

function describeFailure(e: unknown): string {
  const err = e as Error & { code?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `timed out after ${ATTEMPT_TIMEOUT_MS / 1000} s`;
  // A connection's failure (ECONNREFUSED, ENOTFOUND ...): its code, then what it says.
  const cause = err?.cause ?? err;
  const text = cause?.code ? `${cause.code}${cause.message ? `: ${cause.message}` : ''}` : (cause?.message ?? String(e));
  return text.slice(0, EXCERPT_LENGTH);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * How much this process was kept from a CPU while it wanted one, since the last sample (0 to 1): Linux's
 * schedstat of the main thread (time run, time waiting to run). Always 0 where there is none.
 */
class CpuContention {
  private last = CpuContention.read();

  private static read(): { ran: number; waited: number } | null {
    try {
      const [ran, waited] = readFileSync('/proc/self/schedstat', 'utf8').split(' ').map(Number);
      return ran! >= 0 && waited! >= 0 ? { ran: ran!, waited: waited! } : null;
    } catch {
      return null;
    }
  }

  sample(): number {
    const now = CpuContention.read();
    const last = this.last;
    this.last = now;
    if (!now || !last) return 0;
    const ran = now.ran - last.ran;
    const waited = now.waited - last.waited;
    return ran + waited > 0 ? waited / (ran + waited) : 0;
  }
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
