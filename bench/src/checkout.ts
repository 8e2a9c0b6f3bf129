/**
 * bench/checkout: a flash sale. N shoppers (default 500) check out 1 ticket at once against stock 100,
 * through the GraphQL API. Prints throughput and latency, and checks exactly 100 sold, none oversold.
 */
import { randomUUID } from 'node:crypto';
import { createUsers, gql, percentile, say, startServer } from './harness.js';

const SHOPPERS = Number(process.env.SHOPPERS ?? 500);
const STOCK = Number(process.env.STOCK ?? 100);
const CHECKOUT = `mutation($i: CheckoutCompleteInput!) { checkoutComplete(input: $i) { order { status } errors { code } } }`;

const server = await startServer('bench_checkout');
try {
  const [{ id: productId }] = (await server.pool.query(`insert into product (id, kind, title, status, created_at, updated_at) values (gen_random_uuid(), 'TICKET', '限量搶購 Flash sale', 'ACTIVE', now(), now()) returning id`)).rows;
  const [{ id: variantId }] = (await server.pool.query(`insert into variant (id, product_id, name, price, stock) values (gen_random_uuid(), $1, '全票', 500, $2) returning id`, [productId, STOCK])).rows;
  say(`creating ${SHOPPERS} shoppers with sessions`);
  const tokens = await createUsers(server.pool, SHOPPERS, 'CUSTOMER');
  say(`${SHOPPERS} concurrent checkouts of 1 ticket against stock ${STOCK}`);
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      const t0 = performance.now();
      const res = await gql(server.url, token, CHECKOUT, {
        i: {
          lines: [{ variantId, quantity: 1 }],
          acceptTicketTerms: true,
          recipient: { name: '搶購者', phone: '0912345678' },
          payment: { method: 'CREDIT_CARD', installments: 1, cardToken: 'tok_approve' },
          idempotencyKey: randomUUID(),
        },
      });
      latencies.push(performance.now() - t0);
      const outcome = res.errors ? `GRAPHQL_ERROR` : (res.data.checkoutComplete.order?.status ?? res.data.checkoutComplete.errors[0]?.code);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const [{ stock }] = (await server.pool.query('select stock from variant where id = $1', [variantId])).rows;
  const [{ codes }] = (await server.pool.query(`select count(*)::int as codes from ticket_code c join order_line l on l.id = c.order_line_id where l.variant_id = $1`, [variantId])).rows;
  console.log(`
checkout flash sale: ${SHOPPERS} shoppers, stock ${STOCK}
  answered      ${latencies.length} in ${seconds.toFixed(2)} s  ->  ${(latencies.length / seconds).toFixed(0)} checkouts/s
  latency       p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms
  outcomes      ${JSON.stringify(outcomes)}
  stock left    ${stock}; codes issued ${codes}`);
  const ok = outcomes.PAID === STOCK && codes === STOCK && stock === 0 && outcomes.OUT_OF_STOCK === SHOPPERS - STOCK;
  console.log(ok ? `  check         OK: exactly ${STOCK} sold, none oversold` : '  check         FAILED: sold count is wrong');
  process.exitCode = ok ? 0 : 1;
} finally {
  await server.stop();
}
