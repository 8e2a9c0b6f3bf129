/** Applies pending migrations to DATABASE_URL, then (unless production or --no-seed) the demo data. */
import { MikroORM } from '@mikro-orm/postgresql';
import { SystemClock } from '../common/clock.js';
import { runMigrations } from '../common/db/migrate.js';
import { ormConfig } from '../mikro-orm.config.js';
import { seedDemoData } from '../seeders/demo.seeder.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const applied = await runMigrations(url);
console.log(`applied ${applied.length} migration(s)`);
if (process.env.NODE_ENV !== 'production' && !process.argv.includes('--no-seed')) {
  const orm = await MikroORM.init(ormConfig(url, 2));
  console.log((await seedDemoData(orm.em.fork(), new SystemClock())) ? 'demo data created' : 'demo data already present');
  await orm.close();
}
