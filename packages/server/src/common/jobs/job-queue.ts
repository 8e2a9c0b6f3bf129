import type { EntityManager } from '@mikro-orm/postgresql';
import PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';

export const JOB_SCHEMA = 'jobs'; // pg-boss refuses schema names starting with pg_

export interface JobDefinition<T extends object> {
  name: string;
  /** Runs one job. Throwing makes pg-boss retry it later (with backoff). Handlers must be idempotent. */
  handle(data: T): Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A cron expression: the job is also scheduled, e.g. a sweep every minute. */
  cron?: string;
}

/**
 * A durable job queue on the same PostgreSQL (pg-boss). `enqueue` writes the job inside the caller's
 * transaction, so a side effect is queued if and only if the business change commits (a transactional outbox).
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private started = false;

  constructor(
    connectionString: string,
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

  async start(): Promise<void> {
    await this.boss.start();
    for (const def of this.definitions.values()) {
      await this.boss.createQueue(def.name, { name: def.name, retryLimit: def.retryLimit ?? 10, retryDelay: def.retryDelaySeconds ?? 5, retryBackoff: true });
      if (!this.runWorkers) continue;
      await this.boss.work<object>(def.name, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
        try {
          await def.handle(job!.data);
        } catch (err) {
          this.log.warn({ err, job: def.name, id: job!.id }, 'job failed; it will be retried');
          throw err;
        }
      });
      if (def.cron) await this.boss.schedule(def.name, def.cron, {}, { tz: 'Asia/Taipei' });
    }
    this.started = true;
  }

  /** Queues a job in the transaction of `em` (the caller's unit of work). */
  async enqueue<T extends object>(em: EntityManager, name: string, data: T, options: { startAfter?: Date; singletonKey?: string } = {}): Promise<void> {
    const def = this.definitions.get(name);
    if (!def) throw new Error(`unknown job ${name}`);
    // pg-boss's own insert, issued on our transaction's connection (pg-boss cannot join a MikroORM transaction).
    await em.getConnection().execute(
      `insert into ${JOB_SCHEMA}.job (name, data, start_after, singleton_key, retry_limit, retry_delay, retry_backoff, policy)
       select ?, ?::jsonb, ?, ?, q.retry_limit, q.retry_delay, q.retry_backoff, q.policy from ${JOB_SCHEMA}.queue q where q.name = ?`,
      [name, JSON.stringify(data), options.startAfter ?? new Date(0), options.singletonKey ?? null, name],
      'run',
      em.getTransactionContext(),
    );
  }

  /** Queues a job now, outside any transaction (e.g. a sweep asked for by the test clock). */
  async send<T extends object>(name: string, data: T): Promise<void> {
    await this.boss.send(name, data);
  }

  async stop(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: 5_000 });
  }
}
