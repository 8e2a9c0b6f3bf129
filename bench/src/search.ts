/**
 * bench/search: the redemption list's search over 1,000,000 codes: partial phone and name matches
 * (pg_trgm), code and order number prefixes, and the list without a search (which counts every code),
 * through the GraphQL API. Prints p50/p95/p99 for each.
 * Then the dashboard (B10) of the same store: the ledger its codes' sales, redemptions and refunds wrote
 * (2.5 million rows), rolled up as the job does, plus a tail of fresh rows not rolled up yet; each range.
 * Prints p50/p95/p99 for each (target: p95 under 100 ms). Last, the redemption list exported as CSV
 * (every code, streamed), with the API process's peak memory before and after.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { rollupBooks } from '@ticket/server';
import { createUsers, gql, say, startServer, summary } from './harness.js';

const CODES = Number(process.env.CODES ?? 1_000_000);
const ROUNDS = Number(process.env.ROUNDS ?? 200);
const WARMUP = Number(process.env.WARMUP ?? 200);
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;
const SEARCH = `query($s: TicketCodeSearchInput) { ticketCodes(search: $s, first: 20) { totalCount edges { node { code holderName holderPhoneMasked } } } }`;
const DASHBOARD = `query($r: DashboardRange!) { dashboard(range: $r) {
  grossSales orders ticketsSold redeemedUnits redeemedAmount refundedAmount refunds feeAmount feeRefundAmount
  liability { amount quantity } currentPeriod { period netPayout }
  days { date sales redeemedAmount } topProductsBySales { title units amount } topProductsByRedemptions { title units amount } redemptionHours { hour redeemedUnits }
} }`;
/**
 * Fresh ledger rows the dashboard reads one by one: the job folds them in every minute, and a read finding
 * more than 2,000 folds them first (FOLD_TAIL_ABOVE); 1,500 is a busy gate's minute, read by every query.
 */
const TAIL = Number(process.env.DASHBOARD_TAIL ?? 1_500);

