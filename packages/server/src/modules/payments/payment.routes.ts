import express, { type Router } from 'express';
import type { Clock } from '../../common/clock.js';
import type { Logger } from '../../common/logger.js';
import type { PaymentSettlement } from '../orders/payment-settlement.js';
import type { PaymentGateway } from './gateway.js';
import { SimulatedGateway } from './simulated-gateway.js';
import { challengePage } from './challenge-page.js';

interface Deps {
  gateway: PaymentGateway;
  settlement: PaymentSettlement;
  clock: Clock;
  log: Logger;
  /** Read when needed: a test server learns its port after start. */
  shopUrl: () => string;
}

/**
 * The card gateway's ways back to us (P4): its backend notification, the shopper's return from 3-D
 * Secure, and, for the simulator, the 3-D Secure page itself. Notifications are only hints: the order
 * changes after the gateway's own record of the charge says so.
 */
export function paymentRoutes({ gateway, settlement, clock, log, shopUrl }: Deps): Router {
  const router = express.Router();
  // `from=bank`: the order page says in a sentence of its own how the payment ended.
  const orderPage = (orderId: string) => `${shopUrl()}/account/orders/${encodeURIComponent(orderId)}?from=bank`;

  router.post(`/payments/${gateway.name}/notify`, express.json({ limit: '64kb' }), async (req, res) => {
    const hint = gateway.parseNotification(req.body);
    if (!hint) return void res.status(400).json({ error: 'NOT_A_NOTIFICATION' });
    await settlement.recordNotification(clock, gateway.name, hint, req.body);
    // Answered at once; the settlement follows. If it fails here, the reconciliation sweep settles the order.
    res.status(200).json({ status: 0 });
    settlement.settleCharge(clock, hint).catch((err: unknown) => log.warn({ err, chargeId: hint.chargeId }, 'settling from a notification failed; reconciliation will retry'));
  });

  router.get(`/payments/${gateway.name}/return`, async (req, res) => {
    const orderId = typeof req.query.order === 'string' ? req.query.order : '';
    const settled = await settlement.settleOrder(clock, orderId).catch((err: unknown) => {
      log.warn({ err, orderId }, 'settling on the shopper\'s return failed; the order page keeps asking');
      return null;
    });
    res.redirect(303, orderPage(settled?.id ?? orderId));
  });

  if (gateway instanceof SimulatedGateway) {
    router.get('/payments/simulator/3ds/:chargeId', async (req, res) => {
      const pending = await gateway.pendingChallenge(req.params.chargeId);
      res.setHeader('Cache-Control', 'no-store');
      // The page is a plain form: no script, so its own policy can forbid every script.
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
      res.status(pending ? 200 : 404).type('html').send(challengePage(req.params.chargeId, pending));
    });
    router.post('/payments/simulator/3ds/:chargeId', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
      const answer = (req.body as { answer?: string }).answer;
      if (answer !== 'approve' && answer !== 'decline') return void res.status(400).send('answer must be approve or decline');
      const done = await gateway.completeChallenge(req.params.chargeId, answer === 'approve');
      if (!done) return void res.status(404).send('no such 3-D Secure step');
      res.redirect(303, done.returnUrl);
    });
  }
  return router;
}
