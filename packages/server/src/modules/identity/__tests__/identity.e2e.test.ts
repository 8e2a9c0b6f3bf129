import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forbidden, startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';

const REGISTER = `mutation($i: CustomerRegisterInput!) { customerRegister(input: $i) { token user { id name } errors { code message field } } }`;
const LOGIN = `mutation($i: AuthLoginInput!) { authLogin(input: $i) { token viewer { id email role permissions } errors { code message field } } }`;
const LOGOUT = `mutation { authLogout { signedOut errors { code } } }`;
const VIEWER = `{ viewer { id email name role permissions } }`;
const STAFF_CREATE = `mutation($i: StaffCreateInput!) { staffCreate(input: $i) { staff { id email role permissions } errors { code message field } } }`;
const STAFF_PERMS = `mutation($i: StaffUpdatePermissionsInput!) { staffUpdatePermissions(input: $i) { staff { id permissions } errors { code message field } } }`;
const STAFF_DISABLE = `mutation($i: StaffDisableInput!) { staffDisable(input: $i) { staff { id disabledAt } errors { code message } } }`;
const STAFF_LIST = `{ staffMembers(first: 50) { totalCount edges { node { email role } } } }`;
const SETTINGS_UPDATE = `mutation($i: SettingsUpdateInput!) { settingsUpdate(input: $i) { settings { registrationEmailRequired autoCloseDays } errors { code message } } }`;

let api: TestApi;
let n = 0;
const unique = (prefix: string) => `${prefix}-${Date.now()}-${++n}@example.com`;

async function createStaff(role: 'ADMIN' | 'TICKET_CLERK', permissions?: string[]) {
  const email = unique(role.toLowerCase());
  const data = await api.admin.ok(STAFF_CREATE, { i: { email, password: 'password123', name: `${role} 測試`, role, permissions } });
  expect(data.staffCreate.errors).toEqual([]);
  return { id: data.staffCreate.staff.id as string, client: await api.client().login(email, 'password123') };
}

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

describe('customerRegister', () => {
  it('creates a shopper, signs them in and shows them as viewer', async () => {
    const email = unique('new');
    const data = await api.anonymous.ok(REGISTER, { i: { email, password: 'password123', name: '新顧客', phone: '0912345678' } });
    expect(data.customerRegister.errors).toEqual([]);
    const c = api.client();
    c.token = data.customerRegister.token;
    expect((await c.ok(VIEWER)).viewer).toMatchObject({ email, name: '新顧客', role: 'CUSTOMER', permissions: ['SHOPPER_ACCESS'] });
  });

  it('K6: refuses a registration without email while the setting requires one, and allows it when not', async () => {
    await api.admin.ok(SETTINGS_UPDATE, { i: { registrationEmailRequired: true } });
    try {
      const refused = await api.anonymous.ok(REGISTER, { i: { email: null, password: 'password123', name: '無信箱', phone: '0933111222' } });
      expect(refused.customerRegister.errors).toEqual([{ code: 'EMAIL_REQUIRED', message: '請填寫電子郵件', field: 'email' }]);
      expect(refused.customerRegister.token).toBeNull();
    } finally {
      await api.admin.ok(SETTINGS_UPDATE, { i: { registrationEmailRequired: false } });
    }
    const allowed = await api.anonymous.ok(REGISTER, { i: { email: null, password: 'password123', name: '無信箱', phone: '0933111223' } });
    expect(allowed.customerRegister.errors).toEqual([]);
  });

  it('refuses a taken email, a bad email and a short password, in the request language, creating nothing', async () => {
    const en = api.client('en');
    const taken = await en.ok(REGISTER, { i: { email: 'shopper@example.com', password: 'password123', name: 'x' } });
    expect(taken.customerRegister.errors).toEqual([{ code: 'EMAIL_TAKEN', message: 'This email address is already registered', field: 'email' }]);
    const bad = await en.ok(REGISTER, { i: { email: 'not-an-email', password: 'short', name: ' ' } });
    expect(bad.customerRegister.errors.map((e: { code: string }) => e.code).sort()).toEqual(['INVALID_EMAIL', 'NAME_REQUIRED', 'PASSWORD_TOO_SHORT']);
    const again = await en.ok(REGISTER, { i: { email: 'not-an-email', password: 'short', name: ' ' } });
    expect(again.customerRegister.errors.map((e: { code: string }) => e.code)).not.toContain('EMAIL_TAKEN');
  });
});

