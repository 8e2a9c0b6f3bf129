import fs from 'node:fs';
import path from 'node:path';
import { dropDatabase, ensureDatabaseExists, startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.js';

/** The repository root: the folder holding pnpm-workspace.yaml. */
export function repoRoot(from = process.cwd()): string {
  let dir = path.resolve(from);
  while (!fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from);
    dir = parent;
  }
  return dir;
}

export interface DatabaseServer {
  /** Server URL without the database name. */
  serverUrl: string;
  embedded?: RunningPostgres;
  stop(): Promise<void>;
}

/** DATABASE_URL's server when set; otherwise an embedded PostgreSQL keeping its data in `<repo>/.data/<name>`. */
export async function openDatabaseServer(name: string, log: (line: string) => void = () => {}): Promise<DatabaseServer> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const u = new URL(url);
    u.pathname = '';
    return { serverUrl: u.toString().replace(/\/$/, ''), stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres(path.join(repoRoot(), '.data', name), log);
  return { serverUrl: embedded.serverUrl, embedded, stop: () => embedded.stop() };
}

export function databaseNameOf(url: string | undefined, fallback: string): string {
  if (!url) return fallback;
  return new URL(url).pathname.replace(/^\//, '') || fallback;
}

export { ensureDatabaseExists, dropDatabase };
