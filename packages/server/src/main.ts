/**
 * The API alone (docker, several replicas): migrations are applied by `cli/migrate`, not here.
 * API_WORKERS=n runs n processes sharing the port (node:cluster), one per core; they agree through
 * PostgreSQL alone (row locks, the job queue, the principal cache's change notices).
 */
import cluster from 'node:cluster';
import { createApp } from './app.js';
import { createLogger } from './common/logger.js';
import { loadConfig } from './config.js';

const config = loadConfig();
if (!config.databaseUrl) throw new Error('DATABASE_URL is required');

if (config.apiWorkers > 1 && cluster.isPrimary) {
  const log = createLogger(config.logLevel);
  let stopping = false;
  for (let i = 0; i < config.apiWorkers; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (stopping) {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
      return;
    }
    log.error({ worker: worker.process.pid, code }, 'API worker exited; starting another');
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  const app = await createApp(config);
  const port = await app.listen();
  app.log.info({ port }, 'API listening');
  let closing: Promise<void> | undefined;
  // A worker gets Ctrl-C's SIGINT and then the primary's SIGTERM: it closes once.
  const stop = () => (closing ??= app.close().then(() => process.exit(0)));
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
