import type { Writable } from 'node:stream';
import type pg from 'pg';
import { ProductKind } from '../catalog/product.entity.js';
import { OrderStatus, PaymentMethod } from '../orders/order.entity.js';
import { searchCondition } from '../redemption/redemption.service.js';
import { TicketCodeSearchField } from '../redemption/redemption.types.js';
import { TicketCodeStatus } from '../tickets/ticket-code.entity.js';
import { BOM, csvRow, write } from './csv.js';

/** Rows read per query: one page is all an export holds in memory. */
export const EXPORT_PAGE_SIZE = 1000;

/** The admin list's filters (OrdersFilterInput), as the export's query string carries them. */
export interface OrderExportFilter {
  status?: OrderStatus[];
  kind?: ProductKind;
  hasUnreadInquiry?: boolean;
  search?: string;
  createdFrom?: Date;
  createdTo?: Date;
}

export interface TicketCodeExportSearch {
  field: TicketCodeSearchField;
  query: string;
}

const ORDER_STATUS: Record<OrderStatus, string> = {
  PENDING_PAYMENT: '待付款',
  PAID: '已付款',
  RETURNING: '退貨中',
  RETURN_REVIEW: '退貨審查',
  PARTIALLY_REFUNDED: '部分退款',
  CLOSED: '已結案',
  CANCELLED: '已取消',
  PAYMENT_FAILED: '付款失敗',
  EXPIRED: '已逾期',
};
const KIND: Record<ProductKind, string> = { TICKET: '電子票券', GOODS: '一般商品' };
const PAYMENT: Record<PaymentMethod, string> = { CREDIT_CARD: '信用卡', CASH_ON_DELIVERY: '貨到付款' };
const CODE_STATUS: Record<TicketCodeStatus, string> = { ACTIVE: '可使用', FULLY_REDEEMED: '已全部核銷', SPLIT: '已分票', REFUNDED: '已退款' };

const ORDER_HEADER = ['訂單編號', '建立時間', '付款時間', '類型', '狀態', '收件人', '收件人電話', '品項', '小計', '折扣', '運費', '總計', '付款方式', '分期', '推薦碼', '未讀詢問'];
const CODE_HEADER = ['核銷碼', '訂單編號', '商品', '票種', '持有人', '持有人電話', '張數', '已核銷', '已退款', '剩餘', '狀態', '分票自', '使用期限起', '使用期限迄', '建立時間'];

/** A moment as Asia/Taipei wall time, the way the statement CSV writes it. */
const taipei = (column: string) => `to_char(${column} at time zone 'Asia/Taipei', 'YYYY-MM-DD HH24:MI:SS')`;

/**
 * The orders list's filter as SQL (the same conditions as OrderResolver.orders): `$1`... after the keyset's
 * two parameters and the page size.
 */
function orderConditions(filter: OrderExportFilter): { where: string[]; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value) + 3}`;
  if (filter.status?.length) where.push(`o.status = any(${param(`{${filter.status.join(',')}}`)}::text[])`);
  if (filter.kind) where.push(`o.kind = ${param(filter.kind)}`);
  if (filter.createdFrom) where.push(`o.created_at >= ${param(filter.createdFrom)}`);
  if (filter.createdTo) where.push(`o.created_at < ${param(filter.createdTo)}`);
  const q = filter.search?.trim();
  if (q) {
    const like = param(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(o.number ilike ${like} or o.recipient_name ilike ${like} or o.recipient_phone like ${like})`);
  }
  if (filter.hasUnreadInquiry) where.push(`exists (select 1 from order_message m where m.order_id = o.id and not m.from_staff and m.read_by_staff_at is null)`);
  return { where, values };
}

interface Page<R> {
  rows: R[];
  last?: { at: string; id: string };
}

/**
 * Streams `query`'s pages as CSV rows until a page comes back short or the client leaves: newest first,
 * each page one indexed range after the previous page's last (created_at, id) (keyset paging, so every
 * page costs the same and no transaction stays open while a slow client downloads).
 */
async function streamPages<R extends { key_at: string; id: string }>(out: Writable, header: string[], pageSize: number, page: (after: Page<R>['last']) => Promise<R[]>, row: (r: R) => unknown[]) {
  if (!(await write(out, BOM + csvRow(header)))) return;
  let last: Page<R>['last'];
  for (;;) {
    const rows = await page(last);
    if (rows.length && !(await write(out, rows.map((r) => csvRow(row(r) as never)).join('')))) return;
    if (rows.length < pageSize) return;
    const end = rows[rows.length - 1]!;
    last = { at: end.key_at, id: end.id };
  }
}