const server = await startServer('bench_search');
try {
  // An admin (TICKETS_READ, REPORTS_READ): a ticket clerk may list or search 30 times a minute (R6), far
  // fewer than this benchmark asks; admins search without that limit.
  const [admin] = await createUsers(server.pool, 1, 'TICKET_CLERK');
  await server.pool.query(`update app_user set role = 'ADMIN', admin_permissions = '{TICKETS_READ,REPORTS_READ}' where id = (select user_id from auth_session where token_hash = $1)`, [
    createHash('sha256').update(admin!).digest('hex'),
  ]);
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
    await gql(server.url, admin!, SEARCH, { s: cases[i % cases.length]![1]() });
  }
  const lines: string[] = [];
  for (const [label, next] of cases) {
    const latencies: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const start = performance.now();
      const res = await gql(server.url, admin!, SEARCH, { s: next() });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      latencies.push(performance.now() - start);
    }
    lines.push(`  ${label.padEnd(26)} ${summary(latencies, 1).replace(/^\d+\/s, /, '')}`);
  }
  console.log(`\nredemption list search over ${CODES.toLocaleString()} codes, one admin, ${ROUNDS} searches each\n${lines.join('\n')}`);

  // B10: the ledger of those codes, as selling, redeeming and refunding them wrote it: a SALE and its FEE
  // per code when it was created; half of them redeemed within three days; 1 in 20 of the others refunded.
  say('writing the ledger of those codes (sales, fees, redemptions, refunds)');
  const t1 = performance.now();
  await server.pool.query(`
    insert into ledger_entry (kind, order_id, ticket_code_id, quantity, amount, occurred_at, ref)
    select k.kind, c.order_id, c.id, 1, case k.kind when 'SALE' then c.face_value else c.face_value / 20 end, c.created_at, lower(k.kind) || ':' || c.id
      from ticket_code c cross join (values ('SALE'), ('FEE')) k(kind) where c.code like 'B%'`);
  await server.pool.query(`
    insert into ledger_entry (kind, order_id, ticket_code_id, quantity, amount, occurred_at, ref)
    select 'REDEMPTION', c.order_id, c.id, 1, c.face_value, least(now(), c.created_at + ((hashtext(c.code)::bigint & 262143) || ' seconds')::interval), 'redeem:' || c.id
      from ticket_code c where c.code like 'B%' and hashtext(c.code) % 2 = 0`);
  await server.pool.query(`
    insert into ledger_entry (kind, order_id, ticket_code_id, quantity, amount, occurred_at, ref)
    select k.kind, c.order_id, c.id, 1, case k.kind when 'REFUND' then c.face_value else c.face_value / 20 end, least(now(), c.created_at + interval '1 day'), lower(k.kind) || ':' || c.id
      from ticket_code c cross join (values ('REFUND'), ('FEE_REFUND')) k(kind) where c.code like 'B%' and hashtext(c.code) % 2 <> 0 and hashtext(c.code) % 20 = 7`);
  const { rows: [{ n: ledgerRows }] } = await server.pool.query<{ n: number }>('select count(*)::int as n from ledger_entry');
  say(`${ledgerRows.toLocaleString()} ledger rows in ${((performance.now() - t1) / 1000).toFixed(0)} s; rolling them up as the job does`);
  const t2 = performance.now();
  const { rows: [{ max }] } = await server.pool.query<{ max: string }>('select max(id)::text as max from ledger_entry');
  for (let run = 0; ; run++) {
    const { rolled, lastId } = await rollupBooks(server.pool);
    if (lastId && BigInt(lastId) >= BigInt(max)) break;
    if (run > 200) throw new Error('the rollup did not catch up');
    if (!rolled) await new Promise((r) => setTimeout(r, 500)); // another run (the API's job) holds it, or it waits for older transactions
  }
  say(`rolled up in ${((performance.now() - t2) / 1000).toFixed(0)} s; ${TAIL.toLocaleString()} fresh redemptions stay in the tail`);
  await server.pool.query(`
    insert into ledger_entry (kind, order_id, ticket_code_id, quantity, amount, occurred_at, ref)
    select 'REDEMPTION', c.order_id, c.id, 1, c.face_value, now(), 'bench-tail:' || c.id from ticket_code c where c.code like 'B%' order by c.code limit ${TAIL}`);
  await server.pool.query('vacuum analyze ledger_entry');

  const ranges = ['TODAY', 'LAST_7_DAYS', 'LAST_30_DAYS', 'CURRENT_PERIOD'];
  for (let i = 0; i < WARMUP; i++) await gql(server.url, admin!, DASHBOARD, { r: ranges[i % ranges.length] });
  const dashboardLines: string[] = [];
  const all: number[] = [];
  for (const range of ranges) {
    const latencies: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const start = performance.now();
      const res = await gql(server.url, admin!, DASHBOARD, { r: range });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      latencies.push(performance.now() - start);
    }
    all.push(...latencies);
    dashboardLines.push(`  ${range.padEnd(26)} ${summary(latencies, 1).replace(/^\d+\/s, /, '')}`);
  }
  dashboardLines.push(`  ${'all ranges'.padEnd(26)} ${summary(all, 1).replace(/^\d+\/s, /, '')}`);
  console.log(`\ndashboard over the ledger of ${CODES.toLocaleString()} codes (${ledgerRows.toLocaleString()} rows rolled up, ${TAIL.toLocaleString()} in the tail), ${ROUNDS} queries per range\n${dashboardLines.join('\n')}`);

  // Issue 15.3: the redemption list as CSV, every code, streamed; the API's resident memory is read from
  // /proc before and after (VmHWM is the process's peak: what loading the rows at once would show).
  const memory = (field: 'VmRSS' | 'VmHWM') => Number(/\d+/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(field))!)![0]) / 1024;
  const peakBefore = memory('VmHWM');
  say(`exporting the redemption list as CSV (API peak memory so far ${peakBefore.toFixed(0)} MB)`);
  const t3 = performance.now();
  const res = await fetch(`${server.url}/exports/redemptions.csv`, { headers: { authorization: `Bearer ${admin}` } });
  if (!res.ok || !res.body) throw new Error(`redemptions.csv answered ${res.status}`);
  let bytes = 0;
  let csvLines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) csvLines++;
  }
  const seconds = (performance.now() - t3) / 1000;
  console.log(
    `\nredemptions.csv: ${(csvLines - 1).toLocaleString()} rows, ${(bytes / 1024 / 1024).toFixed(0)} MB in ${seconds.toFixed(1)} s ` +
      `(${Math.round((csvLines - 1) / seconds).toLocaleString()} rows/s); API peak memory ${peakBefore.toFixed(0)} MB before, ${memory('VmHWM').toFixed(0)} MB after`,
  );
} finally {
  await server.stop();
}
