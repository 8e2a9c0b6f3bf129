import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { authChecker } from './common/auth/auth-checker.js';
import { withInputLimits } from './common/graphql/input-limits.js';
import { withMutationTransactions } from './common/graphql/transaction.middleware.js';
import { CatalogResolver } from './modules/catalog/catalog.resolver.js';
import { CommissionResolver } from './modules/commission/commission.resolver.js';
import { StatementResolver } from './modules/statements/statement.resolver.js';
import { ApiKeyResolver } from './modules/identity/api-key.resolver.js';
import { OrderLineResolver, OrderResolver } from './modules/orders/order.resolver.js';
import { InquiryResolver } from './modules/inquiries/inquiry.resolver.js';
import { PaymentResolver } from './modules/payments/payment.resolver.js';
import { RedemptionResolver } from './modules/redemption/redemption.resolver.js';
import { RefundFieldsResolver, RefundResolver } from './modules/refunds/refund.resolver.js';
import { TicketCodeResolver } from './modules/tickets/ticket-code.resolver.js';
import { AuthResolver } from './modules/identity/auth.resolver.js';
import { StaffResolver } from './modules/identity/staff.resolver.js';
import { SettingsResolver } from './modules/settings/settings.resolver.js';
import { TestClockResolver } from './modules/testing/test-clock.resolver.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [
  AuthResolver,
  StaffResolver,
  ApiKeyResolver,
  SettingsResolver,
  CatalogResolver,
  OrderResolver,
  OrderLineResolver,
  TicketCodeResolver,
  RedemptionResolver,
  InquiryResolver,
  RefundResolver,
  RefundFieldsResolver,
  PaymentResolver,
  StatementResolver,
  CommissionResolver,
];

export async function createSchema(options: { testClock: boolean }): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.testClock ? [...resolvers, TestClockResolver] : resolvers,
    authChecker,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    emitSchemaFile: false,
  });
  // Bounds are checked outside the transaction: input that breaks them never opens one.
  return withInputLimits(withMutationTransactions(schema));
}