/** Orders, newest first, with the admin list's filters, as CSV (zh-TW headers, UTF-8 with BOM). */
export async function streamOrdersCsv(pool: pg.Pool, out: Writable, filter: OrderExportFilter, pageSize = EXPORT_PAGE_SIZE): Promise<void> {
  const { where, values } = orderConditions(filter);
  const text = `
    select o.id, o.created_at::text as key_at, o.number, ${taipei('o.created_at')} as created, ${taipei('o.paid_at')} as paid, o.kind, o.status,
           o.recipient_name, o.recipient_phone, o.subtotal, o.discount, o.shipping_fee, o.total, o.payment_method, o.installments, o.referral_code,
           (select string_agg(l.product_title || ' ' || l.variant_name || ' x' || l.quantity, '; ' order by l.position) from order_line l where l.order_id = o.id) as items,
           exists (select 1 from order_message m where m.order_id = o.id and not m.from_staff and m.read_by_staff_at is null) as unread
      from customer_order o
     where ($1::timestamptz is null or (o.created_at, o.id) < ($1::timestamptz, $2::uuid)) ${where.map((w) => `and ${w}`).join(' ')}
     order by o.created_at desc, o.id desc
     limit $3`;
  type Row = { id: string; key_at: string; number: string; created: string; paid: string | null; kind: ProductKind; status: OrderStatus; recipient_name: string; recipient_phone: string;
    subtotal: number; discount: number; shipping_fee: number; total: number; payment_method: PaymentMethod; installments: number; referral_code: string | null; items: string | null; unread: boolean };
  await streamPages<Row>(
    out,
    ORDER_HEADER,
    pageSize,
    async (after) => (await pool.query<Row>(text, [after?.at ?? null, after?.id ?? null, pageSize, ...values])).rows,
    (r) => [r.number, r.created, r.paid, KIND[r.kind], ORDER_STATUS[r.status], r.recipient_name, r.recipient_phone, r.items, r.subtotal, r.discount, r.shipping_fee, r.total,
      PAYMENT[r.payment_method], r.installments, r.referral_code, r.unread ? '是' : ''],
  );
}

/** The redemption list (票券核銷列表), newest first, with its search, as CSV (zh-TW headers, UTF-8 with BOM). */
export async function streamTicketCodesCsv(pool: pg.Pool, out: Writable, search: TicketCodeExportSearch | null, pageSize = EXPORT_PAGE_SIZE): Promise<void> {
  // The list's own search (trigram and prefix indexes), its `$1` moved after the keyset's parameters.
  const [where, values] = searchCondition(search);
  const condition = where ? `and (${where.replace(/^where /, '').replace(/\$1\b/g, '$4')})` : '';
  const text = `
    select c.id, c.created_at::text as key_at, c.code, c.order_number, c.product_title, c.variant_name, c.holder_name, c.holder_phone,
           c.quantity, c.redeemed_quantity, c.refunded_quantity, c.status, (select p.code from ticket_code p where p.id = c.parent_id) as parent_code,
           ${taipei('c.valid_from')} as valid_from, ${taipei('c.valid_until')} as valid_until, ${taipei('c.created_at')} as created
      from ticket_code c
     where ($1::timestamptz is null or (c.created_at, c.id) < ($1::timestamptz, $2::uuid)) ${condition}
     order by c.created_at desc, c.id desc
     limit $3`;
  type Row = { id: string; key_at: string; code: string; order_number: string; product_title: string; variant_name: string; holder_name: string; holder_phone: string;
    quantity: number; redeemed_quantity: number; refunded_quantity: number; status: TicketCodeStatus; parent_code: string | null; valid_from: string | null; valid_until: string | null; created: string };
  await streamPages<Row>(
    out,
    CODE_HEADER,
    pageSize,
    async (after) => (await pool.query<Row>(text, [after?.at ?? null, after?.id ?? null, pageSize, ...values])).rows,
    (r) => [r.code, r.order_number, r.product_title, r.variant_name, r.holder_name, r.holder_phone, r.quantity, r.redeemed_quantity, r.refunded_quantity,
      r.status === TicketCodeStatus.SPLIT || r.status === TicketCodeStatus.REFUNDED ? 0 : r.quantity - r.redeemed_quantity - r.refunded_quantity, CODE_STATUS[r.status], r.parent_code, r.valid_from, r.valid_until, r.created],
  );
}