describe('authLogin / authLogout', () => {
  it('signs in with a bearer token and an HttpOnly cookie that also authenticates', async () => {
    const res = await fetch(api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
      body: JSON.stringify({ query: LOGIN, variables: { i: { email: 'shopper@example.com', password: 'shopper1234' } } }),
    });
    const body = (await res.json()) as any;
    expect(body.data.authLogin.token).toMatch(/^[\w-]{40,}$/);
    expect(body.data.authLogin.viewer.role).toBe('CUSTOMER');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const viaCookie = await fetch(api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:5173', cookie: cookie.split(';')[0]! },
      body: JSON.stringify({ query: VIEWER }),
    });
    expect(((await viaCookie.json()) as any).data.viewer.email).toBe('shopper@example.com');
    // Another SPA's origin does not see that session (cookie names are per origin).
    const otherOrigin = await fetch(api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:5174', cookie: cookie.split(';')[0]! },
      body: JSON.stringify({ query: VIEWER }),
    });
    expect(((await otherOrigin.json()) as any).data.viewer).toBeNull();
  });

  it('refuses a wrong password with INVALID_CREDENTIALS and no token', async () => {
    const data = await api.anonymous.ok(LOGIN, { i: { email: 'shopper@example.com', password: 'wrong-password' } });
    expect(data.authLogin).toMatchObject({ token: null, errors: [{ code: 'INVALID_CREDENTIALS', message: '帳號或密碼錯誤' }] });
  });

  it('S1: the clerk app refuses a shopper with WRONG_APP and a clear message; admins and clerks get in', async () => {
    const shopper = await api.anonymous.ok(LOGIN, { i: { email: 'shopper@example.com', password: 'shopper1234', app: 'CLERK' } });
    expect(shopper.authLogin.token).toBeNull();
    expect(shopper.authLogin.errors[0]).toMatchObject({ code: 'WRONG_APP', message: '此帳號無法登入核銷系統（僅限門市店員與管理者）' });
    for (const [email, password] of [['clerk@example.com', 'clerk1234'], ['admin@example.com', 'admin1234']]) {
      const ok = await api.anonymous.ok(LOGIN, { i: { email, password, app: 'CLERK' } });
      expect(ok.authLogin.errors).toEqual([]);
    }
    const clerkInAdmin = await api.anonymous.ok(LOGIN, { i: { email: 'clerk@example.com', password: 'clerk1234', app: 'ADMIN' } });
    expect(clerkInAdmin.authLogin.errors[0].code).toBe('WRONG_APP');
  });

  it('rate-limits failed sign-ins per account and address with TOO_MANY_ATTEMPTS and a wait time', async () => {
    const email = unique('victim');
    await api.anonymous.ok(REGISTER, { i: { email, password: 'password123', name: 'x' } });
    for (let i = 0; i < 10; i++) await api.anonymous.ok(LOGIN, { i: { email, password: 'guess' + i } });
    const blocked = await api.anonymous.ok(LOGIN, { i: { email, password: 'password123' } });
    expect(blocked.authLogin.token).toBeNull();
    expect(blocked.authLogin.errors[0].code).toBe('TOO_MANY_ATTEMPTS');
    expect(blocked.authLogin.errors[0].message).toMatch(/請 \d+ 秒後再試/);
  });

  it('authLogout ends the session at once', async () => {
    const c = await api.client().login('shopper@example.com', 'shopper1234');
    expect((await c.ok(VIEWER)).viewer).not.toBeNull();
    expect((await c.ok(LOGOUT)).authLogout).toEqual({ signedOut: true, errors: [] });
    expect((await c.ok(VIEWER)).viewer).toBeNull();
    expect((await api.anonymous.ok(LOGOUT)).authLogout.errors[0].code).toBe('NOT_SIGNED_IN');
  });
});

