import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, type NonEmptyArray, type PubSub } from 'type-graphql';
import { authChecker } from './common/auth/auth-checker.js';
import { withInputLimits } from './common/graphql/input-limits.js';
import { withMutationTransactions } from './common/graphql/transaction.middleware.js';
import { AuditResolver } from './modules/audit/audit.resolver.js';
import { withAuditTrail } from './modules/audit/audit-trail.js';
import { CatalogResolver } from './modules/catalog/catalog.resolver.js';
import { CommissionResolver } from './modules/commission/commission.resolver.js';
import { StatementResolver } from './modules/statements/statement.resolver.js';
import { DashboardResolver } from './modules/dashboard/dashboard.resolver.js';
import { ApiKeyResolver } from './modules/identity/api-key.resolver.js';
import { AccountRecoveryResolver, PasswordResetCompletePayloadResolver, PasswordResetRequestPayloadResolver } from './modules/identity/account-recovery.resolver.js';
import { OrderLineResolver, OrderResolver } from './modules/orders/order.resolver.js';
import { InquiryResolver } from './modules/inquiries/inquiry.resolver.js';
import { PaymentResolver } from './modules/payments/payment.resolver.js';
import { RedemptionResolver } from './modules/redemption/redemption.resolver.js';
import { RedemptionReversalResolver } from './modules/redemption/redemption-reversal.resolver.js';
import { GateCountsResolver } from './modules/gate/gate-counts.resolver.js';
import { OfflineResolver, TicketCodeOfflineSyncPayloadResolver } from './modules/gate/offline.resolver.js';
import { RefundFieldsResolver, RefundResolver } from './modules/refunds/refund.resolver.js';
import { TicketCodeResolver } from './modules/tickets/ticket-code.resolver.js';
import { AuthResolver } from './modules/identity/auth.resolver.js';
import { StaffResolver } from './modules/identity/staff.resolver.js';
import { SettingsResolver } from './modules/settings/settings.resolver.js';
import { TestClockResolver } from './modules/testing/test-clock.resolver.js';
import { WebhookResolver } from './modules/webhooks/webhook.resolver.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [
  AuthResolver,
  StaffResolver,
  AccountRecoveryResolver,
  PasswordResetRequestPayloadResolver,
  PasswordResetCompletePayloadResolver,
  ApiKeyResolver,
  SettingsResolver,
  CatalogResolver,
  OrderResolver,
  OrderLineResolver,
  TicketCodeResolver,
  RedemptionResolver,
  RedemptionReversalResolver,
  OfflineResolver,
  TicketCodeOfflineSyncPayloadResolver,
  GateCountsResolver,
  InquiryResolver,
  RefundResolver,
  RefundFieldsResolver,
  PaymentResolver,
  StatementResolver,
  DashboardResolver,
  CommissionResolver,
  WebhookResolver,
  AuditResolver,
];

/**
 * type-graphql wants a PubSub as soon as the schema has a subscription; ours (B2 gateCounts) brings its own
 * `subscribe`, fed by PostgreSQL LISTEN/NOTIFY (modules/gate), so nothing is ever published here.
 */
const noPubSub: PubSub = {
  publish: () => {
    throw new Error('no PubSub: subscriptions here bring their own subscribe');
  },
  subscribe: () => {
    throw new Error('no PubSub: subscriptions here bring their own subscribe');
  },
};

export async function createSchema(options: { testClock: boolean }): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.testClock ? [...resolvers, TestClockResolver] : resolvers,
    authChecker,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    emitSchemaFile: false,
    pubSub: noPubSub,
  });
  // Bounds are checked outside the transaction: input that breaks them never opens one. B5: the audit trail
  // is inside it (an audit event commits or rolls back with its change).
  return withInputLimits(withMutationTransactions(withAuditTrail(schema)));
}
