import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { PrincipalCache } from './common/auth/principal-cache.js';
import type { Clock } from './common/clock.js';
import { poolSql } from './common/db/sql.js';
import { JobQueue } from './common/jobs/job-queue.js';
import type { Logger } from './common/logger.js';
import type { AppConfig } from './config.js';
import { CatalogService } from './modules/catalog/catalog.service.js';
import { releaseExpiredHolds } from './modules/catalog/stock.js';
import { CommissionService } from './modules/commission/commission.service.js';
import { StatementService } from './modules/statements/statement.service.js';
import { IdentityService } from './modules/identity/identity.service.js';
import { createMailer } from './modules/mail/mailer.js';
import { sendOrderConfirmation } from './modules/mail/order-mail.job.js';
import { CheckoutService, JOB_ORDER_EXPIRE } from './modules/orders/checkout.service.js';
import { JOB_LATE_PAYMENT_MAIL, JOB_ORDER_CONFIRMATION_MAIL, PaymentSettlement } from './modules/orders/payment-settlement.js';
import { sendLatePaymentRefund } from './modules/mail/late-payment-refund.mail.js';
import { Order, OrderStatus } from './modules/orders/order.entity.js';
import type { PaymentGateway } from './modules/payments/gateway.js';
import { SimulatedGateway } from './modules/payments/simulated-gateway.js';
import { TapPayGateway } from './modules/payments/tappay-gateway.js';
import { reconcilePayments, type ReconciliationRow } from './modules/payments/reconciliation.js';
import { CodeLookupLimiter } from './modules/redemption/code-lookup-limiter.js';
import { RedemptionService } from './modules/redemption/redemption.service.js';
import { RefundService } from './modules/refunds/refund.service.js';
import { TicketCodeSplitService } from './modules/tickets/ticket-code-split.service.js';

export const JOB_SWEEP_EXPIRED_ORDERS = 'orders.expire-sweep';
export const JOB_SWEEP_AUTO_CLOSE = 'orders.auto-close-sweep';
export const JOB_SWEEP_PENDING_PAYMENTS = 'payments.reconcile-pending-sweep';

/** B6: the simulator (default) or TapPay, as configured. The simulator reads its public URL when it needs it (tests learn their port late). */
function createGateway(config: AppConfig, gatewayPool: pg.Pool, clock: Clock): PaymentGateway {
  if (config.payment.gateway === 'tappay') return new TapPayGateway({ ...config.payment, clock });
  return new SimulatedGateway(gatewayPool, clock, {
    get publicUrl() {
      return config.shopUrl;
    },
    notify: config.simulatorNotify,
    lateNotifyMs: 3_000,
  });
}

/** The services, built once per process; each takes the request context first. */
export interface Services {
  identity: IdentityService;
  /** Who each bearer token is, kept while a change notice would reach this process. */
  principals: PrincipalCache;
  catalog: CatalogService;
  checkout: CheckoutService;
  /** P2-P5: how a payment's outcome reaches its order, whichever way it arrives. */
  settlement: PaymentSettlement;
  redemption: RedemptionService;
  tickets: TicketCodeSplitService;
  refunds: RefundService;
  statements: StatementService;
  commission: CommissionService;
  gateway: PaymentGateway;
  payments: { reconcile(range: { from: Date; to: Date }): Promise<ReconciliationRow[]> };
  jobs: JobQueue;
  /** Runs the time-driven sweeps now, as of the (test) clock. */
  runSweeps(): Promise<void>;
}

export function createServices(deps: { config: AppConfig; orm: MikroORM; pool: pg.Pool; gatewayPool: pg.Pool; clock: Clock; log: Logger; runJobs: boolean }): Services {
  const { config, orm, pool, clock, log } = deps;
  const jobs = new JobQueue(config.databaseUrl, log, deps.runJobs);
  const gateway = createGateway(config, deps.gatewayPool, clock);
  const settlement = new PaymentSettlement(pool, gateway, jobs, log);
  const checkout = new CheckoutService(pool, gateway, settlement, jobs, config.orderHoldMinutes, config);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, mailDir: config.mailDir, from: config.mailFrom, log });

  jobs.define<{ orderId: string }>({
    name: JOB_ORDER_EXPIRE,
    handle: ({ orderId }) => settlement.expire(clock, orderId),
  });
  // Sweeps read the clock when they run (the test clock may have moved since they were queued).
  jobs.define({
    name: JOB_SWEEP_EXPIRED_ORDERS,
    cron: '* * * * *',
    handle: async () => {
      const now = clock.now();
      await releaseExpiredHolds(poolSql(pool), now);
      const due = await orm.em.fork().find(Order, { status: OrderStatus.PENDING_PAYMENT, expiresAt: { $lte: now } }, { fields: ['id'], limit: 500 });
      for (const { id } of due) await settlement.expire(clock, id);
    },
  });
  // P4: orders still waiting for their payment after a minute are settled from the gateway's records
  // (a notification lost, a shopper who never came back).
  jobs.define({
    name: JOB_SWEEP_PENDING_PAYMENTS,
    cron: '* * * * *',
    handle: async () => {
      for (const id of await settlement.awaitingPayment(clock.now(), 60_000)) await settlement.settleOrder(clock, id);
    },
  });
  jobs.define<{ orderId: string }>({
    name: JOB_ORDER_CONFIRMATION_MAIL,
    retryLimit: 50,
    retryDelaySeconds: 2,
    handle: ({ orderId }) => sendOrderConfirmation({ pool, mailer, clerkUrl: config.clerkUrl, log }, orderId),
  });
  jobs.define<{ orderId: string }>({
    name: JOB_LATE_PAYMENT_MAIL,
    retryLimit: 50,
    retryDelaySeconds: 2,
    handle: ({ orderId }) => sendLatePaymentRefund({ pool, mailer, log }, orderId),
  });

  const commission = new CommissionService();
  jobs.define({
    name: JOB_SWEEP_AUTO_CLOSE,
    cron: '*/5 * * * *',
    handle: async () => {
      const now = clock.now();
      for (const id of await commission.dueForClosing(orm.em.fork(), now)) await commission.close(orm.em.fork(), id, now);
    },
  });

  const principals = new PrincipalCache(config.databaseUrl, config.authCacheSeconds, log);
  return {
    identity: new IdentityService(pool, principals),
    principals,
    catalog: new CatalogService(),
    checkout,
    settlement,
    redemption: new RedemptionService(new CodeLookupLimiter(pool), pool),
    tickets: new TicketCodeSplitService(),
    refunds: new RefundService(gateway),
    statements: new StatementService(),
    commission,
    gateway,
    payments: { reconcile: (range) => reconcilePayments(pool, gateway, range) },
    jobs,
    runSweeps: async () => {
      await jobs.send(JOB_SWEEP_PENDING_PAYMENTS, {});
      await jobs.send(JOB_SWEEP_EXPIRED_ORDERS, {});
      await jobs.send(JOB_SWEEP_AUTO_CLOSE, {});
    },
  };
}
