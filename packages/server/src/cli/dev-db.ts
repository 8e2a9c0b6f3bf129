/** Starts the dev database (embedded unless DATABASE_URL is set) and prints its URL; for migration:create. */
import { openDatabaseServer } from '../common/db/database.js';
import { ensureDatabaseExists } from '../common/db/postgres-admin.js';

const server = await openDatabaseServer('pg-dev', (l) => console.log(l));
const url = await ensureDatabaseExists(server.serverUrl, process.argv[2] ?? 'ticket_dev');
console.log(`DATABASE_URL=${url}`);
process.on('SIGINT', () => void server.stop().then(() => process.exit(0)));
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
