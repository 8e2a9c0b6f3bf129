import type pg from 'pg';
import { dateOrNull, inTransaction, statement } from '../../common/db/sql.js';
import type { Logger } from '../../common/logger.js';
import { qrUrlOf } from '../tickets/ticket-code.resolver.js';
import { buildOrderConfirmation } from './order-confirmation.mail.js';
import type { Mailer } from './mailer.js';

/** A mail is claimed by its key before it is sent: one message per key, whatever the retries. */
export const CLAIM = statement('mail-claim', 'insert into sent_mail (key, created_at) values ($1, now()) on conflict (key) do nothing returning key');

const ORDER_MAIL = statement(
  'mail-order-confirmation',
  `select o.id, o.number, o.total, u.email, u.name,
          coalesce((select json_agg(p.terms order by l.position) from order_line l join variant v on v.id = l.variant_id join product p on p.id = v.product_id where l.order_id = o.id), '[]') as terms,
          coalesce((select json_agg(json_build_object('code', c.code, 'productTitle', c.product_title, 'variantName', c.variant_name, 'quantity', c.quantity, 'validUntil', c.valid_until) order by c.created_at, c.code)
                      from ticket_code c where c.order_id = o.id and c.parent_id is null), '[]') as codes
     from customer_order o join app_user u on u.id = o.customer_id where o.id = $1`,
);

export const RECORD_SENT = statement('mail-record-sent', 'update sent_mail set message_id = $1 where key = $2');

interface OrderMailRow {
  id: string;
  number: string;
  total: number;
  email: string | null;
  name: string;
  terms: string[];
  codes: { code: string; productTitle: string; variantName: string; quantity: number; validUntil: string | null }[];
}

/**
 * T4: sends an order's confirmation once. The `sent_mail` row is inserted in a transaction that stays
 * open while the SMTP server accepts the message: a failure rolls it back (the job is retried later, so
 * SMTP down means later, not lost), a second worker waits on the row and then skips.
 */
export async function sendOrderConfirmation(deps: { pool: pg.Pool; mailer: Mailer; clerkUrl: string; log: Logger }, orderId: string): Promise<void> {
  await inTransaction(deps.pool, async (sql) => {
    const key = `confirmation:${orderId}`;
    if (!(await sql(CLAIM, [key])).length) return;
    const [order] = await sql<OrderMailRow>(ORDER_MAIL, [orderId]);
    if (!order) throw new Error(`order ${orderId} is gone`);
    if (!order.email) return;
    const message = await buildOrderConfirmation({
      to: order.email,
      customerName: order.name,
      orderNumber: order.number,
      total: order.total,
      terms: [...new Set(order.terms)].filter(Boolean).join('\n\n'),
      codes: order.codes.map((c) => ({ ...c, qrUrl: qrUrlOf(deps.clerkUrl, c.code), validUntil: dateOrNull(c.validUntil) })),
    });
    const sent = await deps.mailer.send({ ...message, messageId: `<order-${order.id}@e-ticket>` });
    await sql(RECORD_SENT, [sent.messageId, key]);
    deps.log.info({ orderId, messageId: sent.messageId }, 'order confirmation sent');
  });
}
