import { vi, afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeError } from '../src/common/logger.js';
import { serveSpa } from '../src/common/http/spa-server.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startTestApi, type TestApi } from './harness.js';

let api: TestApi;
let production: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  production = await startTestApi({ testClockEnabled: false, production: true });
});
afterAll(async () => {
  await api?.close();
  await production?.close();
});

const register = `mutation($i: CustomerRegisterInput!) { customerRegister(input: $i) { token errors { code field message } } }`;
const longName = '名'.repeat(300);

describe('issue 16.1: bad input gets a typed error, and database text never reaches the client', () => {
  it('S: an anonymous customerRegister with a 300-character name is INVALID_INPUT and creates no account', async () => {
    const email = `long-${Date.now()}@example.com`;
    const result = await api.anonymous.request(register, { i: { email, password: 'password123', name: longName, phone: '0912345678' } });
    expect(result.errors).toBeUndefined();
    expect(result.data.customerRegister.errors).toEqual([{ code: 'INVALID_INPUT', field: 'name', message: '「name」太長了（最多 255 個字）' }]);
    expect(result.data.customerRegister.token).toBeNull();
    const rows = await api.app.pool.query('select 1 from app_user where email = $1', [email]);
    expect(rows.rowCount).toBe(0);
  });

  it('S: productCreate and apiKeyCreate with over-long names answer INVALID_INPUT, not the insert statement', async () => {
    const product = await api.admin.ok(
      `mutation($i: ProductCreateInput!) { productCreate(input: $i) { product { id } errors { code field } } }`,
      { i: { kind: 'TICKET', title: longName, variants: [{ name: '全票', price: 100 }] } },
    );
    expect(product.productCreate).toEqual({ product: null, errors: [{ code: 'INVALID_INPUT', field: 'title' }] });
    const key = await api.admin.ok(`mutation($i: ApiKeyCreateInput!) { apiKeyCreate(input: $i) { secret errors { code field } } }`, {
      i: { name: longName, scopes: ['tickets:read'] },
    });
    expect(key.apiKeyCreate).toEqual({ secret: null, errors: [{ code: 'INVALID_INPUT', field: 'name' }] });
  });

  it('C1: a price above the bound is refused before it can overflow a sum', async () => {
    const product = await api.admin.ok(
      `mutation($i: ProductCreateInput!) { productCreate(input: $i) { product { id } errors { code field } } }`,
      { i: { kind: 'TICKET', title: '太貴', variants: [{ name: '全票', price: 2_000_000_000 }] } },
    );
    expect(product.productCreate.errors).toEqual([{ code: 'INVALID_INPUT', field: 'variants.0.price' }]);
  });

  it('S3: a malformed id is refused as input (typed on a mutation, BAD_USER_INPUT on a query), never parsed by the database', async () => {
    const update = await api.admin.ok(`mutation { productArchive(input: { id: "1 or 1=1" }) { errors { code field } } }`);
    expect(update.productArchive.errors).toEqual([{ code: 'INVALID_INPUT', field: 'id' }]);
    const query = await api.admin.request(`{ order(id: "not-an-id") { id } }`);
    expect(query.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('an unexpected database error answers a generic message with the request id; the log keeps neither the statement nor the hash', async () => {
    const pool = api.app.pool;
    const errorLog = vi.spyOn(api.app.log, 'error');
    // The database refuses what no input bound foresaw: the server must not echo its statement.
    await pool.query(`alter table app_user add constraint test_short_name check (char_length(name) < 5) not valid`);
    try {
      const email = `boom-${Date.now()}@example.com`;
      const result = await api.anonymous.request(register, { i: { email, password: 'password123', name: '一個很長的名字', phone: '0912345679' } }, { 'x-request-id': 'req-boom' });
      const body = JSON.stringify(result);
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-boom' });
      expect(result.errors?.[0]?.message).toMatch(/request id/);
      expect(body).not.toMatch(/insert|argon2|app_user|test_short_name/i);
      const logged = errorLog.mock.calls.map(([fields]) => JSON.stringify(safeError((fields as { err: unknown }).err)) + JSON.stringify({ ...(fields as object), err: undefined }));
      expect(logged.join('\n')).toMatch(/test_short_name/);
      expect(logged.join('\n')).toMatch(/req-boom/);
      expect(logged.join('\n')).not.toMatch(/argon2|insert into/i);
    } finally {
      errorLog.mockRestore();
      await pool.query(`alter table app_user drop constraint test_short_name`);
    }
  });
});

describe('issue 16.7: lesser defences', () => {
  it('a query over the token limit answers 400, not 500', async () => {
    const fields = Array.from({ length: 2500 }, () => '__typename').join(' ');
    const result = await api.anonymous.request(`{ ${fields} }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/token/i);
  });

  it('in production, anonymous introspection is refused; a signed-in admin still introspects', async () => {
    const query = `{ a: __schema { types { name } } }`;
    const anonymous = await production.anonymous.request(query);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(anonymous.data ?? null).toBeNull();
    const admin = await production.admin.request(query);
    expect(admin.errors).toBeUndefined();
    expect(admin.data.a.types.length).toBeGreaterThan(10);
    expect((await production.anonymous.request(`{ __type(name: "Order") { name } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('C1: a product image address must be http(s); javascript: is refused', async () => {
    const result = await api.admin.ok(
      `mutation($i: ProductCreateInput!) { productCreate(input: $i) { product { id } errors { code field } } }`,
      { i: { kind: 'TICKET', title: '圖片', images: ['https://example.com/a.png', 'javascript:alert(1)'], variants: [{ name: '全票', price: 100 }] } },
    );
    expect(result.productCreate).toEqual({ product: null, errors: [{ code: 'INVALID_IMAGE_URL', field: 'images.1' }] });
  });

  it('the API and the SPA server forbid framing', async () => {
    const res = await fetch(`${api.url}/healthz`);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'spa-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>t</title>');
    const server = await serveSpa({ distDir: dist, port: 0, apiUrl: api.url, host: '127.0.0.1' });
    try {
      const page = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    } finally {
      server.close();
      fs.rmSync(dist, { recursive: true });
    }
  });

  it('testClockSet needs an admin even when the test clock is enabled', async () => {
    const query = `mutation { testClockSet(input: { now: "2030-01-02T03:04:05Z" }) { now } }`;
    expect((await api.anonymous.request(query)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.shopper.request(query)).errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED');
    expect((await api.clerk.request(query)).errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED');
    expect(api.app.clock.now().getUTCFullYear()).toBeLessThan(2030);
  });
});
