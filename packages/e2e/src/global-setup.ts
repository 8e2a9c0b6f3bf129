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
    /**
     * P4: a second shop and API, on their own database, whose card simulator loses every 3-D Secure
     * notification (SIMULATOR_NOTIFY=drop): only the shopper's return or reconciliation settles there.
     */
    dropApiUrl: string;
    dropShopUrl: string;
  }
}

const apps: App[] = [];
const drops: (() => Promise<void>)[] = [];
const servers: http.Server[] = [];

async function listenSpa(name: string, apiUrl: string, port = 0): Promise<string> {
  const server = await serveSpa({ distDir: path.join(repoRoot(), 'packages', name, 'dist'), port, apiUrl, host: '127.0.0.1' });
  servers.push(server);
  const address = server.address();
  return `http://localhost:${typeof address === 'object' && address ? address.port : port}`;
}

/**
 * The API on a fresh database, with the shop served on a port known before it starts: the shopper comes
 * back from 3-D Secure to the shop (which forwards /payments to the API), and the simulator posts its
 * notifications to the API itself.
 */
async function startStack(prefix: string, env: NodeJS.ProcessEnv, clerkUrl: string): Promise<{ app: App; apiUrl: string; shopPort: number; shopUrl: string }> {
  const db = await prepareTestDatabase(prefix);
  drops.push(db.drop);
  const shopPort = await freePort();
  const shopUrl = `http://localhost:${shopPort}`;
  const config = loadConfig(
    { ...process.env, NODE_ENV: 'test', ENABLE_TEST_CLOCK: '1', MAIL_DIR: path.join(repoRoot(), '.test-artifacts', 'mail'), ...env },
    { databaseUrl: db.url, port: 0, logLevel: 'error', clerkUrl, shopUrl },
  );
  const app = await createApp(config);
  apps.push(app);
  const apiUrl = `http://127.0.0.1:${await app.listen(0)}`;
  // Read by the running app when it needs it (its port is only known now).
  config.apiPublicUrl = apiUrl;
  return { app, apiUrl, shopPort, shopUrl };
}

/** The product as a browser sees it: a fresh database, the API and the three built SPAs on free ports. */
export async function setup(project: TestProject): Promise<void> {
  // The clerk URL goes into QR codes, so it must be known before the API starts: serve the clerk app first.
  const clerkUrl = `http://localhost:${await freePort()}`;
  const main = await startStack('test_browser', {}, clerkUrl);
  const clerkPort = Number(new URL(clerkUrl).port);
  servers.push(await serveSpa({ distDir: path.join(repoRoot(), 'packages', 'clerk', 'dist'), port: clerkPort, apiUrl: main.apiUrl, host: '127.0.0.1' }));
  project.provide('apiUrl', main.apiUrl);
  project.provide('clerkUrl', clerkUrl);
  project.provide('shopUrl', await listenSpa('shop', main.apiUrl, main.shopPort));
  project.provide('adminUrl', await listenSpa('admin', main.apiUrl));

  const drop = await startStack('test_browser_drop', { SIMULATOR_NOTIFY: 'drop' }, clerkUrl);
  project.provide('dropApiUrl', drop.apiUrl);
  project.provide('dropShopUrl', await listenSpa('shop', drop.apiUrl, drop.shopPort));
}

export async function teardown(): Promise<void> {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  for (const app of apps) await app.close();
  for (const drop of drops) await drop();
}
