import { inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createApp, type App } from '../src/app.js';
import { loadConfig, type AppConfig } from '../src/config.js';
import { copyDatabase } from '../src/common/db/test-database.js';

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  headers: Headers;
}

/** One actor talking to the API over real HTTP, like Vendure's adminClient/shopClient. */
export class GqlClient {
  token?: string;

  constructor(
    readonly url: string,
    readonly locale = 'zh-TW',
  ) {}

  async request<T = any>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GqlResult<T>> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': this.locale,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: GqlResult['errors'] };
    return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
  }

  /** Runs a query/mutation that must not fail at the GraphQL level; returns `data`. */
  async ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  async login(email: string, password: string): Promise<this> {
    const data = await this.ok(`mutation($i: AuthLoginInput!) { authLogin(input: $i) { token errors { code message } } }`, { i: { email, password } });
    if (!data.authLogin.token) throw new Error(`login failed for ${email}: ${JSON.stringify(data.authLogin.errors)}`);
    this.token = data.authLogin.token;
    return this;
  }
}

export interface TestApi {
  app: App;
  url: string;
  graphqlUrl: string;
  client(locale?: string): GqlClient;
  admin: GqlClient;
  clerk: GqlClient;
  shopper: GqlClient;
  anonymous: GqlClient;
  /** A fresh signed-in shopper with a unique email. */
  newShopper(overrides?: { name?: string; phone?: string }): Promise<GqlClient & { email: string }>;
  close(): Promise<void>;
}

/** Starts the API in this process on a free port, on its own copy of the run's migrated, seeded database. */
export async function startTestApi(overrides: Partial<AppConfig> = {}): Promise<TestApi> {
  const db = await copyDatabase(inject('databaseServerUrl'), inject('templateDatabase'));
  const databaseUrl = db.url;
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', ENABLE_TEST_CLOCK: '1' }, { databaseUrl, port: 0, logLevel: 'error', ...overrides });
  const app = await createApp(config);
  const port = await app.listen(0);
  const url = `http://127.0.0.1:${port}`;
  // No SPA server here: the shopper's return and the gateway's notifications come straight to the API.
  config.shopUrl = overrides.shopUrl ?? url;
  config.apiPublicUrl = overrides.apiPublicUrl ?? url;
  const graphqlUrl = `${url}/graphql`;
  const client = (locale?: string) => new GqlClient(graphqlUrl, locale);
  const api: TestApi = {
    app,
    url,
    graphqlUrl,
    client,
    admin: await client().login('admin@example.com', 'admin1234'),
    clerk: await client().login('clerk@example.com', 'clerk1234'),
    shopper: await client().login('shopper@example.com', 'shopper1234'),
    anonymous: client(),
    async newShopper(o = {}) {
      const email = `shopper-${randomUUID()}@example.com`;
      const c = client() as GqlClient & { email: string };
      c.email = email;
      const data = await c.ok(
        `mutation($i: CustomerRegisterInput!) { customerRegister(input: $i) { token errors { code message } } }`,
        { i: { email, password: 'password123', name: o.name ?? '測試買家', phone: o.phone ?? '0912000000' } },
      );
      if (!data.customerRegister.token) throw new Error(JSON.stringify(data.customerRegister.errors));
      c.token = data.customerRegister.token;
      return c;
    },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
  return api;
}

export function forbidden(result: GqlResult): boolean {
  return !!result.errors?.some((e) => e.extensions?.code === 'UNAUTHORIZED' || e.extensions?.code === 'UNAUTHENTICATED');
}