describe('staff (S1, S2, S4)', () => {
  it('staffCreate makes an admin with all admin permissions and a ticket clerk with the fixed clerk permissions', async () => {
    const admin = await createStaff('ADMIN');
    expect((await admin.client.ok(VIEWER)).viewer.permissions).toContain('STAFF_MANAGE');
    const clerk = await createStaff('TICKET_CLERK');
    expect((await clerk.client.ok(VIEWER)).viewer).toMatchObject({ role: 'TICKET_CLERK', permissions: ['TICKETS_READ', 'TICKETS_REDEEM'] });
    const list = await api.admin.ok(STAFF_LIST);
    expect(list.staffMembers.edges.map((e: { node: { role: string } }) => e.node.role)).not.toContain('CUSTOMER');
  });

  it('staffCreate refuses a customer role, a taken email and permissions for a clerk', async () => {
    const base = { password: 'password123', name: 'x' };
    const r1 = await api.admin.ok(STAFF_CREATE, { i: { ...base, email: unique('c'), role: 'CUSTOMER' } });
    expect(r1.staffCreate.errors.map((e: { code: string }) => e.code)).toEqual(['INVALID_ROLE']);
    const r2 = await api.admin.ok(STAFF_CREATE, { i: { ...base, email: 'admin@example.com', role: 'ADMIN' } });
    expect(r2.staffCreate.errors.map((e: { code: string }) => e.code)).toEqual(['EMAIL_TAKEN']);
    const r3 = await api.admin.ok(STAFF_CREATE, { i: { ...base, email: unique('c'), role: 'TICKET_CLERK', permissions: ['ORDERS_READ'] } });
    expect(r3.staffCreate.errors.map((e: { code: string }) => e.code)).toEqual(['STORE_USER_PERMISSIONS_IMMUTABLE']);
  });

  it("S1: a clerk's permissions can't be changed: STORE_USER_PERMISSIONS_IMMUTABLE, 門市用戶的權限無法修改", async () => {
    const clerk = await createStaff('TICKET_CLERK');
    const data = await api.admin.ok(STAFF_PERMS, { i: { staffId: clerk.id, permissions: ['TICKETS_READ'] } });
    expect(data.staffUpdatePermissions).toEqual({
      staff: null,
      errors: [{ code: 'STORE_USER_PERMISSIONS_IMMUTABLE', message: '門市用戶的權限無法修改', field: 'permissions' }],
    });
    expect((await clerk.client.ok(VIEWER)).viewer.permissions).toEqual(['TICKETS_READ', 'TICKETS_REDEEM']);
  });

  it("S4: an admin's permissions are editable and take effect on the next request", async () => {
    const other = await createStaff('ADMIN');
    expect((await other.client.request(STAFF_LIST)).errors).toBeUndefined();
    const data = await api.admin.ok(STAFF_PERMS, { i: { staffId: other.id, permissions: ['ORDERS_READ', 'TICKETS_READ'] } });
    expect(data.staffUpdatePermissions.staff.permissions).toEqual(['ORDERS_READ', 'TICKETS_READ']);
    expect(forbidden(await other.client.request(STAFF_LIST))).toBe(true);
  });

  it('staffUpdatePermissions refuses an unknown staff member, shopper permissions and removing one\'s own staff permission', async () => {
    const missing = await api.admin.ok(STAFF_PERMS, { i: { staffId: '00000000-0000-4000-8000-000000000000', permissions: [] } });
    expect(missing.staffUpdatePermissions.errors[0].code).toBe('STAFF_NOT_FOUND');
    const other = await createStaff('ADMIN');
    const shopperPerm = await api.admin.ok(STAFF_PERMS, { i: { staffId: other.id, permissions: ['SHOPPER_ACCESS'] } });
    expect(shopperPerm.staffUpdatePermissions.errors[0].code).toBe('INVALID_PERMISSION');
    const self = await other.client.ok(VIEWER);
    const selfLock = await other.client.ok(STAFF_PERMS, { i: { staffId: self.viewer.id, permissions: ['ORDERS_READ'] } });
    expect(selfLock.staffUpdatePermissions.errors[0].code).toBe('CANNOT_CHANGE_SELF');
  });

  it('S4: staffDisable ends the account\'s sessions at once and blocks sign-in', async () => {
    const clerk = await createStaff('TICKET_CLERK');
    const data = await api.admin.ok(STAFF_DISABLE, { i: { staffId: clerk.id } });
    expect(data.staffDisable.staff.disabledAt).toBeTruthy();
    expect((await clerk.client.ok(VIEWER)).viewer).toBeNull();
    const me = (await api.admin.ok(VIEWER)).viewer.id;
    expect((await api.admin.ok(STAFF_DISABLE, { i: { staffId: me } })).staffDisable.errors[0].code).toBe('CANNOT_DISABLE_SELF');
    expect((await api.admin.ok(STAFF_DISABLE, { i: { staffId: '00000000-0000-4000-8000-000000000000' } })).staffDisable.errors[0].code).toBe('STAFF_NOT_FOUND');
  });

  it('staff mutations are forbidden to clerks, shoppers, anonymous callers and API keys', async () => {
    const key = await api.admin.ok(`mutation { apiKeyCreate(input: {name: "pos", scopes: ["tickets:redeem", "orders:read"]}) { secret } }`);
    const integrator = api.client();
    integrator.token = key.apiKeyCreate.secret;
    const clerk = await createStaff('TICKET_CLERK');
    for (const actor of [api.clerk, api.shopper, api.anonymous, integrator]) {
      expect(forbidden(await actor.request(STAFF_CREATE, { i: { email: unique('x'), password: 'password123', name: 'x', role: 'ADMIN' } }))).toBe(true);
      expect(forbidden(await actor.request(STAFF_PERMS, { i: { staffId: clerk.id, permissions: [] } }))).toBe(true);
      expect(forbidden(await actor.request(STAFF_DISABLE, { i: { staffId: clerk.id } }))).toBe(true);
      expect(forbidden(await actor.request(STAFF_LIST))).toBe(true);
    }
    expect((await clerk.client.ok(VIEWER)).viewer).not.toBeNull();
  });
});

