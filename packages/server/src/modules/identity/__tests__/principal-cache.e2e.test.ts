import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GqlClient, startTestApi, type TestApi } from '../../../../e2e/harness.js';
import { createApp, type App } from '../../../app.js';
import { sha256 } from '../../../common/auth/tokens.js';

const VIEWER = `{ viewer { id permissions } }`;
const LOGOUT = `mutation { authLogout { signedOut errors { code } } }`;
const STAFF_CREATE = `mutation($i: StaffCreateInput!) { staffCreate(input: $i) { staff { id } errors { code } } }`;
const STAFF_PERMS = `mutation($i: StaffUpdatePermissionsInput!) { staffUpdatePermissions(input: $i) { errors { code } } }`;
const STAFF_DISABLE = `mutation($i: StaffDisableInput!) { staffDisable(input: $i) { errors { code } } }`;

/**
 * Two API replicas on one database: A (the test API) and B. Sessions are cached per replica; a change made
 * through one must reach the other through the change notice sent on commit.
 */
let api: TestApi;
let replicaB: App;
let urlB: string;
let n = 0;

/** The same session, talking to replica B. */
function onB(client: GqlClient): GqlClient {
  const b = new GqlClient(urlB);
  b.token = client.token;
  return b;
}

/** Asks B until `done` holds; the notice travels after the commit, so "at once" is milliseconds here. */
async function untilOnB(client: GqlClient, done: (viewer: any) => boolean): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 2000) {
    if (done((await client.ok(VIEWER)).viewer)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('replica B never saw the change');
}

async function newAdmin(): Promise<{ id: string; client: GqlClient }> {
  const email = `cache-${Date.now()}-${++n}@example.com`;
  const data = await api.admin.ok(STAFF_CREATE, { i: { email, password: 'password123', name: '快取測試', role: 'ADMIN' } });
  return { id: data.staffCreate.staff.id, client: await api.client().login(email, 'password123') };
}

async function sessionRevokedBehindTheCachesBack(token: string): Promise<void> {
  await api.app.pool.query('update auth_session set revoked_at = now() where token_hash = $1', [sha256(token)]);
}

beforeAll(async () => {
  api = await startTestApi();
  replicaB = await createApp(api.app.config);
  urlB = `http://127.0.0.1:${await replicaB.listen(0)}/graphql`;
});
afterAll(async () => {
  await replicaB?.close();
  await api?.close();
});

describe('principal cache across replicas', () => {
  it('a session is reused without a query: a row revoked by hand (no notice) still answers until the cache entry ends', async () => {
    const shopper = await api.newShopper();
    const b = onB(shopper);
    expect((await b.ok(VIEWER)).viewer).not.toBeNull();
    await sessionRevokedBehindTheCachesBack(shopper.token!);
    expect((await b.ok(VIEWER)).viewer).not.toBeNull(); // cached on B: this is what AUTH_CACHE_SECONDS bounds
    expect((await shopper.ok(VIEWER)).viewer).toBeNull(); // A had not used the token yet, so it asks and is refused
  });

  it('S4: a logout through replica A ends the session on replica B, which had it cached', async () => {
    const shopper = await api.newShopper();
    const b = onB(shopper);
    expect((await b.ok(VIEWER)).viewer).not.toBeNull();
    expect((await shopper.ok(LOGOUT)).authLogout.signedOut).toBe(true);
    expect(await untilOnB(b, (viewer) => viewer === null)).toBeLessThan(2000);
  });

  it('S4: disabling an account through A ends its sessions on B; new permissions reach B too', async () => {
    const admin = await newAdmin();
    const b = onB(admin.client);
    expect((await b.ok(VIEWER)).viewer.permissions).toContain('REFUNDS_MANAGE');
    expect((await api.admin.ok(STAFF_PERMS, { i: { staffId: admin.id, permissions: ['ORDERS_READ'] } })).staffUpdatePermissions.errors).toEqual([]);
    await untilOnB(b, (viewer) => viewer.permissions.join() === 'ORDERS_READ');
    expect((await api.admin.ok(STAFF_DISABLE, { i: { staffId: admin.id } })).staffDisable.errors).toEqual([]);
    await untilOnB(b, (viewer) => viewer === null);
  });

  it('while the change listener is down nothing is cached, so a missed notice cannot keep a session alive', async () => {
    const shopper = await api.newShopper();
    const b = onB(shopper);
    expect((await b.ok(VIEWER)).viewer).not.toBeNull();
    // Cut every replica's listener; B forgets what it cached and asks the database until it listens again.
    await api.app.pool.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen %'`);
    await new Promise((r) => setTimeout(r, 100));
    await sessionRevokedBehindTheCachesBack(shopper.token!);
    expect((await b.ok(VIEWER)).viewer).toBeNull();
  });
});
