import type { EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';

/**
 * A statement on one connection with `$n` placeholders: the hot paths (checkout, settling a payment)
 * write SQL once and run it on a plain pg connection or inside a MikroORM unit of work's transaction.
 * On pg it is a named prepared statement, planned once per connection, so its text must not vary.
 */
export type Sql = <T = Record<string, unknown>>(statement: { name: string; text: string }, values?: unknown[]) => Promise<T[]>;

/** A statement's text, named after the function that owns it. */
export const statement = (name: string, text: string) => ({ name, text });

const onClient =
  (client: pg.Pool | pg.PoolClient): Sql =>
  async <T>(s: { name: string; text: string }, values: unknown[] = []) =>
    (await client.query({ name: s.name, text: s.text, values })).rows as T[];

/** Autocommit statements on the pool (each on whichever connection is free). */
export const poolSql = (pool: pg.Pool): Sql => onClient(pool);

/** Runs `work` in one transaction on one pooled connection; any throw rolls it back. */
export async function inClientTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (e) {
    await client.query('rollback').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** The same, for statements written as `Sql`. */
export const inTransaction = <T>(pool: pg.Pool, work: (sql: Sql) => Promise<T>): Promise<T> => inClientTransaction(pool, (client) => work(onClient(client)));

/** The same statements inside `em`'s transaction (knex takes `?` placeholders, in order). */
export const emSql =
  (em: EntityManager): Sql =>
  async <T>(s: { text: string }, values: unknown[] = []) => {
    const ordered: unknown[] = [];
    const text = s.text.replace(/\$(\d+)/g, (_, n: string) => {
      ordered.push(values[Number(n) - 1]);
      return '?';
    });
    return em.getConnection().execute<T[]>(text, ordered, 'all', em.getTransactionContext());
  };

/** A PostgreSQL array literal of uuids (or other values without commas, quotes or braces), for `= any($n::uuid[])`. */
export const pgArray = (values: string[]) => `{${values.join(',')}}`;

/** A timestamp as a row or its JSON gives it (Date, ISO string or null). */
export const dateOrNull = (value: unknown): Date | null => (value == null ? null : new Date(value as string | Date));
