import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buy, createTicketProduct, parallel } from '../../../../e2e/fixtures.js';
import { forbidden, startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';
import { generateCode } from '../../tickets/code-generator.js';

const REDEEM = `mutation($i: TicketCodeRedeemInput!) { ticketCodeRedeem(input: $i) {
  redemption { id quantity channel device redeemedBy createdAt }
  ticketCode { code quantity redeemedQuantity remainingQuantity status }
  retryAfterSeconds errors { code message field } } }`;
const LOOKUP = `query($c: String!) { ticketCode(code: $c) { code productTitle variantName quantity redeemedQuantity refundedQuantity remainingQuantity status validFrom validUntil holderName holderPhoneMasked orderNumber qrUrl } }`;
const SPLIT = `mutation($i: TicketCodeSplitInput!) { ticketCodeSplit(input: $i) { ticketCode { code status redeemedQuantity } children { code quantity status } errors { code message } } }`;

let api: TestApi;
let shopper: GqlClient;

beforeAll(async () => {
  api = await startTestApi();
  shopper = await api.newShopper({ name: '林小華', phone: '0987654321' });
});
afterAll(async () => {
  await api?.close();
});

const sql = async <T = any>(query: string, params: unknown[] = []): Promise<T[]> => api.app.orm.em.fork().getConnection().execute(query, params);

/** A paid code of `quantity` for the shopper; returns the code string. */
async function paidCode(quantity: number, product?: Awaited<ReturnType<typeof createTicketProduct>>, buyer = shopper): Promise<string> {
  const p = product ?? (await createTicketProduct(api, [{ name: '全票', price: 200, stock: 1000 }]));
  const { order, errors } = await buy(buyer, [{ variantId: p.variants[0]!.id, quantity }], { recipient: { name: '林小華', phone: '0987654321' } });
  expect(errors).toEqual([]);
  return order.lines[0].codes[0].code;
}

const redeem = (client: GqlClient, input: Record<string, unknown>) => client.ok(REDEEM, { i: input }).then((d) => d.ticketCodeRedeem);

/** `count` paid codes on `target`: one bought through the API, the others copies of it written straight to the table. */
async function codesOn(target: TestApi, count: number): Promise<string[]> {
  const product = await createTicketProduct(target, [{ name: '全票', price: 200, stock: 100 }]);
  const { order, errors } = await buy(await target.newShopper(), [{ variantId: product.variants[0]!.id, quantity: 1 }]);
  expect(errors).toEqual([]);
  const first: string = order.lines[0].codes[0].code;
  const { rows } = await target.app.pool.query<{ code: string }>(
    `insert into ticket_code (id, code, order_id, order_line_id, quantity, face_value, product_title, variant_name, holder_name, holder_phone, order_number, owner_id, created_at)
     select gen_random_uuid(), upper(substr(md5(random()::text || g), 1, 10)), order_id, order_line_id, quantity, face_value, product_title, variant_name, holder_name, holder_phone, order_number, owner_id, created_at - g * interval '1 second'
       from ticket_code, generate_series(1, $2::int) g where code = $1 returning code`,
    [first, count - 1],
  );
  return [first, ...rows.map((r) => r.code)];
}

const guesses = (count: number) => Array.from({ length: count }, () => generateCode());

/** One request looking up every code under an alias; returns the codes that got an answer (a code or null) rather than TOO_MANY_ATTEMPTS. */
async function answered(client: GqlClient, codes: string[], headers: Record<string, string> = {}): Promise<string[]> {
  const result = await client.request(`query { ${codes.map((c, i) => `c${i}: ticketCode(code: "${c}") { code }`).join(' ')} }`, {}, headers);
  const refused = new Set(
    (result.errors ?? []).map((e: any) => {
      expect(e.extensions?.code).toBe('TOO_MANY_ATTEMPTS');
      return e.path?.[0];
    }),
  );
  return codes.filter((_, i) => !refused.has(`c${i}`));
}

/** Requests from another client address (the test client is a trusted loopback proxy). */
const from = (address: string) => ({ 'x-forwarded-for': address });

describe('ticketCodeRedeem (R1, R2, R5)', () => {
  it('R1/R2: redeems part of a code and records who, when, how many, which way and which device', async () => {
    const code = await paidCode(5);
    const result = await redeem(api.clerk, { code, quantity: 2, channel: 'SCANNER', device: '入口 2 號機' });
    expect(result.errors).toEqual([]);
    expect(result.ticketCode).toMatchObject({ code, quantity: 5, redeemedQuantity: 2, remainingQuantity: 3, status: 'ACTIVE' });
    expect(result.redemption).toMatchObject({ quantity: 2, channel: 'SCANNER', device: '入口 2 號機', redeemedBy: '林店員 Ticket Clerk' });
    const rows = await sql('select r.staff_id, r.quantity from redemption r join ticket_code c on c.id = r.ticket_code_id where c.code = ?', [code]);
    expect(rows).toHaveLength(1);
    expect(rows[0].staff_id).toBe((await api.clerk.ok(`{ viewer { id } }`)).viewer.id);
  });

  it('R1: the last units make the code FULLY_REDEEMED; more is refused with FULLY_REDEEMED', async () => {
    const code = await paidCode(2);
    expect((await redeem(api.clerk, { code, quantity: 2 })).ticketCode.status).toBe('FULLY_REDEEMED');
    const again = await redeem(api.clerk, { code, quantity: 1 });
    expect(again.errors).toEqual([{ code: 'FULLY_REDEEMED', message: '此票券已全部核銷', field: 'code' }]);
  });

  it('R1/R4: a quantity above the remaining is refused with QUANTITY_EXCEEDS_REMAINING and changes nothing', async () => {
    const code = await paidCode(3);
    const result = await redeem(api.clerk, { code, quantity: 4 });
    expect(result.errors[0]).toMatchObject({ code: 'QUANTITY_EXCEEDS_REMAINING', message: '核銷數量超過剩餘數量（剩餘 3）' });
    expect((await api.clerk.ok(LOOKUP, { c: code })).ticketCode.redeemedQuantity).toBe(0);
  });

  it('R4: an unknown code is CODE_NOT_FOUND', async () => {
    expect((await redeem(api.clerk, { code: 'ZZZZZZZZZZ' })).errors.map((e: any) => e.code)).toEqual(['CODE_NOT_FOUND']);
  });

  it('issue 16.1: a quantity outside 1 to 1000, an overlong code, key or device are refused with INVALID_INPUT before anything runs', async () => {
    const code = await paidCode(3);
    for (const [input, field] of [
      [{ code, quantity: 0 }, 'quantity'],
      [{ code, quantity: 1001 }, 'quantity'],
      [{ code, quantity: 2_147_483_647 }, 'quantity'],
      [{ code: `${code}${'2'.repeat(31)}` }, 'code'],
      [{ code, idempotencyKey: 'k'.repeat(101) }, 'idempotencyKey'],
      [{ code, device: '入口'.repeat(51) }, 'device'],
    ] as const) {
      const result = await redeem(api.clerk, input);
      expect(result.errors.map((e: any) => [e.code, e.field]), JSON.stringify(input).slice(0, 80)).toEqual([['INVALID_INPUT', field]]);
      expect(result.redemption).toBeNull();
    }
    // The bounds are the domain's, not tighter: a split code typed in groups and a 100-character key pass.
    expect((await redeem(api.clerk, { code: code.replace(/(.{5})/, '$1-'), idempotencyKey: 'k'.repeat(100) })).errors).toEqual([]);
    expect((await api.clerk.ok(LOOKUP, { c: code })).ticketCode.redeemedQuantity).toBe(1);
  });

  it('R4: a code outside its validity is refused with OUTSIDE_VALIDITY', async () => {
    const future = await createTicketProduct(api, [{ name: '未來票', price: 100, stock: 10 }], {
      validFrom: new Date(Date.now() + 7 * 86400_000).toISOString(),
      validUntil: new Date(Date.now() + 8 * 86400_000).toISOString(),
    });
    const code = await paidCode(1, future);
    expect((await redeem(api.clerk, { code })).errors.map((e: any) => e.code)).toEqual(['OUTSIDE_VALIDITY']);
  });

  it('R5: a retried confirm with the same idempotency key returns the first result and redeems once', async () => {
    const code = await paidCode(5);
    const key = randomUUID();
    const first = await redeem(api.clerk, { code, quantity: 2, idempotencyKey: key });
    const second = await redeem(api.clerk, { code, quantity: 2, idempotencyKey: key });
    expect(second.redemption.id).toBe(first.redemption.id);
    expect((await api.clerk.ok(LOOKUP, { c: code })).ticketCode.redeemedQuantity).toBe(2);
  });

  it('R5: the same idempotency key sent 20 times in parallel makes one redemption', async () => {
    const code = await paidCode(10);
    const key = randomUUID();
    const results = await parallel(20, () => redeem(api.clerk, { code, quantity: 1, idempotencyKey: key }));
    expect(new Set(results.map((r) => r.redemption?.id)).size).toBe(1);
    const [{ n, redeemed }] = await sql(`select count(r.id)::int as n, max(c.redeemed_quantity) as redeemed from ticket_code c left join redemption r on r.ticket_code_id = c.id where c.code = ?`, [code]);
    expect({ n, redeemed }).toEqual({ n: 1, redeemed: 1 });
  });

  it('R1: 50 parallel redemptions of 1 on a code of 10 give exactly 10 successes and 40 refusals', async () => {
    const code = await paidCode(10);
    const results = await parallel(50, () => redeem(api.clerk, { code, quantity: 1 }));
    expect(results.filter((r) => r.errors.length === 0)).toHaveLength(10);
    expect(results.filter((r) => r.errors.some((e: any) => e.code === 'FULLY_REDEEMED' || e.code === 'QUANTITY_EXCEEDS_REMAINING'))).toHaveLength(40);
    const [row] = await sql(`select redeemed_quantity, status, (select count(*)::int from redemption r where r.ticket_code_id = c.id) as n from ticket_code c where code = ?`, [code]);
    expect(row).toMatchObject({ redeemed_quantity: 10, status: 'FULLY_REDEEMED', n: 10 });
  });

  it('L2: each redemption writes a ledger entry; the entries add up to the face value of the redeemed units', async () => {
    const product = await createTicketProduct(api, [{ name: '三人套票', price: 1000, stock: 10 }]);
    const code = await paidCode(3, product);
    for (let i = 0; i < 3; i++) await redeem(api.clerk, { code, quantity: 1 });
    const entries = await sql(`select amount from ledger_entry e join ticket_code c on c.id = e.ticket_code_id where c.code = ? and e.kind = 'REDEMPTION' order by e.id`, [code]);
    expect(entries.map((e) => e.amount)).toEqual([1000, 1000, 1000]);
    const code2 = await paidCode(1, await createTicketProduct(api, [{ name: '單張', price: 100, stock: 10 }]));
    await redeem(api.clerk, { code: code2 });
    expect((await sql(`select sum(amount)::int as s from ledger_entry e join ticket_code c on c.id = e.ticket_code_id where c.code = ? and e.kind = 'REDEMPTION'`, [code2]))[0].s).toBe(100);
  });
});

describe('who may look up and redeem (S1, S3, I1)', () => {
  it('S3: a clerk sees names, code, quantities, validity, holder name, masked phone and order number', async () => {
    const code = await paidCode(2);
    const data = await api.clerk.ok(LOOKUP, { c: code.toLowerCase() });
    expect(data.ticketCode).toMatchObject({ code, quantity: 2, holderName: '林小華', holderPhoneMasked: '0987***321', status: 'ACTIVE' });
    expect(data.ticketCode.orderNumber).toMatch(/^T\d{8}-\d{6}$/);
  });

  it('S3: a clerk is refused prices, totals, email and payment data', async () => {
    const code = await paidCode(1);
    for (const field of ['faceValue', 'order { total }', 'order { paymentMethod }', 'order { recipient { phone } }']) {
      expect(forbidden(await api.clerk.request(`query($c: String!) { ticketCode(code: $c) { code ${field} } }`, { c: code })), field).toBe(true);
    }
    expect((await api.admin.ok(`query($c: String!) { ticketCode(code: $c) { faceValue order { total } } }`, { c: code })).ticketCode.faceValue).toBe(200);
  });

  it('S3: a shopper cannot look up, list or redeem codes, not even their own', async () => {
    const code = await paidCode(1);
    expect(forbidden(await shopper.request(LOOKUP, { c: code }))).toBe(true);
    expect(forbidden(await shopper.request(`{ ticketCodes { totalCount } }`))).toBe(true);
    expect(forbidden(await shopper.request(REDEEM, { i: { code } }))).toBe(true);
    expect(forbidden(await api.anonymous.request(REDEEM, { i: { code } }))).toBe(true);
  });

  it('I1: an API key needs the tickets:redeem scope to redeem; tickets:read only looks up', async () => {
    const code = await paidCode(2);
    const reader = api.client();
    reader.token = (await api.admin.ok(`mutation { apiKeyCreate(input: {name: "BI", scopes: ["tickets:read"]}) { secret } }`)).apiKeyCreate.secret;
    const pos = api.client();
    pos.token = (await api.admin.ok(`mutation { apiKeyCreate(input: {name: "POS 櫃台", scopes: ["tickets:redeem"]}) { secret } }`)).apiKeyCreate.secret;
    expect((await reader.ok(LOOKUP, { c: code })).ticketCode.code).toBe(code);
    expect(forbidden(await reader.request(REDEEM, { i: { code } }))).toBe(true);
    const result = await redeem(pos, { code, channel: 'MANUAL' });
    expect(result.redemption.redeemedBy).toBe('POS 櫃台');
  });

  it('an admin redeems too', async () => {
    const code = await paidCode(1);
    expect((await redeem(api.admin, { code })).errors).toEqual([]);
  });
});

describe('ticketCodes: the redemption list (R3)', () => {
  it('R3: searches by ticket name, code, recipient name, recipient phone and order number', async () => {
    const product = await createTicketProduct(api, [{ name: '搜尋測試票', price: 100, stock: 10 }]);
    const buyer = await api.newShopper();
    const { order } = await buy(buyer, [{ variantId: product.variants[0]!.id, quantity: 1 }], { recipient: { name: '歐陽搜尋', phone: '0955123456' } });
    const code = order.lines[0].codes[0].code;
    const search = async (field: string, query: string) =>
      (await api.clerk.ok(`query($s: TicketCodeSearchInput) { ticketCodes(search: $s, first: 10) { totalCount edges { node { code } } } }`, { s: { field, query } })).ticketCodes;
    for (const [field, query] of [
      ['TICKET_NAME', '搜尋測試'],
      ['CODE', code.slice(0, 6).toLowerCase()],
      ['RECIPIENT_NAME', '陽搜'],
      ['RECIPIENT_PHONE', '5123'],
      ['ORDER_NUMBER', order.number],
    ]) {
      const found = await search(field!, query!);
      expect(found.edges.map((e: any) => e.node.code), `${field} ${query}`).toContain(code);
    }
    expect((await search('RECIPIENT_PHONE', '0000000000')).totalCount).toBe(0);
  });

  it('R3: a search matching more than 200 codes says 200 and still pages on to the last one (an admin, 100 a page); the list without a search counts them all', async () => {
    const product = await createTicketProduct(api, [{ name: '分頁測試票', price: 100, stock: 10 }]);
    const { order } = await buy(await api.newShopper(), [{ variantId: product.variants[0]!.id, quantity: 1 }], { recipient: { name: '分頁測試人', phone: '0955000222' } });
    // 230 more codes of the same holder, each a second older, written straight to the table.
    await api.app.pool.query(
      `insert into ticket_code (id, code, order_id, order_line_id, quantity, face_value, product_title, variant_name, holder_name, holder_phone, order_number, owner_id, created_at)
       select gen_random_uuid(), upper(substr(md5(random()::text || g), 1, 10)), order_id, order_line_id, 1, face_value, product_title, variant_name, holder_name, holder_phone, order_number, owner_id, created_at - g * interval '1 second'
         from ticket_code, generate_series(1, 230) g where code = $1`,
      [order.lines[0].codes[0].code],
    );
    const seen: string[] = [];
    const pages: { totalCount: number; hasNextPage: boolean }[] = [];
    let after: string | null = null;
    do {
      const { ticketCodes }: { ticketCodes: any } = await api.admin.ok(
        `query($s: TicketCodeSearchInput, $after: String) { ticketCodes(search: $s, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } }`,
        { s: { field: 'RECIPIENT_NAME', query: '分頁測試人' }, after },
      );
      seen.push(...ticketCodes.edges.map((e: any) => e.node.code));
      pages.push({ totalCount: ticketCodes.totalCount, hasNextPage: ticketCodes.pageInfo.hasNextPage });
      after = ticketCodes.pageInfo.hasNextPage ? ticketCodes.pageInfo.endCursor : null;
    } while (after && pages.length < 5);
    expect(pages).toEqual([
      { totalCount: 200, hasNextPage: true },
      { totalCount: 200, hasNextPage: true },
      { totalCount: 200, hasNextPage: false },
    ]);
    expect(new Set(seen).size).toBe(231);
    const [{ n }] = (await api.app.pool.query('select count(*)::int as n from ticket_code')).rows;
    expect(n).toBeGreaterThan(231);
    expect((await api.clerk.ok(`query { ticketCodes(first: 1) { totalCount } }`, {})).ticketCodes.totalCount).toBe(n);
  });

  it('R3: name searches ignore the case of Latin letters, and % or _ in a query match only themselves', async () => {
    const product = await createTicketProduct(api, [{ name: 'Jazz Night Pass', price: 100, stock: 10 }]);
    const { order } = await buy(await api.newShopper(), [{ variantId: product.variants[0]!.id, quantity: 1 }], { recipient: { name: 'Mary_Chen', phone: '0955000111' } });
    const code = order.lines[0].codes[0].code;
    const found = async (field: string, query: string) =>
      (await api.clerk.ok(`query($s: TicketCodeSearchInput) { ticketCodes(search: $s, first: 50) { edges { node { code } } } }`, { s: { field, query } })).ticketCodes.edges.map(
        (e: any) => e.node.code,
      );
    expect(await found('TICKET_NAME', 'jazz NIGHT')).toContain(code);
    expect(await found('RECIPIENT_NAME', 'mary_c')).toContain(code);
    expect(await found('RECIPIENT_NAME', 'mary%chen')).not.toContain(code);
    expect(await found('RECIPIENT_NAME', 'mar__chen')).not.toContain(code);
  });
});

describe('R6: look-ups are rate-limited', () => {
  it('R6: after 30 unknown codes an account is refused with TOO_MANY_ATTEMPTS and a retry time, even for a real code', async () => {
    const limited = await startTestApi();
    try {
      const { order } = await buy(await limited.newShopper(), [{ variantId: (await createTicketProduct(limited)).variants[0]!.id, quantity: 1 }]);
      const real = order.lines[0].codes[0].code;
      for (let i = 0; i < 30; i++) expect((await limited.clerk.ok(LOOKUP, { c: `GUESS${String(i).padStart(5, '2')}` })).ticketCode).toBeNull();
      const blocked = await limited.clerk.request(LOOKUP, { c: 'GUESS99999' });
      expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
      expect((blocked.errors?.[0]?.extensions as any).retryAfterSeconds).toBeGreaterThan(0);
      const refused = await limited.clerk.request(LOOKUP, { c: real });
      expect(refused.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ATTEMPTS');
      const redeemRefused = (await limited.clerk.ok(REDEEM, { i: { code: real } })).ticketCodeRedeem;
      expect(redeemRefused.errors[0].code).toBe('TOO_MANY_ATTEMPTS');
      expect(redeemRefused.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('R6: once 30 unknown codes were tried, 40 parallel requests of 30 aliased look-ups answer none, not even the real codes among them', async () => {
    const limited = await startTestApi();
    try {
      const real = await codesOn(limited, 40);
      for (let i = 0; i < 30; i++) expect((await limited.clerk.ok(LOOKUP, { c: generateCode() })).ticketCode).toBeNull();
      const results = await parallel(40, (i) => answered(limited.clerk, [...guesses(29), real[i]!]));
      expect(results.flat()).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('R6: 40 parallel requests of 30 aliased look-ups never test more than 30 unknown codes, and the real codes hidden among them are refused once the limit is reached', async () => {
    const limited = await startTestApi();
    try {
      const real = await codesOn(limited, 40);
      // Each request ends with a real code: only the first request's can come before the 30th unknown one.
      const results = (await parallel(40, (i) => answered(limited.clerk, [...guesses(29), real[i]!]))).flat();
      const realAnswered = results.filter((c) => real.includes(c));
      expect(results.length - realAnswered.length).toBeLessThanOrEqual(30);
      expect(realAnswered.length).toBeLessThanOrEqual(2);
      expect(await answered(limited.clerk, [real[39]!])).toEqual([]);
      const [row] = (await limited.app.pool.query(`select points from rate_limit where key like 'code-miss-acct:%'`)).rows;
      expect(row.points).toBeGreaterThan(30);
    } finally {
      await limited.close();
    }
  });

  it('R6: a look-up or redemption arriving while the 30th unknown code is being counted waits for that count and is refused on it', async () => {
    const limited = await startTestApi();
    try {
      const [real] = await codesOn(limited, 1);
      for (let i = 0; i < 29; i++) expect((await limited.clerk.ok(LOOKUP, { c: generateCode() })).ticketCode).toBeNull();
      const clerkId = (await limited.clerk.ok(`{ viewer { id } }`)).viewer.id;
      const counting = await limited.app.pool.connect();
      try {
        // The 30th miss, counted in a transaction that has not committed yet.
        await counting.query('begin');
        await counting.query(`update rate_limit set points = points + 1 where key = $1`, [`code-miss-acct:${clerkId}`]);
        const lookUp = answered(limited.clerk, [real!]);
        const redemption = redeem(limited.clerk, { code: real });
        const early = await Promise.race([Promise.all([lookUp, redemption]).then(() => 'answered'), new Promise((r) => setTimeout(() => r('waiting'), 1000))]);
        expect(early).toBe('waiting');
        await counting.query('commit');
        expect(await lookUp).toEqual([]);
        expect((await redemption).errors.map((e: any) => e.code)).toEqual(['TOO_MANY_ATTEMPTS']);
      } finally {
        counting.release();
      }
      expect((await limited.app.pool.query(`select redeemed_quantity from ticket_code where code = $1`, [real])).rows[0].redeemed_quantity).toBe(0);
    } finally {
      await limited.close();
    }
  });

  it('R6: the limit holds per client address too: 60 unknown codes from one address over two accounts refuse a third account there, not elsewhere', async () => {
    const limited = await startTestApi();
    try {
      const [real] = await codesOn(limited, 1);
      const reader = async (name: string) => {
        const client = limited.client();
        client.token = (await limited.admin.ok(`mutation { apiKeyCreate(input: {name: "${name}", scopes: ["tickets:read"]}) { secret } }`)).apiKeyCreate.secret;
        return client;
      };
      const [a, b, c] = [await reader('閘門 A'), await reader('閘門 B'), await reader('閘門 C')];
      expect(await answered(a, guesses(30), from('203.0.113.7'))).toHaveLength(30);
      expect(await answered(b, guesses(30), from('203.0.113.7'))).toHaveLength(30);
      expect(await answered(c, [real!], from('203.0.113.7'))).toEqual([]);
      expect(await answered(c, [real!], from('198.51.100.9'))).toEqual([real]);
    } finally {
      await limited.close();
    }
  });

  it('R6: trying to redeem unknown codes counts too: after 30, 20 parallel redemptions of real codes are refused and redeem nothing', async () => {
    const limited = await startTestApi();
    try {
      const real = await codesOn(limited, 20);
      for (let i = 0; i < 30; i++) expect((await redeem(limited.clerk, { code: generateCode() })).errors.map((e: any) => e.code)).toEqual(['CODE_NOT_FOUND']);
      const results = await parallel(20, (i) => redeem(limited.clerk, { code: real[i] }));
      for (const result of results) {
        expect(result.errors.map((e: any) => e.code)).toEqual(['TOO_MANY_ATTEMPTS']);
        expect(result.retryAfterSeconds).toBeGreaterThan(0);
        expect(result.ticketCode).toBeNull();
      }
      const [{ redeemed }] = (await limited.app.pool.query(`select coalesce(sum(redeemed_quantity), 0)::int as redeemed from ticket_code where code = any($1)`, [real])).rows;
      expect(redeemed).toBe(0);
    } finally {
      await limited.close();
    }
  });
});

describe('ticketCodes for clerks and API keys (R3, R6)', () => {
  const PAGE = `query($first: Int, $after: String) { ticketCodes(first: $first, after: $after) { edges { node { code } } pageInfo { hasNextPage endCursor } } }`;

  it('R6: a clerk or an API key gets at most 20 codes a page however many it asks for, and pages on; an admin gets up to 100', async () => {
    await codesOn(api, 25);
    const key = api.client();
    key.token = (await api.admin.ok(`mutation { apiKeyCreate(input: {name: "BI 匯出", scopes: ["tickets:read"]}) { secret } }`)).apiKeyCreate.secret;
    for (const client of [api.clerk, key]) {
      const page = (await client.ok(PAGE, { first: 100 })).ticketCodes;
      expect(page.edges).toHaveLength(20);
      expect(page.pageInfo.hasNextPage).toBe(true);
      const next = (await client.ok(PAGE, { first: 100, after: page.pageInfo.endCursor })).ticketCodes;
      expect(next.edges.length).toBeGreaterThan(0);
      expect(next.edges.map((e: any) => e.node.code)).not.toContain(page.edges[0].node.code);
    }
    expect((await api.admin.ok(PAGE, { first: 100 })).ticketCodes.edges.length).toBeGreaterThan(20);
  });

  it('R6: past 30 lists or searches a minute a clerk is refused with TOO_MANY_ATTEMPTS and a retry time; an admin is not limited', async () => {
    const limited = await startTestApi();
    try {
      const search = { search: { field: 'RECIPIENT_NAME', query: '王' }, first: 20 };
      const query = `query($search: TicketCodeSearchInput, $first: Int) { ticketCodes(search: $search, first: $first) { totalCount } }`;
      const clerk = await parallel(40, () => limited.clerk.request(query, search));
      expect(clerk.filter((r) => !r.errors)).toHaveLength(30);
      const refused = clerk.filter((r) => r.errors);
      expect(refused).toHaveLength(10);
      for (const r of refused) {
        expect(r.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
        expect((r.errors![0]!.extensions as any).retryAfterSeconds).toBeGreaterThan(0);
      }
      const admin = await parallel(40, () => limited.admin.request(query, search));
      expect(admin.filter((r) => r.errors)).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});

describe('idempotency keys are the caller\'s own and bound to the input (R5, B8)', () => {
  it('B8: a key reused on another code, quantity or channel is refused with IDEMPOTENCY_KEY_REUSED and redeems nothing; the same input still replays', async () => {
    const [a, b] = [await paidCode(5), await paidCode(5)];
    const key = randomUUID();
    const first = await redeem(api.clerk, { code: a, quantity: 1, channel: 'SCANNER', idempotencyKey: key });
    expect(first.errors).toEqual([]);
    for (const input of [
      { code: b, quantity: 1, channel: 'SCANNER' },
      { code: a, quantity: 2, channel: 'SCANNER' },
      { code: a, quantity: 1, channel: 'MANUAL' },
    ]) {
      const again = await redeem(api.clerk, { ...input, idempotencyKey: key });
      expect(again.errors, JSON.stringify(input)).toEqual([
        { code: 'IDEMPOTENCY_KEY_REUSED', message: '此交易識別碼已用於內容不同的核銷（另一張票券、數量或方式），這次沒有核銷任何票券', field: 'idempotencyKey' },
      ]);
      expect(again.redemption).toBeNull();
      expect(again.ticketCode).toBeNull();
    }
    const [rows] = [await sql(`select code, redeemed_quantity from ticket_code where code in (?, ?) order by code = ? desc`, [a, b, a])];
    expect(rows.map((r) => r.redeemed_quantity)).toEqual([1, 0]);
    const replay = await redeem(api.clerk, { code: a.toLowerCase(), quantity: 1, channel: 'SCANNER', idempotencyKey: key });
    expect(replay.errors).toEqual([]);
    expect(replay.redemption.id).toBe(first.redemption.id);
  });

  it("B8: another clerk's key is just another key: the second clerk redeems its own code and never sees the first one's code, holder or order", async () => {
    const email = `clerk-${randomUUID()}@example.com`;
    const created = await api.admin.ok(`mutation($i: StaffCreateInput!) { staffCreate(input: $i) { errors { code message } } }`, {
      i: { email, password: 'password123', name: '第二店員', role: 'TICKET_CLERK' },
    });
    expect(created.staffCreate.errors).toEqual([]);
    const second = await api.client().login(email, 'password123');
    const pos = api.client();
    pos.token = (await api.admin.ok(`mutation { apiKeyCreate(input: {name: "POS 2", scopes: ["tickets:redeem"]}) { secret } }`)).apiKeyCreate.secret;
    const mine = await paidCode(2);
    const key = randomUUID();
    const first = await redeem(api.clerk, { code: mine, quantity: 1, idempotencyKey: key });
    expect(first.errors).toEqual([]);
    for (const other of [second, pos]) {
      const buyer = await api.newShopper();
      const product = await createTicketProduct(api, [{ name: '全票', price: 200, stock: 10 }]);
      const { order } = await buy(buyer, [{ variantId: product.variants[0]!.id, quantity: 1 }], { recipient: { name: '張大同', phone: '0933111222' } });
      const theirs = order.lines[0].codes[0].code;
      const result = (await other.ok(`mutation($i: TicketCodeRedeemInput!) { ticketCodeRedeem(input: $i) { redemption { id } ticketCode { code holderName orderNumber } errors { code } } }`, {
        i: { code: theirs, quantity: 1, idempotencyKey: key },
      })).ticketCodeRedeem;
      expect(result.errors).toEqual([]);
      expect(result.ticketCode).toEqual({ code: theirs, holderName: '張大同', orderNumber: order.number });
      expect(result.redemption.id).not.toBe(first.redemption.id);
      // the same second caller with the same key and input replays its own result
      const again = (await other.ok(`mutation($i: TicketCodeRedeemInput!) { ticketCodeRedeem(input: $i) { redemption { id } errors { code } } }`, { i: { code: theirs, quantity: 1, idempotencyKey: key } })).ticketCodeRedeem;
      expect(again.redemption.id).toBe(result.redemption.id);
    }
    expect((await api.clerk.ok(LOOKUP, { c: mine })).ticketCode.redeemedQuantity).toBe(1);
  });

  it('R5: a retried confirm that took the last units returns the first result, not FULLY_REDEEMED', async () => {
    const code = await paidCode(2);
    const key = randomUUID();
    const first = await redeem(api.clerk, { code, quantity: 2, idempotencyKey: key });
    expect(first.ticketCode.status).toBe('FULLY_REDEEMED');
    const retry = await redeem(api.clerk, { code, quantity: 2, idempotencyKey: key });
    expect(retry.errors).toEqual([]);
    expect(retry.redemption.id).toBe(first.redemption.id);
    expect(retry.ticketCode).toMatchObject({ code, redeemedQuantity: 2, status: 'FULLY_REDEEMED' });
  });

  it('B8: one key sent 20 times at once over two codes redeems one of them once; every other answer is that first result or IDEMPOTENCY_KEY_REUSED', async () => {
    const codes = [await paidCode(10), await paidCode(10)];
    const key = randomUUID();
    const results = await parallel(20, (i) => redeem(api.clerk, { code: codes[i % 2], quantity: 1, idempotencyKey: key }).then((r) => ({ asked: codes[i % 2], ...r })));
    const succeeded = results.filter((r) => r.errors.length === 0);
    expect(succeeded.length).toBeGreaterThan(0);
    expect(new Set(succeeded.map((r) => r.redemption.id)).size).toBe(1);
    const winner = succeeded[0]!.ticketCode.code;
    for (const r of results) {
      if (r.asked === winner) expect(r.errors).toEqual([]);
      else expect(r.errors.map((e: any) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    }
    const rows = await sql(`select c.code, c.redeemed_quantity, (select count(*)::int from redemption r where r.ticket_code_id = c.id) as n from ticket_code c where c.code in (?, ?)`, codes);
    expect(rows.map((r) => r.n).sort()).toEqual([0, 1]);
    expect(rows.find((r) => r.code === winner)!.redeemed_quantity).toBe(1);
  });
});

describe('ticketCodeSplit (X1-X4)', () => {
  it('X1: 10 bought, 3 redeemed: splitting makes 7 codes of 1 with 25 characters; the original turns SPLIT and keeps its 3 redeemed', async () => {
    const code = await paidCode(10);
    await redeem(api.clerk, { code, quantity: 3 });
    const result = (await shopper.ok(SPLIT, { i: { code } })).ticketCodeSplit;
    expect(result.errors).toEqual([]);
    expect(result.ticketCode).toMatchObject({ code, status: 'SPLIT', redeemedQuantity: 3 });
    expect(result.children).toHaveLength(7);
    for (const child of result.children) expect(child).toMatchObject({ quantity: 1, status: 'ACTIVE', code: expect.stringMatching(/^[2-9A-HJKMNP-Z]{25}$/) });
    expect((await redeem(api.clerk, { code })).errors.map((e: any) => e.code)).toEqual(['CODE_VOID']);
    const tree = await api.clerk.ok(`query($c: String!) { ticketCode(code: $c) { status children { code status } } }`, { c: code });
    expect(tree.ticketCode.children).toHaveLength(7);
  });

  it('X3: a split code redeems exactly one; quantity 2 is refused with SPLIT_CODE_QUANTITY_FIXED', async () => {
    const code = await paidCode(2);
    const { children } = (await shopper.ok(SPLIT, { i: { code } })).ticketCodeSplit;
    expect((await redeem(api.clerk, { code: children[0].code, quantity: 2 })).errors.map((e: any) => e.code)).toEqual(['SPLIT_CODE_QUANTITY_FIXED']);
    expect((await redeem(api.clerk, { code: children[0].code, quantity: 1 })).ticketCode.status).toBe('FULLY_REDEEMED');
  });

  it('X1: fewer than 2 remaining cannot be split; a split code cannot be split again', async () => {
    const code = await paidCode(2);
    await redeem(api.clerk, { code, quantity: 1 });
    expect((await shopper.ok(SPLIT, { i: { code } })).ticketCodeSplit.errors.map((e: any) => e.code)).toEqual(['NOTHING_TO_SPLIT']);
    const code2 = await paidCode(2);
    const { children } = (await shopper.ok(SPLIT, { i: { code: code2 } })).ticketCodeSplit;
    expect((await shopper.ok(SPLIT, { i: { code: children[0].code } })).ticketCodeSplit.errors.map((e: any) => e.code)).toEqual(['SPLIT_CODE_NOT_SPLITTABLE']);
    expect((await shopper.ok(SPLIT, { i: { code: code2 } })).ticketCodeSplit.errors.map((e: any) => e.code)).toEqual(['CODE_VOID']);
  });

  it('F9: only the buyer splits: another shopper gets CODE_NOT_FOUND; clerks, admins and keys are forbidden', async () => {
    const code = await paidCode(3);
    const stranger = await api.newShopper();
    expect((await stranger.ok(SPLIT, { i: { code } })).ticketCodeSplit.errors.map((e: any) => e.code)).toEqual(['CODE_NOT_FOUND']);
    for (const actor of [api.clerk, api.admin, api.anonymous]) expect(forbidden(await actor.request(SPLIT, { i: { code } }))).toBe(true);
    expect((await api.clerk.ok(LOOKUP, { c: code })).ticketCode.status).toBe('ACTIVE');
  });

  it('X1/R1: a split and a redemption fired at once never both take the same unit', async () => {
    for (let round = 0; round < 5; round++) {
      const code = await paidCode(4);
      await Promise.all([shopper.ok(SPLIT, { i: { code } }), redeem(api.clerk, { code, quantity: 4 })]);
      const [parent] = await sql(`select id, status, redeemed_quantity from ticket_code where code = ?`, [code]);
      const children = await sql(`select count(*)::int as n from ticket_code where parent_id = ?`, [parent.id]);
      // either the redemption came first (nothing left to split) or the split did (the redemption found a void code)
      expect(parent.redeemed_quantity + children[0].n).toBe(4);
    }
  });
});
