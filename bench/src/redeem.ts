/**
 * bench/redeem: 64 clerks redeeming distinct codes for 20 s over HTTP (and 16), against a baseline in the
 * same run: the same transaction (BEGIN, guarded UPDATE, INSERT, COMMIT) through a bare pg pool. Then the
 * 64 clerks without and with 10 live gate-count subscribers (B2, graphql-ws over the API's /graphql: 5 admin
 * boards, 5 clerks' own counts) in alternated rounds: with them it must stay within 10% of without. Then the
 * hot-code case: every clerk on one code of large quantity. Last, B1: 64 clerks without and with one webhook endpoint
 * subscribed to ticket_code.redeemed (a local receiver answering 200), alternated in 3 rounds so that a busy
 * machine's drift falls on both alike; with must stay within 10% of without. The API is warmed up first
 * (not measured). ONLY=webhook runs the warm-up and the B1 phase alone (a quicker check of webhook delivery).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import { cpuMeter } from './cpu.js';
import { insertCodes } from './fixtures.js';
import { closedLoop, createUsers, gql, say, startServer, summary } from './harness.js';

const SECONDS = Number(process.env.SECONDS ?? 20);
/** The API's first seconds run unoptimised code (JIT); a running gate's API is long past them. */
const WARM_UP_SECONDS = Number(process.env.WARM_UP_SECONDS ?? 10);
/** `webhook`: only the B1 phase (after the warm-up); unset: every phase. */
const ONLY = process.env.ONLY;
if (ONLY && ONLY !== 'webhook') throw new Error(`ONLY=${ONLY}: only ONLY=webhook is known`);
const REDEEM = `mutation($i: TicketCodeRedeemInput!) { ticketCodeRedeem(input: $i) { redemption { id } errors { code } } }`;
const LIVE_COUNTS = `subscription { gateCounts { at products { productId sold redeemedToday remaining } clerks { clerkId redeemedToday } } }`;

/** graphql-ws and ws are the server's dependencies, pinned there: the benchmark loads them from the server package. */
const fromServer = createRequire(createRequire(import.meta.url).resolve('@ticket/server'));
interface GraphqlWsClient {
  subscribe(payload: { query: string }, sink: { next(value: unknown): void; error(err: unknown): void; complete(): void }): () => void;
  dispose(): void | Promise<void>;
}
const { createClient } = fromServer('graphql-ws') as { createClient(options: Record<string, unknown>): GraphqlWsClient };
const WebSocket = fromServer('ws') as unknown;

