import type pg from 'pg';
import { inTransaction, statement } from '../../common/db/sql.js';
import type { Logger } from '../../common/logger.js';
import type { Mailer } from './mailer.js';
import { CLAIM, RECORD_SENT } from './order-mail.job.js';

const LATE_PAYMENT = statement(
  'mail-late-payment',
  `select o.id, o.number, u.email, u.name, p.amount, p.late_refund_reference
     from customer_order o join app_user u on u.id = o.customer_id join payment p on p.order_id = o.id
    where o.id = $1 and p.late_refund_reference is not null`,
);

/**
 * P5: tells the shopper that their payment arrived after the order's hold expired and was given back.
 * Sent once, through the same claim as the confirmation (a failure is retried, never sent twice).
 */
export async function sendLatePaymentRefund(deps: { pool: pg.Pool; mailer: Mailer; log: Logger }, orderId: string): Promise<void> {
  await inTransaction(deps.pool, async (sql) => {
    const key = `late-payment-refund:${orderId}`;
    if (!(await sql(CLAIM, [key])).length) return;
    const [row] = await sql<{ id: string; number: string; email: string | null; name: string; amount: number; late_refund_reference: string }>(LATE_PAYMENT, [orderId]);
    if (!row?.email) return;
    const amount = `NT$${row.amount.toLocaleString('en-US')}`;
    const sent = await deps.mailer.send({
      to: row.email,
      subject: `訂單 ${row.number} 付款已退回 / Your payment for order ${row.number} was refunded`,
      text: [
        `${row.name} 您好：`,
        `您為訂單 ${row.number} 支付的 ${amount} 在訂單保留時間結束後才完成，票券已釋出，這筆款項已全額退回您的信用卡（退款編號 ${row.late_refund_reference}）。退款入帳時間依發卡銀行作業而定。`,
        '',
        `Hello ${row.name},`,
        `Your payment of ${amount} for order ${row.number} completed after the order's hold had expired and its tickets were released, so it has been refunded in full to your card (reference ${row.late_refund_reference}). When it appears depends on your card issuer.`,
      ].join('\n'),
      messageId: `<late-payment-${row.id}@e-ticket>`,
    });
    await sql(RECORD_SENT, [sent.messageId, key]);
    deps.log.info({ orderId, messageId: sent.messageId }, 'late payment refund mail sent');
  });
}
