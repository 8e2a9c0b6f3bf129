import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.js';

const SPA_ORIGIN = 'http://localhost:5173';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ corsOrigins: [SPA_ORIGIN] });
});
afterAll(async () => {
  await api?.close();
});

const post = (body: string, headers: Record<string, string> = {}) => fetch(api.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('/graphql over HTTP (served without Express)', () => {
  it('answers a query, echoes the caller\'s x-request-id and allows the configured SPA origin', async () => {
    const res = await post(JSON.stringify({ query: '{ __typename }' }), { origin: SPA_ORIGIN, 'x-request-id': 'gate-7' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('gate-7');
    expect(res.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers a CORS preflight from the SPA origin with 204, and gives other origins no CORS headers', async () => {
    const preflight = await fetch(api.graphqlUrl, { method: 'OPTIONS', headers: { origin: SPA_ORIGIN, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    const stranger = await post(JSON.stringify({ query: '{ __typename }' }), { origin: 'https://evil.example' });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sets the session cookie on sign-in (HttpOnly, SameSite=Strict)', async () => {
    const res = await post(JSON.stringify({ query: 'mutation { authLogin(input: { email: "shopper@example.com", password: "shopper1234" }) { token } }' }), { origin: SPA_ORIGIN });
    expect(res.headers.get('set-cookie')).toMatch(/^ets_sid_[0-9a-f]{10}=[^;]+;.*HttpOnly; SameSite=Strict/);
  });

  it('refuses a body that is not JSON (400) or larger than 1 MB (413), with a request id', async () => {
    const broken = await post('{"query":');
    expect(broken.status).toBe(400);
    expect(broken.headers.get('x-request-id')).toBeTruthy();
    const huge = await post(JSON.stringify({ query: `{ __typename } #${'x'.repeat(1_100_000)}` }));
    expect(huge.status).toBe(413);
  });

  it('keeps Apollo\'s CSRF prevention: a GET without a preflight-forcing header is refused', async () => {
    const plain = await fetch(`${api.graphqlUrl}?query=%7B__typename%7D`);
    expect(plain.status).toBe(400);
    const withHeader = await fetch(`${api.graphqlUrl}?query=%7B__typename%7D`, { headers: { 'apollo-require-preflight': '1' } });
    expect(await withHeader.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
