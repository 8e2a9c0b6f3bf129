/**
 * bench/search: the redemption list's search over 1,000,000 codes: partial phone and name matches
 * (pg_trgm), code and order number prefixes, and the list without a search (which counts every code),
 * through the GraphQL API. Prints p50/p95/p99 for each.
 */
import { createUsers, gql, say, startServer, summary } from './harness.js';

const CODES = Number(process.env.CODES ?? 1_000_000);
const ROUNDS = Number(process.env.ROUNDS ?? 200);
const WARMUP = Number(process.env.WARMUP ?? 200);
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;
const SEARCH = `query($s: TicketCodeSearchInput) { ticketCodes(search: $s, first: 20) { totalCount edges { node { code holderName holderPhoneMasked } } } }`;

const server = await startServer('bench_search');
try {
  const [clerk] = await createUsers(server.pool, 1, 'TICKET_CLERK');
  await createUsers(server.pool, 1, 'CUSTOMER');
  say(`inserting ${CODES.toLocaleString()} codes (names, phones, order numbers)`);
  const t0 = performance.now();
  await server.pool.query(`
    with o as (insert into customer_order (id, number, kind, status, customer_id, recipient_name, recipient_phone, subtotal, total, payment_method, idempotency_key, created_at)
               select gen_random_uuid(), 'TBENCH-000001', 'TICKET', 'PAID', id, 'x', '0900000000', 0, 0, 'CREDIT_CARD', 'bench', now() from app_user where role = 'CUSTOMER' limit 1 returning id, customer_id),
         p as (insert into product (id, kind, title, status, created_at, updated_at) values (gen_random_uuid(), 'TICKET', 'x', 'ACTIVE', now(), now()) returning id),
         v as (insert into variant (id, product_id, name, price) select gen_random_uuid(), p.id, 'x', 100 from p returning id),
         l as (insert into order_line (id, order_id, variant_id, product_title, variant_name, quantity, unit_price) select gen_random_uuid(), o.id, v.id, 'x', 'x', 1, 100 from o, v returning id)
    insert into ticket_code (id, code, order_id, order_line_id, quantity, face_value, product_title, variant_name, holder_name, holder_phone, order_number, owner_id, created_at)
    select gen_random_uuid(), 'B' || lpad(g::text, 9, '0'), o.id, l.id, 1, 100,
           (array['夏日爵士音樂會','手沖咖啡入門課','灌籃高手兌換組','親子烘焙課','溫泉住宿券','電影兌換券'])[1 + g % 6],
           (array['早鳥票','全票','團體票','單堂','兌換組'])[1 + g % 5],
           (array['陳','林','黃','張','李','王','吳','劉','蔡','楊'])[1 + g % 10] || (array['小明','美玲','志豪','淑芬','家豪','怡君','俊傑','雅婷'])[1 + (g / 10) % 8] || g::text,
           '09' || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0'),
           'T2026' || lpad((g / 3)::text, 8, '0'), o.customer_id, now() - (g || ' seconds')::interval
      from o, l, generate_series(1, ${CODES}) g`);
  // As autovacuum and the checkpointer would have by the time the list is in use: the timings leave out
  // the bulk load's aftermath (visibility map, statistics, a million dirty pages being written out).
  await server.pool.query('vacuum analyze ticket_code');
  await server.pool.query('checkpoint');
  say(`inserted in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  const search = (field: string, query: () => string) => () => ({ field, query: query() });
  const cases: [string, () => { field: string; query: string } | null][] = [
    ['partial phone (4 digits)', search('RECIPIENT_PHONE', () => String(1000 + Math.floor(Math.random() * 9000)))],
    ['partial name (3 characters)', search('RECIPIENT_NAME', () => pick(['陳', '林', '黃', '張', '李', '王', '吳', '劉', '蔡', '楊']) + pick(['小明', '美玲', '志豪', '淑芬', '家豪', '怡君', '俊傑', '雅婷']))],
    ['ticket name', search('TICKET_NAME', () => '咖啡')],
    ['code prefix', search('CODE', () => `B${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`)],
    ['order number', search('ORDER_NUMBER', () => `T2026${String(Math.floor(Math.random() * 300000)).padStart(8, '0')}`)],
    ['no search (counts all)', () => null],
  ];

  // Measured warm, as a list in use is: the first searches also compile the server's code paths.
  say(`warming up: ${WARMUP} searches`);
  for (let i = 0; i < WARMUP; i++) {
    await gql(server.url, clerk!, SEARCH, { s: cases[i % cases.length]![1]() });
  }
  const lines: string[] = [];
  for (const [label, next] of cases) {
    const latencies: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const start = performance.now();
      const res = await gql(server.url, clerk!, SEARCH, { s: next() });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      latencies.push(performance.now() - start);
    }
    lines.push(`  ${label.padEnd(26)} ${summary(latencies, 1).replace(/^\d+\/s, /, '')}`);
  }
  console.log(`\nredemption list search over ${CODES.toLocaleString()} codes, one clerk, ${ROUNDS} searches each\n${lines.join('\n')}`);
} finally {
  await server.stop();
}
