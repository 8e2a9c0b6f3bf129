import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { emSql, statement, type Sql } from '../db/sql.js';
import type { Logger } from '../logger.js';

export const JOB_SCHEMA = 'jobs'; // pg-boss refuses schema names starting with pg_

const JOB_BATCH_SIZE = 20;

const INSERT_JOB = statement(
  'job-insert',
  `insert into ${JOB_SCHEMA}.job (name, data, start_after, singleton_key, retry_limit, retry_delay, retry_backoff, policy)
   select $1, $2::jsonb, $3, $4, q.retry_limit, q.retry_delay, q.retry_backoff, q.policy from ${JOB_SCHEMA}.queue q where q.name = $1`,
);

export interface JobDefinition<T extends object> {
  name: string;
  /** Runs one job. Throwing makes pg-boss retry it later (with backoff). Handlers must be idempotent. */
  handle(data: T): Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A cron expression: the job is also scheduled, e.g. a sweep every minute. */
  cron?: string;
  /** The jobs of a fetched batch run side by side, not one after another (handlers that mostly wait on the network). */
  concurrent?: boolean;
  /** How many jobs one fetch takes (default 20): with `concurrent`, how many run at once. */
  batchSize?: number;
  /** pg-boss's queue policy: `short` keeps at most one job waiting (a wake-up that many callers may ask for). */
  policy?: 'standard' | 'short';
}

/**
 * A task each process that runs jobs repeats while the queue runs (not a job: nothing is queued or stored),
 * e.g. polling an outbox: a change written in a busy transaction then costs that transaction nothing to announce.
 */
export interface LoopDefinition {
  name: string;
  /** The pause after a run (none when the run answers true: it stopped with more to do). */
  everyMs: number;
  /** One run; keep it short (stop() waits for it). A throw is logged, and the loop goes on. */
  run(): Promise<boolean | void>;
}

/**
 * A durable job queue on the same PostgreSQL (pg-boss). `enqueue` writes the job inside the caller's
 * transaction, so a side effect is queued if and only if the business change commits (a transactional outbox).
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private readonly loops: LoopDefinition[] = [];
  private readonly loopTimers = new Set<NodeJS.Timeout>();
  private readonly loopRuns = new Set<Promise<void>>();
  private stopping = false;
  private started = false;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
    private readonly runWorkers: boolean,
  ) {
    this.boss = new PgBoss({ connectionString, schema: JOB_SCHEMA, max: 4, supervise: runWorkers, schedule: runWorkers });
    this.boss.on('error', (err: Error & { code?: string }) => {
      // 57P01: the database is shutting down (Ctrl-C stops it together with us).
      if (err.code === '57P01') return;
      this.log.error({ message: err.message, code: err.code }, 'job queue error');
    });
  }

  define<T extends object>(definition: JobDefinition<T>): void {
    this.definitions.set(definition.name, definition as JobDefinition<object>);
  }

  /** A loop every process that runs jobs repeats from start() to stop(). */
  defineLoop(loop: LoopDefinition): void {
    this.loops.push(loop);
  }

  async start(): Promise<void> {
    // pg-boss's own start makes a queue too (its scheduler's, in the process that schedules): same lock.
    await this.oneAtATime(async () => {
      await this.boss.start();
      await this.createQueues();
    });
    if (this.runWorkers) await this.startWorkers();
    this.started = true;
  }

  private async startWorkers(): Promise<void> {
    for (const def of this.definitions.values()) {
      // pg-boss waits the polling interval between fetches even when it found work, so each fetch takes
      // a batch (a flash sale's confirmation mails go out in seconds, not one per interval). Each job of
      // it succeeds or fails on its own: a failed one is marked for retry here; pg-boss then completes
      // only those still active.
      const run = async (job: PgBoss.Job<object>) => {
        try {
          await def.handle(job.data);
        } catch (err) {
          this.log.warn({ err, job: def.name, id: job.id }, 'job failed; it will be retried');
          await this.boss.fail(def.name, job.id, { message: err instanceof Error ? err.message : String(err) });
        }
      };
      await this.boss.work<object>(def.name, { pollingIntervalSeconds: 0.5, batchSize: def.batchSize ?? JOB_BATCH_SIZE }, async (batch) => {
        if (def.concurrent) await Promise.all(batch.map(run));
        else for (const job of batch) await run(job);
      });
      if (def.cron) await this.boss.schedule(def.name, def.cron, {}, { tz: 'Asia/Taipei' });
    }
    for (const loop of this.loops) this.runLoop(loop);
  }

  private runLoop(loop: LoopDefinition): void {
    if (this.stopping) return;
    const run = (async () => {
      let again = false;
      try {
        again = (await loop.run()) === true;
      } catch (err) {
        this.log.warn({ err, loop: loop.name }, 'job loop run failed; it runs again');
      }
      if (this.stopping) return;
      const timer = setTimeout(
        () => {
          this.loopTimers.delete(timer);
          this.runLoop(loop);
        },
        again ? 0 : loop.everyMs,
      );
      timer.unref();
      this.loopTimers.add(timer);
    })();
    this.loopRuns.add(run);
    void run.finally(() => this.loopRuns.delete(run));
  }

  /**
   * One process at a time: pg-boss makes a table partition per new queue, and processes starting
   * together on a fresh database (API workers, replicas) deadlocked doing it at once.
   */
  private async oneAtATime(work: () => Promise<void>): Promise<void> {
    const lock = new pg.Client({ connectionString: this.connectionString });
    await lock.connect();
    try {
      await lock.query('select pg_advisory_lock(hashtext($1))', ['jobs:create-queues']);
      await work();
    } finally {
      await lock.end(); // the session's end releases the lock
    }
  }

  private async createQueues(): Promise<void> {
    for (const def of this.definitions.values()) {
      await this.boss.createQueue(def.name, { name: def.name, retryLimit: def.retryLimit ?? 10, retryDelay: def.retryDelaySeconds ?? 5, retryBackoff: true, policy: def.policy ?? 'standard' });
    }
  }

  /** Queues a job in the transaction of `em` (the caller's unit of work). */
  enqueue<T extends object>(em: EntityManager, name: string, data: T, options: { startAfter?: Date; singletonKey?: string } = {}): Promise<void> {
    return this.enqueueSql(emSql(em), name, data, options);
  }

  /** Queues a job in the transaction `sql` runs in. */
  async enqueueSql<T extends object>(sql: Sql, name: string, data: T, options: { startAfter?: Date; singletonKey?: string } = {}): Promise<void> {
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    // pg-boss's own insert, issued on our transaction's connection (pg-boss cannot join our transactions).
    await sql(INSERT_JOB, [name, JSON.stringify(data), options.startAfter ?? new Date(0), options.singletonKey ?? null]);
  }

  /** Queues a job now, outside any transaction (e.g. a sweep asked for by the test clock). */
  async send<T extends object>(name: string, data: T): Promise<void> {
    await this.boss.send(name, data);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.loopTimers) clearTimeout(timer);
    this.loopTimers.clear();
    await Promise.all([...this.loopRuns]);
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: 5_000 });
  }
}
