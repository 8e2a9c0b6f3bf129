/**
 * The API alone (docker, several replicas): migrations are applied by `cli/migrate`, not here.
 * This process starts API_WORKERS processes sharing the port (node:cluster; one by default, up to one
 * per core where PostgreSQL runs on other machines), and one job worker (unless RUN_JOBS=0), and
 * replaces any that dies. They agree through PostgreSQL alone (row locks, the job queue, the principal
 * cache's change notices).
 */
import cluster from 'node:cluster';
import os from 'node:os';
import { createApp } from './app.js';
import { createLogger } from './common/logger.js';
import { loadConfig } from './config.js';

const config = loadConfig();
if (!config.databaseUrl) throw new Error('DATABASE_URL is required');

/**
 * The job worker (confirmation mail, expiry, sweeps) yields the CPU to the processes answering
 * shoppers and clerks: at a flash sale the mails go out a few seconds later instead of slowing checkout.
 */
const JOB_WORKER_NICENESS = 10;

type Role = 'api' | 'jobs';

if (cluster.isPrimary) {
  const log = createLogger(config.logLevel);
  const roles = new Map<number, Role>();
  let stopping = false;
  // The test clock lives in one process's memory: with it, the (single) API process runs the jobs too.
  const apiRunsJobs = config.runJobs && config.testClockEnabled;
  const fork = (role: Role) => roles.set(cluster.fork({ WORKER_ROLE: role, RUN_JOBS: role === 'jobs' || apiRunsJobs ? '1' : '0' }).id, role);
  for (let i = 0; i < config.apiWorkers; i++) fork('api');
  if (config.runJobs && !apiRunsJobs) fork('jobs');
  cluster.on('exit', (worker, code) => {
    if (stopping) {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
      return;
    }
    const role = roles.get(worker.id) ?? 'api';
    roles.delete(worker.id);
    log.error({ worker: worker.process.pid, role, code }, 'worker exited; starting another');
    fork(role);
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  const role = process.env.WORKER_ROLE as Role;
  if (role === 'jobs') os.setPriority(JOB_WORKER_NICENESS);
  const app = await createApp(config);
  if (role === 'api') app.log.info({ port: await app.listen() }, 'API listening');
  else app.log.info('job worker running');
  let closing: Promise<void> | undefined;
  // A worker gets Ctrl-C's SIGINT and then the primary's SIGTERM: it closes once.
  const stop = () => (closing ??= app.close().then(() => process.exit(0)));
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
