/**
 * bench/redeem: 64 clerks redeeming distinct codes for 20 s over HTTP (and 16), against a baseline in the
 * same run: the same transaction (BEGIN, guarded UPDATE, INSERT, COMMIT) through a bare pg pool. Then the
 * hot-code case: every clerk on one code of large quantity. The API is warmed up first (not measured).
 */
import { randomUUID } from 'node:crypto';
import { cpuMeter } from './cpu.js';
import { insertCodes } from './fixtures.js';
import { closedLoop, createUsers, gql, say, startServer, summary } from './harness.js';

const SECONDS = Number(process.env.SECONDS ?? 20);
/** The API's first seconds run unoptimised code (JIT); a running gate's API is long past them. */
const WARM_UP_SECONDS = Number(process.env.WARM_UP_SECONDS ?? 10);
const REDEEM = `mutation($i: TicketCodeRedeemInput!) { ticketCodeRedeem(input: $i) { redemption { id } errors { code } } }`;

const server = await startServer('bench_redeem');
try {
  const clerks = await createUsers(server.pool, 64, 'TICKET_CLERK');
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
  say(`baseline: bare pg pool, BEGIN / guarded UPDATE / INSERT / COMMIT, 64 clients, ${SECONDS} s`);
  const baseline = await closedLoop(64, SECONDS, async (client) => {
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
  const api64 = await viaApi(64, (client) => codes[client]!);
  const cpu64 = cpu();
  say(`API: 16 clerks on 16 distinct codes, ${SECONDS} s`);
  const api16 = await viaApi(16, (client) => codes[client]!);
  say(`API: 64 clerks on ONE code (hot row), ${SECONDS} s`);
  const hot64 = await viaApi(64, () => hot!);
  const [{ redeemed }] = (await server.pool.query(`select sum(redeemed_quantity)::int as redeemed from ticket_code where code = any($1)`, [[...codes, hot]])).rows;
  const [{ logged }] = (await server.pool.query(`select count(*)::int as logged from redemption where redeemed_by <> 'baseline'`)).rows;
  const ratio = api64.length / SECONDS / (baseline.length / SECONDS);
  console.log(`
redeem over HTTP (one redemption = quantity 1, idempotency key, record and ledger entry)
  bare pg pool, 64 clients   ${summary(baseline, SECONDS)}
  API, 64 clerks             ${summary(api64, SECONDS)}
                             CPU: ${cpu64}
  API, 16 clerks             ${summary(api16, SECONDS)}
  API, 64 clerks, one code   ${summary(hot64, SECONDS)}
  API / baseline at 64       ${(ratio * 100).toFixed(0)}%
  refused or failed          ${failures}
  consistency                redeemed ${redeemed} = API redemptions ${logged} + baseline ${baseline.length}: ${redeemed === logged + baseline.length ? 'OK' : 'MISMATCH'}`);
  process.exitCode = redeemed === logged + baseline.length && failures === 0 ? 0 : 1;
} finally {
  await server.stop();
}
