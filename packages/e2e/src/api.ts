import { inject } from 'vitest';

/** A tiny GraphQL client for arranging data through the API in browser tests (`apiUrl`: another API than the suite's). */
export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string, apiUrl: string = inject('apiUrl')): Promise<T> {
  const res = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

export async function tokenFor(email: string, password: string, apiUrl: string = inject('apiUrl')): Promise<string> {
  const data = await gql(`mutation($i: AuthLoginInput!) { authLogin(input: $i) { token errors { message } } }`, { i: { email, password } }, undefined, apiUrl);
  if (!data.authLogin.token) throw new Error(JSON.stringify(data.authLogin.errors));
  return data.authLogin.token;
}
