import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { Pool } from 'undici';
import { freePort, prepareTestDatabase, repoRoot } from '@ticket/server';

export const say = (line: string) => console.log(`[bench] ${line}`);

/**
 * The product's default, one API process: on these 2 cores it shares the machine with PostgreSQL and this
 * load generator, and a second process measured slower (more context switches, colder caches).
 */
const API_WORKERS = process.env.API_WORKERS ?? '1';

/** A fresh database (migrated, seeded) and the API in its own process, as in production. */
export async function startServer(prefix: string): Promise<{ url: string; pool: pg.Pool; pid: number; stop(): Promise<void> }> {
  say('preparing a fresh database');
  const db = await prepareTestDatabase(prefix);
  const port = await freePort();
  const nodeArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, path.join(repoRoot(), 'packages', 'server', 'dist', 'main.js')], {
    // The shopper's return and the gateway's notifications come straight to this API (no SPA server here).
    env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), LOG_LEVEL: 'error', NODE_ENV: 'production', API_WORKERS, SHOP_URL: `http://127.0.0.1:${port}`, API_PUBLIC_URL: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 100) throw new Error('API did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  say(`API up at ${url} (pid ${child.pid}, ${API_WORKERS} worker processes)`);
  const pool = new pg.Pool({ connectionString: db.url, max: 70 });
  return {
    url,
    pool,
    pid: child.pid!,
    async stop() {
      await clients.get(url)?.close();
      clients.delete(url);
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await pool.end();
      await db.drop();
    },
  };
}

/** Users with ready sessions, written straight to the database (argon2 hashing 500 passwords would be the benchmark). */
export async function createUsers(pool: pg.Pool, count: number, role: 'CUSTOMER' | 'TICKET_CLERK'): Promise<string[]> {
  const tokens: string[] = [];
  const now = new Date();
  for (let i = 0; i < count; i++) {
    const token = randomBytes(32).toString('base64url');
    tokens.push(token);
    const id = randomUUID();
    await pool.query(`insert into app_user (id, email, name, phone, role, password_hash, created_at) values ($1, $2, $3, $4, $5, 'x', $6)`, [
      id,
      `bench-${role.toLowerCase()}-${id}@example.com`,
      `Bench ${i}`,
      `0900${String(i).padStart(6, '0')}`,
      role,
      now,
    ]);
    await pool.query(`insert into auth_session (id, token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4, $5)`, [
      randomUUID(),
      createHash('sha256').update(token).digest('hex'),
      id,
      now,
      new Date(now.getTime() + 86400_000),
    ]);
  }
  return tokens;
}

const clients = new Map<string, Pool>();

/** A GraphQL POST over undici's keep-alive pool: the lightest client at hand, so the load generator takes little of the CPU it shares with the server. */
export async function gql(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  let pool = clients.get(url);
  if (!pool) clients.set(url, (pool = new Pool(url, { connections: 512 })));
  const { body } = await pool.request({
    path: '/graphql',
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return body.json();
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summary(latenciesMs: number[], seconds: number): string {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return `${(latenciesMs.length / seconds).toFixed(0)}/s, p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms (n=${latenciesMs.length})`;
}

/** Runs `clients` loops of `task` for `seconds`; returns each call's latency in ms. */
export async function closedLoop(clients: number, seconds: number, task: (client: number, i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const start = performance.now();
        await task(client, i);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return latencies;
}
