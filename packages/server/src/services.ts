import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { PrincipalCache } from './common/auth/principal-cache.js';
import type { Clock } from './common/clock.js';
import type { Services } from './common/context.js';
import { poolSql } from './common/db/sql.js';
import { JobQueue } from './common/jobs/job-queue.js';
import type { Logger } from './common/logger.js';
import type { AppConfig } from './config.js';
import { CatalogService } from './modules/catalog/catalog.service.js';
import { releaseExpiredHolds } from './modules/catalog/stock.js';
import { CommissionService } from './modules/commission/commission.service.js';
import { StatementService } from './modules/statements/statement.service.js';
import { DashboardService } from './modules/dashboard/dashboard.service.js';
import { JOB_BOOKS_ROLLUP, rollupBooks } from './modules/dashboard/books-rollup.js';
import { IdentityService } from './modules/identity/identity.service.js';
import { AccountRecoveryService, JOB_PASSWORD_RESET_MAIL, type PasswordResetMailJob } from './modules/identity/account-recovery.service.js';
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
import { AuditService } from './modules/audit/audit.service.js';
import { CodeLookupLimiter } from './modules/redemption/code-lookup-limiter.js';
import { RedemptionReversalService } from './modules/redemption/redemption-reversal.service.js';
import { RedemptionService } from './modules/redemption/redemption.service.js';
import { RefundService } from './modules/refunds/refund.service.js';
import { GateCountsService } from './modules/gate/gate-counts.service.js';
import { OfflineService } from './modules/gate/offline.service.js';
import { SnapshotSigner } from './modules/gate/snapshot-signer.js';
import { TicketCodeSplitService } from './modules/tickets/ticket-code-split.service.js';
import { createWebhookService, type WebhookService } from './modules/webhooks/webhook.service.js';
import { JOB_WEBHOOK_SWEEP } from './modules/webhooks/webhook-delivery.js';

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

export type { Services };

/** The services, built once per process; each takes the request context first. */
declare module './common/context.js' {
  interface Services {
    identity: IdentityService;
    /** B9: password reset by mail, staff re-enable. */
    accountRecovery: AccountRecoveryService;
    /** Who each bearer token is, kept while a change notice would reach this process. */
    principals: PrincipalCache;
    catalog: CatalogService;
    checkout: CheckoutService;
    /** P2-P5: how a payment's outcome reaches its order, whichever way it arrives. */
    settlement: PaymentSettlement;
    redemption: RedemptionService;
    /** B3: audited corrections of mistaken redemptions. */
    redemptionReversal: RedemptionReversalService;
    /** B5: the audit log (reading it; events are appended by `audit()` in each change's transaction). */
    audit: AuditService;
    /** B2: live gate counts (LISTEN/NOTIFY across API processes). */
    gate: GateCountsService;
    /** B7: offline snapshots, syncs and conflicts. */
    offline: OfflineService;
    tickets: TicketCodeSplitService;
    refunds: RefundService;
    statements: StatementService;
    /** B10: the dashboard, from the ledger's rollups. */
    dashboard: DashboardService;
    commission: CommissionService;
    gateway: PaymentGateway;
    /** B1: webhook endpoints, the delivery log and the delivery jobs. */
    webhooks: WebhookService;
    payments: { reconcile(range: { from: Date; to: Date }): Promise<ReconciliationRow[]> };
    jobs: JobQueue;
    /** Runs the time-driven sweeps now, as of the (test) clock. */
    runSweeps(): Promise<void>;
  }
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

  // B10: the ledger's new rows folded into the dashboard's rollups (the dashboard reads the rest itself).
  jobs.define({ name: JOB_BOOKS_ROLLUP, cron: '* * * * *', handle: async () => void (await rollupBooks(pool)) });

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
  const webhooks = createWebhookService({ config, pool, jobs, clock, log, mailer });
  const redemption = new RedemptionService(new CodeLookupLimiter(pool), pool);
  const gate = new GateCountsService(pool, config.databaseUrl, clock, log);
  redemption.onRedeemed(gate);
  const accountRecovery = new AccountRecoveryService({ pool, principals, jobs, mailer, clock, log, config });
  jobs.define<PasswordResetMailJob>({
    name: JOB_PASSWORD_RESET_MAIL,
    retryLimit: 50,
    retryDelaySeconds: 2,
    handle: (job) => accountRecovery.sendResetMail(job),
  });
  return {
    identity: new IdentityService(pool, principals),
    accountRecovery,
    principals,
    catalog: new CatalogService(),
    checkout,
    settlement,
    redemption,
    redemptionReversal: new RedemptionReversalService(),
    audit: new AuditService(pool),
    gate,
    offline: new OfflineService(pool, redemption, new SnapshotSigner(pool, config.offlineSnapshotSecret)),
    tickets: new TicketCodeSplitService(),
    refunds: new RefundService(gateway),
    statements: new StatementService(),
    dashboard: new DashboardService(pool),
    commission,
    gateway,
    webhooks,
    payments: { reconcile: (range) => reconcilePayments(pool, gateway, range) },
    jobs,
    runSweeps: async () => {
      await jobs.send(JOB_SWEEP_PENDING_PAYMENTS, {});
      await jobs.send(JOB_SWEEP_EXPIRED_ORDERS, {});
      await jobs.send(JOB_SWEEP_AUTO_CLOSE, {});
      await jobs.send(JOB_WEBHOOK_SWEEP, {});
    },
  };
}