describe('API keys (I1)', () => {
  const CREATE = `mutation($i: ApiKeyCreateInput!) { apiKeyCreate(input: $i) { secret apiKey { id name prefix scopes } errors { code message field } } }`;
  const REVOKE = `mutation($i: ApiKeyRevokeInput!) { apiKeyRevoke(input: $i) { apiKey { revokedAt } errors { code } } }`;

  it('apiKeyCreate shows the secret once, stores only a hash, and the key authenticates with its scopes', async () => {
    const data = await api.admin.ok(CREATE, { i: { name: 'POS 收銀機', scopes: ['tickets:read', 'tickets:redeem'] } });
    const { secret, apiKey } = data.apiKeyCreate;
    expect(secret).toMatch(/^etk_/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    const rows = await api.app.orm.em.fork().getConnection().execute('select secret_hash from api_key where id = ?', [apiKey.id]);
    expect(rows[0].secret_hash).not.toContain(secret.slice(4));
    const listed = await api.admin.ok(`{ apiKeys { id } }`);
    expect(JSON.stringify(listed)).not.toContain(secret);
    const integrator = api.client();
    integrator.token = secret;
    expect((await integrator.ok(VIEWER)).viewer).toMatchObject({ role: 'INTEGRATION', name: 'POS 收銀機', permissions: ['TICKETS_READ', 'TICKETS_REDEEM'] });
  });

  it('apiKeyCreate refuses an unknown scope and an empty name', async () => {
    const data = await api.admin.ok(CREATE, { i: { name: ' ', scopes: ['tickets:read', 'everything'] } });
    expect(data.apiKeyCreate.errors.map((e: { code: string }) => e.code).sort()).toEqual(['INVALID_SCOPE', 'NAME_REQUIRED']);
    expect(data.apiKeyCreate.secret).toBeNull();
  });

  it('apiKeyRevoke stops the key at once; an unknown key is API_KEY_NOT_FOUND', async () => {
    const data = await api.admin.ok(CREATE, { i: { name: 'BI', scopes: ['orders:read'] } });
    const integrator: GqlClient = api.client();
    integrator.token = data.apiKeyCreate.secret;
    expect((await integrator.ok(VIEWER)).viewer).not.toBeNull();
    const revoked = await api.admin.ok(REVOKE, { i: { apiKeyId: data.apiKeyCreate.apiKey.id } });
    expect(revoked.apiKeyRevoke.apiKey.revokedAt).toBeTruthy();
    expect((await integrator.ok(VIEWER)).viewer).toBeNull();
    expect((await api.admin.ok(REVOKE, { i: { apiKeyId: '00000000-0000-4000-8000-000000000000' } })).apiKeyRevoke.errors[0].code).toBe('API_KEY_NOT_FOUND');
  });

  it('API key mutations are forbidden to clerks, shoppers, anonymous callers and API keys', async () => {
    const key = await api.admin.ok(CREATE, { i: { name: 'k', scopes: ['tickets:read'] } });
    const integrator = api.client();
    integrator.token = key.apiKeyCreate.secret;
    for (const actor of [api.clerk, api.shopper, api.anonymous, integrator]) {
      expect(forbidden(await actor.request(CREATE, { i: { name: 'x', scopes: ['tickets:read'] } }))).toBe(true);
      expect(forbidden(await actor.request(REVOKE, { i: { apiKeyId: key.apiKeyCreate.apiKey.id } }))).toBe(true);
    }
  });
});

describe('settings', () => {
  it('settingsUpdate changes settings, refuses out-of-range values and is forbidden to non-admins', async () => {
    const ok = await api.admin.ok(SETTINGS_UPDATE, { i: { autoCloseDays: 14 } });
    expect(ok.settingsUpdate.settings.autoCloseDays).toBe(14);
    const bad = await api.admin.ok(SETTINGS_UPDATE, { i: { autoCloseDays: 0, ticketFeeBasisPoints: 20000 } });
    expect(bad.settingsUpdate.errors.map((e: { code: string }) => e.code)).toEqual(['INVALID_AUTO_CLOSE_DAYS', 'INVALID_TICKET_FEE']);
    for (const actor of [api.clerk, api.shopper, api.anonymous]) {
      expect(forbidden(await actor.request(SETTINGS_UPDATE, { i: { autoCloseDays: 3 } }))).toBe(true);
    }
    await api.admin.ok(SETTINGS_UPDATE, { i: { autoCloseDays: 30 } });
  });
});
