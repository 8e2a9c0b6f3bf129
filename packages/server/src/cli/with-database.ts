/**
 * Runs a command with DATABASE_URL pointing at a PostgreSQL server: the one already in DATABASE_URL,
 * or an embedded one started for the run (data in .data/pg-test) and stopped after.
 * Usage: with-database <command> [args...]
 */
import { spawn } from 'node:child_process';
import { openDatabaseServer } from '../common/db/database.js';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-database <command> [args...]');
  process.exit(2);
}
const server = await openDatabaseServer('pg-test');
console.log(`[test] PostgreSQL at ${server.serverUrl.replace(/:[^:@/]+@/, ':***@')}`);
const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, DATABASE_URL: `${server.serverUrl}/postgres` } });
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', async (code, signal) => {
  await server.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
