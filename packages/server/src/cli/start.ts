/**
 * `npm start`: the database (embedded unless DATABASE_URL is set), migrations, demo data once, the API
 * and the three built SPAs. Ctrl-C stops everything, the database included.
 */
import { createApp } from '../app.js';
import { openDatabaseServer, repoRoot } from '../common/db/database.js';
import { databaseNameOf, ensureDatabaseExists } from '../common/db/postgres-admin.js';
import { runMigrations } from '../common/db/migrate.js';
import { loadConfig } from '../config.js';
import { DEMO_ACCOUNTS, seedDemoData } from '../seeders/demo.seeder.js';
import { serveAllSpas } from '../common/http/spa-server.js';

const say = (line: string) => console.log(`[start] ${line}`);

const root = repoRoot();
say('starting PostgreSQL' + (process.env.DATABASE_URL ? ' (DATABASE_URL)' : ' (embedded, data in .data/pg)'));
const dbServer = await openDatabaseServer('pg');
const databaseUrl = await ensureDatabaseExists(dbServer.serverUrl, databaseNameOf(process.env.DATABASE_URL, 'ticket'));

say('applying migrations');
const applied = await runMigrations(databaseUrl);
say(applied.length ? `applied ${applied.length} migration(s)` : 'schema up to date');

const config = loadConfig(process.env, { databaseUrl });
const app = await createApp(config);
if (!config.production) {
  const seeded = await seedDemoData(app.orm.em.fork(), app.clock);
  say(seeded ? 'demo data created' : 'demo data already present');
}
const apiPort = await app.listen(config.port);
const apiUrl = `http://localhost:${apiPort}`;

const spas = await serveAllSpas(root, apiUrl);

console.log(`
  API      ${apiUrl}/graphql   (health: ${apiUrl}/healthz)
  Shop     http://localhost:${spas[0]!.port}
  Admin    http://localhost:${spas[1]!.port}
  Clerk    http://localhost:${spas[2]!.port}
${config.production ? '' : `\n  Demo sign-ins:\n${DEMO_ACCOUNTS.map((a) => `    ${a.role.padEnd(13)} ${a.email} / ${a.password}`).join('\n')}\n`}
  Ctrl-C stops everything.
`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping`);
  await Promise.all(spas.map((s) => new Promise((r) => s.server.close(r))));
  await app.close();
  await dbServer.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
