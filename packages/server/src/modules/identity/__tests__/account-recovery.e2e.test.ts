import { createHash, randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../common/http/free-port.js';
import { eventually, parallel } from '../../../../e2e/fixtures.js';
import { forbidden, startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';
import { Inbox } from '../../../../e2e/inbox.js';

/** Issue 14, item 5 (B9): password reset by mail, and staff re-enable (S4). Real PostgreSQL, HTTP and SMTP. */

const REQUEST = `mutation($i: PasswordResetRequestInput!) { passwordResetRequest(input: $i) { accepted validMinutes errors { code message field } } }`;
const COMPLETE = `mutation($i: PasswordResetCompleteInput!) { passwordResetComplete(input: $i) { passwordChanged errors { code message field } } }`;
const LOGIN = `mutation($i: AuthLoginInput!) { authLogin(input: $i) { token errors { code } } }`;
const VIEWER = `{ viewer { id permissions } }`;
const STAFF_CREATE = `mutation($i: StaffCreateInput!) { staffCreate(input: $i) { staff { id } errors { code message } } }`;
const STAFF_DISABLE = `mutation($i: StaffDisableInput!) { staffDisable(input: $i) { staff { id disabledAt } errors { code } } }`;
const STAFF_ENABLE = `mutation($i: StaffEnableInput!) { staffEnable(input: $i) { staff { id disabledAt } errors { code message field } } }`;
const STAFF_LIST = `{ staffMembers(first: 100) { edges { node { id disabledAt } } } }`;
const KEY_CREATE = `mutation($i: ApiKeyCreateInput!) { apiKeyCreate(input: $i) { secret errors { code } } }`;
const ALL_ADMIN = ['CATALOG_MANAGE', 'ORDERS_READ', 'ORDERS_MANAGE', 'REFUNDS_MANAGE', 'TICKETS_READ', 'TICKETS_REDEEM', 'STAFF_MANAGE', 'API_KEYS_MANAGE', 'SETTINGS_MANAGE', 'REPORTS_READ'];

let api: TestApi;
let inbox: Inbox;

beforeAll(async () => {
  inbox = new Inbox(await freePort());
  await inbox.up();
  api = await startTestApi({ smtpUrl: `smtp://127.0.0.1:${inbox.port}` });
});
afterAll(async () => {
  await api?.close();
  await inbox?.down();
});

const uniqueEmail = (prefix: string) => `${prefix}-${randomUUID()}@example.com`;
/** A client address no other request uses (the test client is a trusted loopback proxy), so each test has its own limits. */
const newAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function requestReset(email: string, options: { app?: string; address?: string; client?: GqlClient } = {}) {
  const client = options.client ?? api.anonymous;
  const result = await client.request(REQUEST, { i: { email, app: options.app ?? 'SHOP' } }, { 'x-forwarded-for': options.address ?? newAddress() });
  expect(result.errors).toBeUndefined();
  return result.data.passwordResetRequest as { accepted: boolean; validMinutes: number; errors: { code: string; message: string; field: string | null }[] };
}

async function complete(token: string, newPassword: string, client: GqlClient = api.anonymous) {
  const result = await client.request(COMPLETE, { i: { token, newPassword } });
  expect(result.errors).toBeUndefined();
  return result.data.passwordResetComplete as { passwordChanged: boolean; errors: { code: string; message: string; field: string | null }[] };
}

const mailsTo = (email: string) => inbox.messages.filter((m) => (m.to as { text: string } | undefined)?.text === email);

/** The `n`th reset mail to `email` (1-based), once it has arrived. */
const resetMail = (email: string, n = 1): Promise<ParsedMail> => eventually(async () => mailsTo(email)[n - 1], 30_000);

function linkIn(mail: ParsedMail): { url: string; token: string } {
  const match = /(\S+\/reset-password\?token=([A-Za-z0-9_-]+))/.exec(mail.text ?? '');
  if (!match) throw new Error(`no reset link in: ${mail.text}`);
  return { url: match[1]!, token: match[2]! };
}

/** Waits until every reset-mail job for `email` has run (sent, or found no account to send to). */
async function jobsDone(email: string, count: number): Promise<void> {
  await eventually(async () => {
    const { rows } = await api.app.pool.query(`select state from jobs.job where name = 'mail.password-reset' and data->>'email' = $1`, [email]);
    return rows.length === count && rows.every((r) => r.state === 'completed');
  }, 30_000);
}

async function canSignIn(email: string, password: string): Promise<boolean> {
  const data = await api.client().ok(LOGIN, { i: { email, password } });
  return !!data.authLogin.token;
}

/** A new shopper and the token of a reset link mailed to them. */
async function shopperWithLink(): Promise<{ shopper: GqlClient & { email: string }; token: string }> {
  const shopper = await api.newShopper();
  expect((await requestReset(shopper.email)).accepted).toBe(true);
  return { shopper, token: linkIn(await resetMail(shopper.email)).token };
}

describe('passwordResetRequest (B9)', () => {
  it('B9: a request for an existing and for a missing email gets the same answer, in about the same time; only the account gets a mail', async () => {
    const shopper = await api.newShopper();
    const missing = uniqueEmail('nobody');
    const answers = { existing: [] as unknown[], missing: [] as unknown[] };
    const times = { existing: [] as number[], missing: [] as number[] };
    for (let i = 0; i < 3; i++) {
      for (const [kind, email] of [['existing', shopper.email], ['missing', missing]] as const) {
        const started = performance.now();
        answers[kind].push(await requestReset(email));
        times[kind].push(performance.now() - started);
      }
    }
    expect(answers.existing).toEqual(Array(3).fill({ accepted: true, validMinutes: 30, errors: [] }));
    expect(answers.missing).toEqual(answers.existing);
    // The request does the same work either way (limits, then the mail job): no account is read.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    expect(Math.abs(median(times.existing) - median(times.missing))).toBeLessThan(100);

    await jobsDone(shopper.email, 3);
    await jobsDone(missing, 3);
    expect(mailsTo(shopper.email)).toHaveLength(3);
    expect(mailsTo(missing)).toHaveLength(0);
  });

  it("B9: the mail arrives over SMTP with a link to the asking app's /reset-password page, valid 30 minutes; only the token's SHA-256 is stored", async () => {
    const shopper = await api.newShopper();
    const { config } = api.app;
    for (const [app, base, n] of [['SHOP', config.shopUrl, 1], ['ADMIN', config.adminUrl, 2], ['CLERK', config.clerkUrl, 3]] as const) {
      expect((await requestReset(shopper.email, { app })).accepted).toBe(true);
      const mail = await resetMail(shopper.email, n);
      expect(mail.subject).toBe('重設密碼 / Reset your password');
      const link = linkIn(mail);
      expect(link.url).toBe(`${base}/reset-password?token=${link.token}`);
      expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
      expect(mail.html).toContain(link.url.replace(/&/g, '&amp;'));
      expect(mail.text).toContain('30 分鐘');
      expect(mail.text).toContain('30 minutes');

      const { rows } = await api.app.pool.query(
        `select token_hash, app, extract(epoch from expires_at - created_at)::int as seconds from password_reset where token_hash = $1`,
        [sha256(link.token)],
      );
      expect(rows).toEqual([{ token_hash: sha256(link.token), app, seconds: 30 * 60 }]);
      const raw = await api.app.pool.query(
        `select (select count(*) from password_reset where token_hash = $1)::int + (select count(*) from jobs.job where data::text like '%' || $1 || '%')::int as n`,
        [link.token],
      );
      expect(raw.rows[0].n).toBe(0);
    }
  });

  it('B9: with the SMTP server down the link is mailed later, not lost, and its 30 minutes count from when it is sent', async () => {
    const shopper = await api.newShopper();
    await inbox.down();
    try {
      expect((await requestReset(shopper.email)).accepted).toBe(true);
      await eventually(async () => {
        const { rows } = await api.app.pool.query(`select state from jobs.job where name = 'mail.password-reset' and data->>'email' = $1`, [shopper.email]);
        return rows[0]?.state === 'retry';
      }, 30_000);
      const { rows } = await api.app.pool.query(`select count(*)::int as n from password_reset r join app_user u on u.id = r.user_id where u.email = $1`, [shopper.email]);
      expect(rows[0].n).toBe(0); // the failed attempt left no token behind
    } finally {
      await inbox.up();
    }
    const upAt = Date.now();
    const { token } = linkIn(await resetMail(shopper.email));
    const sent = await api.app.pool.query(`select created_at, expires_at from password_reset where token_hash = $1`, [sha256(token)]);
    expect(sent.rows[0].created_at.getTime()).toBeGreaterThanOrEqual(upAt - 1000);
    expect(sent.rows[0].expires_at.getTime() - sent.rows[0].created_at.getTime()).toBe(30 * 60_000);
    expect(await complete(token, 'after-the-outage')).toEqual({ passwordChanged: true, errors: [] });
    expect(mailsTo(shopper.email)).toHaveLength(1);
  }, 90_000);

  it('B9: a disabled account gets no mail and the same answer; a link mailed before it was disabled stops working', async () => {
    const email = uniqueEmail('staff');
    const created = await api.admin.ok(STAFF_CREATE, { i: { email, password: 'password123', name: '停用測試', role: 'TICKET_CLERK' } });
    const staffId = created.staffCreate.staff.id;
    await requestReset(email, { app: 'CLERK' });
    const { token } = linkIn(await resetMail(email));
    expect((await api.admin.ok(STAFF_DISABLE, { i: { staffId } })).staffDisable.errors).toEqual([]);

    expect(await requestReset(email, { app: 'CLERK' })).toEqual({ accepted: true, validMinutes: 30, errors: [] });
    await jobsDone(email, 2);
    expect(mailsTo(email)).toHaveLength(1);
    expect((await complete(token, 'new-password-1')).errors.map((e) => e.code)).toEqual(['INVALID_OR_EXPIRED_TOKEN']);
    expect((await api.admin.ok(STAFF_ENABLE, { i: { staffId } })).staffEnable.errors).toEqual([]);
    expect(await canSignIn(email, 'password123')).toBe(true);
  });

  it('B9: requests are rate-limited per email (from any address) and per address (for any email), alike for accounts and missing emails', async () => {
    const shopper = await api.newShopper();
    const missing = uniqueEmail('nobody');
    for (const email of [shopper.email, missing]) {
      for (let i = 0; i < 5; i++) expect((await requestReset(email)).accepted).toBe(true);
      const limited = await requestReset(email);
      expect(limited.accepted).toBe(false);
      expect(limited.errors).toHaveLength(1);
      expect(limited.errors[0]!.code).toBe('TOO_MANY_ATTEMPTS');
      expect(limited.errors[0]!.message).toMatch(/^申請次數過多，請 \d+ 秒後再試$/);
    }
    await jobsDone(shopper.email, 5);
    expect(mailsTo(shopper.email)).toHaveLength(5);

    const address = newAddress();
    for (let i = 0; i < 20; i++) expect((await requestReset(uniqueEmail('spray'), { address })).accepted).toBe(true);
    const en = api.client('en');
    const limited = await requestReset(uniqueEmail('spray'), { address, client: en });
    expect(limited.errors.map((e) => e.code)).toEqual(['TOO_MANY_ATTEMPTS']);
    expect(limited.errors[0]!.message).toMatch(/^Too many requests, try again in \d+ seconds$/);
    // Another address is not held back.
    expect((await requestReset(uniqueEmail('spray'))).accepted).toBe(true);
  });

  it('B9: a malformed email is INVALID_EMAIL and an overlong one INVALID_INPUT; neither queues a mail', async () => {
    expect(await requestReset('not-an-email')).toEqual({ accepted: false, validMinutes: 30, errors: [{ code: 'INVALID_EMAIL', message: '電子郵件格式不正確', field: 'email' }] });
    const long = `${'a'.repeat(300)}@example.com`;
    expect((await requestReset(long)).errors.map((e) => e.code)).toEqual(['INVALID_INPUT']);
    const { rows } = await api.app.pool.query(`select count(*)::int as n from jobs.job where name = 'mail.password-reset' and data->>'email' in ('not-an-email', $1)`, [long]);
    expect(rows[0].n).toBe(0);
  });
});

describe('passwordResetComplete (B9)', () => {
  it('B9: completing sets the new password (the old one fails, the new one works) and ends every other session of the account', async () => {
    const { shopper, token } = await shopperWithLink();
    const other = await api.client().login(shopper.email, 'password123');
    const stranger = await api.newShopper();
    expect((await other.ok(VIEWER)).viewer).not.toBeNull();

    expect(await complete(token, 'brand-new-secret')).toEqual({ passwordChanged: true, errors: [] });
    expect((await shopper.ok(VIEWER)).viewer).toBeNull();
    expect((await other.ok(VIEWER)).viewer).toBeNull();
    expect((await stranger.ok(VIEWER)).viewer).not.toBeNull();
    expect(await canSignIn(shopper.email, 'password123')).toBe(false);
    expect(await canSignIn(shopper.email, 'brand-new-secret')).toBe(true);
  });

  it("B9: completing from one of the account's own sessions keeps that session and ends the others", async () => {
    const { shopper, token } = await shopperWithLink();
    const other = await api.client().login(shopper.email, 'password123');
    expect(await complete(token, 'kept-session-pw', shopper)).toEqual({ passwordChanged: true, errors: [] });
    expect((await shopper.ok(VIEWER)).viewer).not.toBeNull();
    expect((await other.ok(VIEWER)).viewer).toBeNull();
  });

  it('B9: a link works once: used twice it is INVALID_OR_EXPIRED_TOKEN; the account\'s other links stop working too', async () => {
    const shopper = await api.newShopper();
    await requestReset(shopper.email);
    await requestReset(shopper.email);
    const first = linkIn(await resetMail(shopper.email, 1)).token;
    const second = linkIn(await resetMail(shopper.email, 2)).token;
    expect((await complete(second, 'first-new-pw')).passwordChanged).toBe(true);

    const again = await complete(second, 'second-new-pw');
    expect(again).toEqual({
      passwordChanged: false,
      errors: [{ code: 'INVALID_OR_EXPIRED_TOKEN', message: '此重設連結無效、已使用或已過期，請重新申請', field: 'token' }],
    });
    expect((await complete(first, 'third-new-pw')).errors.map((e) => e.code)).toEqual(['INVALID_OR_EXPIRED_TOKEN']);
    expect(await canSignIn(shopper.email, 'first-new-pw')).toBe(true);
    expect(await canSignIn(shopper.email, 'second-new-pw')).toBe(false);
  });

  it('B9: a link works for 30 minutes: 29 minutes on it still sets the password, 31 minutes on it is refused and changes nothing', async () => {
    const early = await shopperWithLink();
    const late = await shopperWithLink();
    const setClock = (minutes: number) =>
      api.admin.ok(`mutation($n: DateTime!) { testClockSet(input: { now: $n }) { now } }`, { n: new Date(Date.now() + minutes * 60_000).toISOString() });
    try {
      await setClock(29);
      expect(await complete(early.token, 'in-time-pw')).toEqual({ passwordChanged: true, errors: [] });
      await setClock(31);
      const en = api.client('en');
      expect(await complete(late.token, 'too-late-pw', en)).toEqual({
        passwordChanged: false,
        errors: [{ code: 'INVALID_OR_EXPIRED_TOKEN', message: 'This reset link is not valid, was already used or has expired: ask for a new one', field: 'token' }],
      });
    } finally {
      await setClock(0);
    }
    expect(await canSignIn(early.shopper.email, 'in-time-pw')).toBe(true);
    expect(await canSignIn(late.shopper.email, 'password123')).toBe(true);
    expect((await late.shopper.ok(VIEWER)).viewer).not.toBeNull();
  });

  it('B9: parallel completes with one link: exactly one wins, and its password is the one that works', async () => {
    const { shopper, token } = await shopperWithLink();
    const results = await parallel(6, (i) => complete(token, `parallel-pw-${i}`, api.client()));
    const winners = results.flatMap((r, i) => (r.passwordChanged ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.passwordChanged).flatMap((r) => r.errors.map((e) => e.code))).toEqual(Array(5).fill('INVALID_OR_EXPIRED_TOKEN'));
    for (let i = 0; i < 6; i++) expect(await canSignIn(shopper.email, `parallel-pw-${i}`)).toBe(i === winners[0]);
  });

  it('B9: a too-short password is PASSWORD_TOO_SHORT and leaves the link usable; a made-up token is INVALID_OR_EXPIRED_TOKEN; an overlong one INVALID_INPUT', async () => {
    const { shopper, token } = await shopperWithLink();
    expect(await complete(token, 'short')).toEqual({
      passwordChanged: false,
      errors: [{ code: 'PASSWORD_TOO_SHORT', message: '密碼至少需要 8 個字元', field: 'newPassword' }],
    });
    expect((await complete('A'.repeat(43), 'long-enough-pw')).errors.map((e) => e.code)).toEqual(['INVALID_OR_EXPIRED_TOKEN']);
    expect((await complete('not a token', 'short')).errors.map((e) => e.code)).toEqual(['INVALID_OR_EXPIRED_TOKEN', 'PASSWORD_TOO_SHORT']);
    expect((await complete('x'.repeat(300), 'long-enough-pw')).errors).toEqual([{ code: 'INVALID_INPUT', message: '「token」太長了（最多 100 個字）', field: 'token' }]);
    expect(await complete(token, 'long-enough-pw')).toEqual({ passwordChanged: true, errors: [] });
    expect(await canSignIn(shopper.email, 'long-enough-pw')).toBe(true);
  });

  it('B9: a staff account resets through the admin link and signs in to the admin console with the new password', async () => {
    const email = uniqueEmail('admin');
    expect((await api.admin.ok(STAFF_CREATE, { i: { email, password: 'password123', name: '重設測試', role: 'ADMIN', permissions: ['REPORTS_READ'] } })).staffCreate.errors).toEqual([]);
    await requestReset(email, { app: 'ADMIN' });
    const { url, token } = linkIn(await resetMail(email));
    expect(url.startsWith(`${api.app.config.adminUrl}/reset-password?token=`)).toBe(true);
    expect((await complete(token, 'admin-new-pw')).passwordChanged).toBe(true);
    const data = await api.client().ok(`mutation($i: AuthLoginInput!) { authLogin(input: $i) { token errors { code } } }`, { i: { email, password: 'admin-new-pw', app: 'ADMIN' } });
    expect(data.authLogin.token).toBeTruthy();
  });
});

describe('staffEnable (B9, S4)', () => {
  /** A new admin created by the owner with exactly `permissions`, signed in. */
  async function adminWith(permissions: string[]): Promise<{ id: string; email: string; client: GqlClient }> {
    const email = uniqueEmail('admin');
    const data = await api.admin.ok(STAFF_CREATE, { i: { email, password: 'password123', name: '啟用測試', role: 'ADMIN', permissions } });
    expect(data.staffCreate.errors).toEqual([]);
    return { id: data.staffCreate.staff.id, email, client: await api.client().login(email, 'password123') };
  }

  async function disabled(role: 'ADMIN' | 'TICKET_CLERK', permissions?: string[]): Promise<{ id: string; email: string }> {
    const email = uniqueEmail(role.toLowerCase());
    const data = await api.admin.ok(STAFF_CREATE, { i: { email, password: 'password123', name: '已停用', role, permissions } });
    const id = data.staffCreate.staff.id;
    expect((await api.admin.ok(STAFF_DISABLE, { i: { staffId: id } })).staffDisable.errors).toEqual([]);
    return { id, email };
  }

  it('S4/B9: staffEnable brings a disabled account back: it signs in again with its password and the list shows it enabled', async () => {
    const clerk = await disabled('TICKET_CLERK');
    expect(await canSignIn(clerk.email, 'password123')).toBe(false);
    const data = await api.admin.ok(STAFF_ENABLE, { i: { staffId: clerk.id } });
    expect(data.staffEnable).toEqual({ staff: { id: clerk.id, disabledAt: null }, errors: [] });
    expect(await canSignIn(clerk.email, 'password123')).toBe(true);
    const listed = (await api.admin.ok(STAFF_LIST)).staffMembers.edges.find((e: { node: { id: string } }) => e.node.id === clerk.id);
    expect(listed.node.disabledAt).toBeNull();
  });

  it('S4/B9: staffEnable refuses an unknown account, a shopper and an account that is not disabled (STAFF_NOT_FOUND, NOT_DISABLED)', async () => {
    const unknown = await api.admin.ok(STAFF_ENABLE, { i: { staffId: randomUUID() } });
    expect(unknown.staffEnable).toEqual({ staff: null, errors: [{ code: 'STAFF_NOT_FOUND', message: '找不到此管理者', field: 'staffId' }] });
    const shopperId = (await api.shopper.ok(VIEWER)).viewer.id;
    expect((await api.admin.ok(STAFF_ENABLE, { i: { staffId: shopperId } })).staffEnable.errors.map((e: { code: string }) => e.code)).toEqual(['STAFF_NOT_FOUND']);
    const active = await adminWith(['REPORTS_READ']);
    const en = api.client('en');
    en.token = api.admin.token;
    expect((await en.ok(STAFF_ENABLE, { i: { staffId: active.id } })).staffEnable.errors).toEqual([
      { code: 'NOT_DISABLED', message: 'This account is not disabled', field: 'staffId' },
    ]);
    expect((await api.admin.ok(STAFF_ENABLE, { i: { staffId: 'not-a-uuid' } })).staffEnable.errors.map((e: { code: string }) => e.code)).toEqual(['INVALID_INPUT']);
  });

  it('S4/B9: an admin cannot enable an account holding permissions it does not hold (PERMISSION_NOT_HELD), a clerk\'s fixed ones included', async () => {
    const manager = await adminWith(['STAFF_MANAGE', 'REPORTS_READ']);
    const full = await disabled('ADMIN', ALL_ADMIN);
    const refused = await manager.client.ok(STAFF_ENABLE, { i: { staffId: full.id } });
    expect(refused.staffEnable).toEqual({ staff: null, errors: [{ code: 'PERMISSION_NOT_HELD', message: '您沒有「CATALOG_MANAGE」權限，因此無法啟用此帳號', field: 'staffId' }] });
    const clerk = await disabled('TICKET_CLERK');
    expect((await manager.client.ok(STAFF_ENABLE, { i: { staffId: clerk.id } })).staffEnable.errors.map((e: { code: string }) => e.code)).toEqual(['PERMISSION_NOT_HELD']);
    expect(await canSignIn(full.email, 'password123')).toBe(false);
    expect(await canSignIn(clerk.email, 'password123')).toBe(false);
    // What the manager holds, it may bring back.
    const reports = await disabled('ADMIN', ['REPORTS_READ']);
    expect((await manager.client.ok(STAFF_ENABLE, { i: { staffId: reports.id } })).staffEnable.errors).toEqual([]);
  });

  it('S4/B9: staffEnable is forbidden to a clerk, a shopper, an anonymous caller, an admin without STAFF_MANAGE and an API key', async () => {
    const target = await disabled('ADMIN', ['REPORTS_READ']);
    const orders = await adminWith(['ORDERS_READ', 'API_KEYS_MANAGE']);
    const integrator = api.client();
    integrator.token = (await orders.client.ok(KEY_CREATE, { i: { name: 'bi', scopes: ['orders:read'] } })).apiKeyCreate.secret;
    for (const actor of [api.clerk, api.shopper, api.anonymous, orders.client, integrator]) {
      expect(forbidden(await actor.request(STAFF_ENABLE, { i: { staffId: target.id } }))).toBe(true);
    }
    expect(await canSignIn(target.email, 'password123')).toBe(false);
  });
});