/** `count` graphql-ws clients subscribed to gateCounts; resolves once each has its first push. */
async function liveSubscribers(url: string, tokens: string[]): Promise<{ pushes(): number; close(): Promise<void> }> {
  let pushes = 0;
  const clients: GraphqlWsClient[] = [];
  await Promise.all(
    tokens.map(
      (token) =>
        new Promise<void>((resolve, reject) => {
          const client = createClient({ url: `${url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
          clients.push(client);
          let first = true;
          client.subscribe(
            { query: LIVE_COUNTS },
            {
              next: (result) => {
                if ((result as { errors?: unknown }).errors) return reject(new Error(JSON.stringify(result)));
                pushes++;
                if (first) (first = false), resolve();
              },
              error: reject,
              complete: () => undefined,
            },
          );
        }),
    ),
  );
  return {
    pushes: () => pushes,
    close: async () => {
      for (const client of clients) await client.dispose();
    },
  };
}

/**
 * B1: a receiver on this machine answering 200 (the first 50 requests verified with standardwebhooks), and one
 * endpoint posting to it, subscribed to ticket_code.redeemed. The row is written directly: a production API
 * takes only https URLs, and without WEBHOOK_SECRET_KEY it stores secrets as `plain:<secret>`.
 */
async function webhookReceiver(pool: import('pg').Pool): Promise<{ received(): number; verified(): number; enable(on: boolean): Promise<void>; close(): Promise<void> }> {
  const { Webhook } = fromServer('standardwebhooks') as { Webhook: new (secret: string) => { verify(body: string, headers: Record<string, string>): unknown } };
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  let received = 0;
  let verified = 0;
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (received++ < 50) {
        try {
          new Webhook(secret).verify(Buffer.concat(chunks).toString(), req.headers as Record<string, string>);
          verified++;
        } catch {
          // counted as not verified
        }
      }
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as { port: number };
  const [{ id }] = (
    await pool.query(`insert into webhook_endpoint (id, url, events, secret, created_at, updated_at) values (gen_random_uuid(), $1, '{ticket_code.redeemed}', $2, now(), now()) returning id`, [
      `http://127.0.0.1:${port}/hooks`,
      `plain:${secret}`,
    ])
  ).rows;
  return {
    received: () => received,
    verified: () => verified,
    enable: async (on) => void (await pool.query('update webhook_endpoint set enabled = $2 where id = $1', [id, on])),
    close: async () => {
      await pool.query('delete from webhook_endpoint where id = $1', [id]);
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    },
  };
}

const server = await startServer('bench_redeem');
try {
  const clerks = await createUsers(server.pool, 64, 'TICKET_CLERK');
  // B2 subscribers: 5 admins' boards (every product and clerk) and 5 clerks' own counts (5 of the 64 redeeming).
  const admins = await createUsers(server.pool, 5, 'TICKET_CLERK');
  await server.pool.query(`update app_user set role = 'ADMIN', admin_permissions = '{TICKETS_READ,TICKETS_REDEEM}' where id in (select user_id from auth_session where token_hash = any($1))`, [
    admins.map((t) => createHash('sha256').update(t).digest('hex')),
  ]);
  await createUsers(server.pool, 1, 'CUSTOMER');
  const codes = await insertCodes(server.pool, 64, 10_000_000);
  const [hot] = await insertCodes(server.pool, 1, 10_000_000);
  let failures = 0;
  const viaApi = (clients: number, codeFor: (client: number) => string, seconds = SECONDS) =>
    closedLoop(clients, seconds, async (client) => {
      const res = await gql(server.url, clerks[client]!, REDEEM, { i: { code: codeFor(client), quantity: 1, idempotencyKey: randomUUID(), channel: 'SCANNER' } });
      if (res.errors || res.data.ticketCodeRedeem.errors.length) {
        if (failures++ === 0) console.error('first refusal:', JSON.stringify(res.errors ?? res.data.ticketCodeRedeem.errors));
      }
    });

  say(`warm-up: 64 clerks redeeming through the API, ${WARM_UP_SECONDS} s`);
  await viaApi(64, (client) => codes[client]!, WARM_UP_SECONDS);
  let baseline: number[] = [];
  let api64: number[] = [];
  let cpu64 = '';
  let api64Quiet: number[] = [];
  let api64Live: number[] = [];
  let pushes = 0;
  let api16: number[] = [];
  let hot64: number[] = [];
  const LIVE_ROUNDS = 4;
  const liveSeconds = Math.max(1, Math.round(SECONDS / LIVE_ROUNDS));
  const liveTotalSeconds = LIVE_ROUNDS * liveSeconds;
  if (!ONLY) {
    say(`baseline: bare pg pool, BEGIN / guarded UPDATE / INSERT / COMMIT, 64 clients, ${SECONDS} s`);
    baseline = await closedLoop(64, SECONDS, async (client) => {
      const c = await server.pool.connect();
      try {
        await c.query('begin');
        const { rows } = await c.query(`update ticket_code set redeemed_quantity = redeemed_quantity + 1 where code = $1 and status = 'ACTIVE' and redeemed_quantity + refunded_quantity + 1 <= quantity returning id`, [codes[client]]);
        await c.query(`insert into redemption (id, ticket_code_id, quantity, channel, redeemed_by, created_at, idempotency_key) values (gen_random_uuid(), $1, 1, 'SCANNER', 'baseline', now(), $2)`, [rows[0].id, randomUUID()]);
        await c.query('commit');
      } finally {
        c.release();
      }
    });
    say(`API: 64 clerks on 64 distinct codes, ${SECONDS} s`);
    const cpu = cpuMeter(server.pid);
    api64 = await viaApi(64, (client) => codes[client]!);
    cpu64 = cpu();
    // B2: without and with 10 live subscribers, in alternated rounds (this machine is shared: load from outside
    // shifts between consecutive phases; alternating spreads it over both).
    say(`API: 64 clerks on 64 distinct codes without / with 10 live gate-count subscribers (graphql-ws), ${LIVE_ROUNDS} alternated rounds of ${liveSeconds} s each`);
    for (let round = 0; round < LIVE_ROUNDS; round++) {
      api64Quiet = api64Quiet.concat(await viaApi(64, (client) => codes[client]!, liveSeconds));
      const live = await liveSubscribers(server.url, [...admins, ...clerks.slice(0, 5)]);
      const pushesBefore = live.pushes();
      api64Live = api64Live.concat(await viaApi(64, (client) => codes[client]!, liveSeconds));
      pushes += live.pushes() - pushesBefore;
      await live.close();
    }
    say(`API: 16 clerks on 16 distinct codes, ${SECONDS} s`);
    api16 = await viaApi(16, (client) => codes[client]!);
    say(`API: 64 clerks on ONE code (hot row), ${SECONDS} s`);
    hot64 = await viaApi(64, () => hot!);
  }
  const HOOK_ROUNDS = 6;
  const hookSeconds = Math.max(1, Math.round(SECONDS / 4));
  say(`API: 64 clerks on 64 distinct codes without / with one webhook endpoint subscribed to ticket_code.redeemed, ${HOOK_ROUNDS} rounds of ${hookSeconds} s each`);
  const hook = await webhookReceiver(server.pool);
  const redeemedEvents = async () => (await server.pool.query(`select count(*)::int as n from webhook_event where type = 'ticket_code.redeemed'`)).rows[0].n as number;
  let api64NoHook: number[] = [];
  let api64Hook: number[] = [];
  let hookEvents = 0;
  const pairedRatios: number[] = [];
  for (let round = 0; round < HOOK_ROUNDS; round++) {
    // Which goes first alternates too, so neither always follows the other's after-effects.
    let without: number[] = [];
    let withHook: number[] = [];
    for (const on of round % 2 ? [true, false] : [false, true]) {
      await hook.enable(on);
      const before = await redeemedEvents();
      const latencies = await viaApi(64, (client) => codes[client]!, hookSeconds);
      if (on) (withHook = latencies), (hookEvents += (await redeemedEvents()) - before);
      else without = latencies;
    }
    api64NoHook = api64NoHook.concat(without);
    api64Hook = api64Hook.concat(withHook);
    pairedRatios.push(withHook.length / without.length);
  }
  pairedRatios.sort((a, b) => a - b);
  const medianRatio = (pairedRatios[(HOOK_ROUNDS - 1) >> 1]! + pairedRatios[HOOK_ROUNDS >> 1]!) / 2;
  const hookDelivered = hook.received();
  const [{ waiting }] = (await server.pool.query(`select count(*)::int as waiting from webhook_event where not dispatched`)).rows;
  await hook.close();
  const hookRatio = api64Hook.length / api64NoHook.length;
  const hookTotalSeconds = HOOK_ROUNDS * hookSeconds;
  const [{ redeemed }] = (await server.pool.query(`select sum(redeemed_quantity)::int as redeemed from ticket_code where code = any($1)`, [[...codes, hot]])).rows;
  const [{ logged }] = (await server.pool.query(`select count(*)::int as logged from redemption where redeemed_by <> 'baseline'`)).rows;
  const ratio = api64.length / SECONDS / (baseline.length / SECONDS);
  const liveRatio = api64Live.length / api64Quiet.length;
  const otherPhases = ONLY
    ? ''
    : `
  bare pg pool, 64 clients   ${summary(baseline, SECONDS)}
  API, 64 clerks             ${summary(api64, SECONDS)}
                             CPU: ${cpu64}
  API, 64 clerks, no live    ${summary(api64Quiet, liveTotalSeconds)}
  API, 64 clerks, 10 live    ${summary(api64Live, liveTotalSeconds)}
    subscribers (B2)         ${(pushes / liveTotalSeconds).toFixed(1)} pushes/s in all (${(pushes / liveTotalSeconds / 10).toFixed(1)} per subscriber: at most 4)
  with / without live        ${(liveRatio * 100).toFixed(0)}% (target >= 90%; ${LIVE_ROUNDS} alternated rounds of ${liveSeconds} s)
  API, 16 clerks             ${summary(api16, SECONDS)}
  API, 64 clerks, one code   ${summary(hot64, SECONDS)}
  API / baseline at 64       ${(ratio * 100).toFixed(0)}%`;
  console.log(`
redeem over HTTP (one redemption = quantity 1, idempotency key, record and ledger entry)${otherPhases}
  API, 64 clerks, no webhook ${summary(api64NoHook, hookTotalSeconds)}
  API, 64 clerks, 1 webhook  ${summary(api64Hook, hookTotalSeconds)}
    endpoint subscribed      events ${hookEvents} = redemptions ${api64Hook.length}: ${hookEvents === api64Hook.length ? 'OK' : 'MISMATCH'}; delivered by then ${hookDelivered},
                             ${waiting} still in the outbox; first ${Math.min(hookDelivered, 50)} verified: ${hook.verified()}
  with / without webhook     ${(hookRatio * 100).toFixed(0)}% in all, median of the rounds ${(medianRatio * 100).toFixed(0)}% (${pairedRatios.map((r) => (r * 100).toFixed(0)).join(' ')}) (target >= 90%; ${HOOK_ROUNDS} rounds of ${hookSeconds} s each way)
  refused or failed          ${failures}
  consistency                redeemed ${redeemed} = API redemptions ${logged} + baseline ${baseline.length}: ${redeemed === logged + baseline.length ? 'OK' : 'MISMATCH'}`);
  process.exitCode = redeemed === logged + baseline.length && failures === 0 && hookEvents === api64Hook.length ? 0 : 1;
} finally {
  await server.stop();
}
