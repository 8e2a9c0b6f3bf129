import { randomUUID } from 'node:crypto';
import type { GqlClient, TestApi } from './harness.js';

/**
 * The actors of a "forbidden per role" case beside the seeded admin, clerk and shopper: an admin holding only
 * some permissions, and an API key with some scopes, each a signed-in client.
 */
export async function adminWith(api: TestApi, permissions: string[]): Promise<GqlClient> {
  const email = `admin-${randomUUID()}@example.com`;
  const data = await api.admin.ok(`mutation($i: StaffCreateInput!) { staffCreate(input: $i) { staff { id } errors { code message } } }`, {
    i: { email, password: 'password123', name: '部分權限管理者', role: 'ADMIN', permissions },
  });
  if (data.staffCreate.errors.length) throw new Error(JSON.stringify(data.staffCreate.errors));
  return api.client().login(email, 'password123');
}

export async function apiKeyWith(api: TestApi, scopes: string[]): Promise<GqlClient & { apiKeyId: string }> {
  const data = await api.admin.ok(`mutation($i: ApiKeyCreateInput!) { apiKeyCreate(input: $i) { secret apiKey { id } errors { code message } } }`, {
    i: { name: `整合 ${scopes.join(' ')}`, scopes },
  });
  if (data.apiKeyCreate.errors.length) throw new Error(JSON.stringify(data.apiKeyCreate.errors));
  const client = api.client() as GqlClient & { apiKeyId: string };
  client.token = data.apiKeyCreate.secret;
  client.apiKeyId = data.apiKeyCreate.apiKey.id;
  return client;
}
