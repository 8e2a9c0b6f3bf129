/** The API alone (docker, several replicas): migrations are applied by `cli/migrate`, not here. */
import { createApp } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
const app = await createApp(config);
const port = await app.listen();
app.log.info({ port }, 'API listening');
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
