import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminWith, apiKeyWith } from '../../../../e2e/actors.js';
import { startTestApi, type GqlClient, type TestApi } from '../../../../e2e/harness.js';
import { streamOrdersCsv } from '../exports.service.js';

const ROWS = 20_000;
let api: TestApi;

const sql = async <T = any>(query: string, params: unknown[] = []): Promise<T[]> => api.app.orm.em.fork().getConnection().execute(query, params);

interface Download {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  chunks: number;
  rows: string[][];
}

/** Reads an export the way a browser saves it, counting the pieces it arrives in. */
async function download(path: string, client?: GqlClient, method = 'GET'): Promise<Download> {
  const res = await fetch(`${api.url}${path}`, { method, headers: client?.token ? { authorization: `Bearer ${client.token}` } : {} });
  const parts: Uint8Array[] = [];
  let chunks = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      parts.push(value);
    }
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  const text = new TextDecoder().decode(bytes.slice(3));
  return { status: res.status, headers: res.headers, bytes, chunks, rows: res.ok && method === 'GET' ? parseCsv(text) : [] };
}

/** RFC 4180, enough for these files (quoted cells with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), i++;
    } else cell += c;
  }
  return rows;
}

beforeAll(async () => {
  api = await startTestApi();
  // 20,000 ticket orders a minute apart in 2024, each with a line and its code, written by SQL; a few
  // recipients whose names a spreadsheet would run as formulas.
  await sql(`
    with o as (
      insert into customer_order (id, number, kind, status, customer_id, recipient_name, recipient_phone, subtotal, total, payment_method, idempotency_key, created_at, paid_at)
      select gen_random_uuid(), 'TEXP' || lpad(g::text, 8, '0'), 'TICKET', case when g % 10 = 0 then 'CLOSED' else 'PAID' end,
             (select id from app_user where email = 'shopper@example.com'),
             case g when 1 then '=HYPERLINK("http://evil.example","點我")' when 2 then '@SUM(A1:A9)' when 3 then '-2+3' when 4 then '陳, "小明"' else '匯出買家 ' || g end,
             '09' || lpad(g::text, 8, '0'), 300, 300, 'CREDIT_CARD', 'export-' || g, timestamptz '2024-01-01 00:00:00+08' + g * interval '1 minute', timestamptz '2024-01-01 00:00:00+08' + g * interval '1 minute'
        from generate_series(1, ${ROWS}) g
      returning id, number, recipient_name, recipient_phone, customer_id, created_at
    ), l as (
      insert into order_line (id, order_id, variant_id, product_title, variant_name, quantity, unit_price)
      select gen_random_uuid(), o.id, (select id from variant order by id limit 1), '匯出音樂會', '全票', 3, 100 from o
      returning id, order_id
    )
    insert into ticket_code (id, code, order_id, order_line_id, quantity, redeemed_quantity, face_value, product_title, variant_name, holder_name, holder_phone, order_number, owner_id, created_at)
    select gen_random_uuid(), 'X' || lpad(substr(o.number, 5)::text, 9, '0'), o.id, l.id, 3, 1, 300, '匯出音樂會', '全票', o.recipient_name, o.recipient_phone, o.number, o.customer_id, o.created_at
      from o join l on l.order_id = o.id`);
});
afterAll(async () => {
  await api?.close();
});

describe('CSV exports: streamed from the database, zh-TW headers, UTF-8 with BOM, safe in a spreadsheet', () => {
  it('orders.csv: 20,000 orders arrive in many pieces (no length known up front), newest first, every one once', async () => {
    const res = await download('/exports/orders.csv?search=TEXP', api.admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="orders-\d{8}-\d{4}\.csv"$/);
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.chunks).toBeGreaterThan(10);
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = res.rows;
    expect(header).toEqual(['訂單編號', '建立時間', '付款時間', '類型', '狀態', '收件人', '收件人電話', '品項', '小計', '折扣', '運費', '總計', '付款方式', '分期', '推薦碼', '未讀詢問']);
    expect(rows).toHaveLength(ROWS);
    expect(new Set(rows.map((r) => r[0])).size).toBe(ROWS);
    expect(rows[0]).toEqual(['TEXP00020000', '2024-01-14 21:20:00', '2024-01-14 21:20:00', '電子票券', '已結案', '匯出買家 20000', '0900020000', '匯出音樂會 全票 x3', '300', '0', '0', '300', '信用卡', '1', '', '']);
    expect(rows.at(-1)![0]).toBe('TEXP00000001');
  });

  it('CSV injection: text a spreadsheet would run as a formula starts with an apostrophe; quotes and commas are quoted', async () => {
    const rows = (await download('/exports/orders.csv?search=TEXP0000000', api.admin)).rows.slice(1);
    const names = Object.fromEntries(rows.map((r) => [r[0], r[5]]));
    expect(names.TEXP00000001).toBe(`'=HYPERLINK("http://evil.example","點我")`);
    expect(names.TEXP00000002).toBe(`'@SUM(A1:A9)`);
    expect(names.TEXP00000003).toBe(`'-2+3`);
    expect(names.TEXP00000004).toBe('陳, "小明"');
  });

  it("orders.csv takes the admin list's filters and gives the same orders as the list", async () => {
    const filters = [
      { query: 'status=CLOSED&search=TEXP', filter: { status: ['CLOSED'], search: 'TEXP' } },
      { query: 'kind=TICKET&search=TEXP0001', filter: { kind: 'TICKET', search: 'TEXP0001' } },
      {
        query: `createdFrom=${encodeURIComponent('2024-01-02T00:00:00+08:00')}&createdTo=${encodeURIComponent('2024-01-03T00:00:00+08:00')}`,
        filter: { createdFrom: '2024-01-01T16:00:00Z', createdTo: '2024-01-02T16:00:00Z' },
      },
      { query: 'search=0900012345', filter: { search: '0900012345' } },
    ];
    for (const { query, filter } of filters) {
      const rows = (await download(`/exports/orders.csv?${query}`, api.admin)).rows.slice(1);
      const list = await api.admin.ok(`query($f: OrdersFilterInput) { orders(filter: $f, first: 1) { totalCount edges { node { number } } } }`, { f: filter });
      expect(rows.length).toBe(list.orders.totalCount);
      expect(rows[0]?.[0]).toBe(list.orders.edges[0]?.node.number);
    }
    expect((await download('/exports/orders.csv?status=CLOSED&search=TEXP', api.admin)).rows.slice(1).every((r) => r[4] === '已結案')).toBe(true);
    expect((await download('/exports/orders.csv?status=SHIPPED', api.admin)).status).toBe(400);
    expect((await download('/exports/orders.csv?createdFrom=yesterday', api.admin)).status).toBe(400);
  });

  it('redemptions.csv: the redemption list with its search, 20,000 codes with quantities and status', async () => {
    const res = await download('/exports/redemptions.csv?field=TICKET_NAME&query=%E5%8C%AF%E5%87%BA', api.admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="redemptions-\d{8}-\d{4}\.csv"$/);
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.chunks).toBeGreaterThan(10);
    const [header, ...rows] = res.rows;
    expect(header).toEqual(['核銷碼', '訂單編號', '商品', '票種', '持有人', '持有人電話', '張數', '已核銷', '已退款', '剩餘', '狀態', '分票自', '使用期限起', '使用期限迄', '建立時間']);
    expect(rows).toHaveLength(ROWS);
    expect(rows[0]).toEqual(['X000020000', 'TEXP00020000', '匯出音樂會', '全票', '匯出買家 20000', '0900020000', '3', '1', '0', '2', '可使用', '', '', '', '2024-01-14 21:20:00']);
    const byCode = (await download('/exports/redemptions.csv?field=CODE&query=x00001234', api.admin)).rows.slice(1);
    expect(byCode.map((r) => r[0])).toEqual(['X000012349', 'X000012348', 'X000012347', 'X000012346', 'X000012345', 'X000012344', 'X000012343', 'X000012342', 'X000012341', 'X000012340']);
    expect((await download('/exports/redemptions.csv?field=SEAT&query=1', api.admin)).status).toBe(400);
  });

  it('backpressure: while the client reads nothing, the export reads no further page from the database', async () => {
    let pages = 0;
    const pool = new Proxy(api.app.pool, {
      get: (target, key) => (key === 'query' ? (...args: unknown[]) => (pages++, (target.query as (...a: unknown[]) => unknown)(...args)) : Reflect.get(target, key)),
    });
    const stuck = new Writable({ highWaterMark: 1024, write: () => undefined }); // never calls back: a client that stopped reading
    const streaming = streamOrdersCsv(pool, stuck, { search: 'TEXP' }, 500);
    await new Promise((r) => setTimeout(r, 1000));
    expect(pages).toBe(1);
    stuck.destroy();
    await streaming;
    expect(pages).toBe(1);
  });

  it('orders.csv: ORDERS_READ (admins, orders:read keys); redemptions.csv: admins with TICKETS_READ only; HEAD answers the same without a body', async () => {
    const ordersKey = await apiKeyWith(api, ['orders:read']);
    const ticketsKey = await apiKeyWith(api, ['tickets:read']);
    const noOrders = await adminWith(api, ['TICKETS_READ', 'REPORTS_READ']);
    const noTickets = await adminWith(api, ['ORDERS_READ', 'REPORTS_READ']);
    const shopper = await api.newShopper();
    const status = async (path: string, client?: GqlClient, method?: string) => (await download(path, client, method)).status;

    expect(await status('/exports/orders.csv?search=TEXP0001000', ordersKey)).toBe(200);
    expect(await status('/exports/orders.csv?search=TEXP0001000', noTickets)).toBe(200);
    for (const actor of [api.clerk, shopper, ticketsKey, noOrders]) expect(await status('/exports/orders.csv', actor)).toBe(403);
    expect(await status('/exports/orders.csv')).toBe(401);

    expect(await status('/exports/redemptions.csv?field=CODE&query=X000001000', noOrders)).toBe(200);
    for (const actor of [api.clerk, shopper, ticketsKey, ordersKey, noTickets]) expect(await status('/exports/redemptions.csv', actor)).toBe(403);
    expect(await status('/exports/redemptions.csv')).toBe(401);

    const head = await download('/exports/orders.csv', api.admin, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.bytes.length).toBe(0);
    expect(await status('/exports/redemptions.csv', api.clerk, 'HEAD')).toBe(403);
  });
});
