import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../common/logger.js';
import { User } from '../identity/user.entity.js';
import { Order } from '../orders/order.entity.js';
import { TicketCode } from '../tickets/ticket-code.entity.js';
import { qrUrlOf } from '../tickets/ticket-code.resolver.js';
import { buildOrderConfirmation } from './order-confirmation.mail.js';
import type { Mailer } from './mailer.js';

/**
 * T4: sends an order's confirmation once. The `sent_mail` row is inserted in a transaction that stays
 * open while the SMTP server accepts the message: a failure rolls it back (pg-boss retries later, so
 * SMTP down means later, not lost), a second worker waits on the row and then skips.
 */
export async function sendOrderConfirmation(deps: { orm: MikroORM; mailer: Mailer; clerkUrl: string; log: Logger }, orderId: string): Promise<void> {
  await deps.orm.em.fork().transactional(async (em) => {
    const key = `confirmation:${orderId}`;
    const claimed = await em.getConnection().execute<{ key: string }[]>(
      'insert into sent_mail (key, created_at) values (?, now()) on conflict (key) do nothing returning key',
      [key],
      'all',
      em.getTransactionContext(),
    );
    if (!claimed.length) return;
    const order = await em.findOneOrFail(Order, orderId, { populate: ['lines', 'lines.variant', 'lines.variant.product'] });
    const customer = await em.findOneOrFail(User, order.customer.id);
    if (!customer.email) return;
    const codes = await em.find(TicketCode, { order: orderId, parent: null }, { orderBy: { createdAt: 'asc' } });
    const terms = [...new Set(order.lines.getItems().map((l) => l.variant.getEntity().product.getEntity().terms))].filter(Boolean).join('\n\n');
    const message = await buildOrderConfirmation({
      to: customer.email,
      customerName: customer.name,
      orderNumber: order.number,
      total: order.total,
      terms,
      codes: codes.map((c) => ({ code: c.code, qrUrl: qrUrlOf(deps.clerkUrl, c.code), productTitle: c.productTitle, variantName: c.variantName, quantity: c.quantity, validUntil: c.validUntil })),
    });
    const sent = await deps.mailer.send({ ...message, messageId: `<order-${order.id}@e-ticket>` });
    await em.getConnection().execute('update sent_mail set message_id = ? where key = ?', [sent.messageId, key], 'run', em.getTransactionContext());
    deps.log.info({ orderId, messageId: sent.messageId }, 'order confirmation sent');
  });
}
