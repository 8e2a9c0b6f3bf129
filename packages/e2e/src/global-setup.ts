import path from 'node:path';
import type http from 'node:http';
import type { TestProject } from 'vitest/node';
import { createApp, freePort, loadConfig, prepareTestDatabase, repoRoot, serveSpa, type App } from '@ticket/server';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    shopUrl: string;
    adminUrl: string;
    clerkUrl: string;
  }
}

let app: App | undefined;
let drop: (() => Promise<void>) | undefined;
const servers: http.Server[] = [];

async function listenSpa(name: string, apiUrl: string): Promise<string> {
  const server = await serveSpa({ distDir: path.join(repoRoot(), 'packages', name, 'dist'), port: 0, apiUrl, host: '127.0.0.1' });
  servers.push(server);
  const address = server.address();
  return `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
}

/** The product as a browser sees it: a fresh database, the API and the three built SPAs on free ports. */
export async function setup(project: TestProject): Promise<void> {
  const db = await prepareTestDatabase('test_browser');
  drop = db.drop;
  // The clerk URL goes into QR codes, so it must be known before the API starts: serve the clerk app first.
  const clerkUrl = `http://localhost:${await freePort()}`;
  const config = loadConfig(
    { ...process.env, NODE_ENV: 'test', ENABLE_TEST_CLOCK: '1', MAIL_DIR: path.join(repoRoot(), '.test-artifacts', 'mail') },
    { databaseUrl: db.url, port: 0, logLevel: 'error', clerkUrl },
  );
  app = await createApp(config);
  const apiUrl = `http://127.0.0.1:${await app.listen(0)}`;
  const clerkPort = Number(new URL(clerkUrl).port);
  servers.push(await serveSpa({ distDir: path.join(repoRoot(), 'packages', 'clerk', 'dist'), port: clerkPort, apiUrl, host: '127.0.0.1' }));
  project.provide('apiUrl', apiUrl);
  project.provide('clerkUrl', clerkUrl);
  project.provide('shopUrl', await listenSpa('shop', apiUrl));
  project.provide('adminUrl', await listenSpa('admin', apiUrl));
}

export async function teardown(): Promise<void> {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await app?.close();
  await drop?.();
}
