import 'reflect-metadata';
import { MixMatchDiscount } from './modules/catalog/mix-match-discount.entity.js';
import { Product } from './modules/catalog/product.entity.js';
import { PurchaseLimitGroup } from './modules/catalog/purchase-limit-group.entity.js';
import { Variant } from './modules/catalog/variant.entity.js';
import { Referrer } from './modules/commission/referrer.entity.js';
import { ApiKey } from './modules/identity/api-key.entity.js';
import { PasswordReset } from './modules/identity/password-reset.entity.js';
import { OrderMessage } from './modules/inquiries/order-message.entity.js';
import { Refund, RefundCode } from './modules/refunds/refund.entity.js';
import { Session } from './modules/identity/session.entity.js';
import { User } from './modules/identity/user.entity.js';
import { LedgerEntry } from './modules/ledger/ledger-entry.entity.js';
import { OrderLine } from './modules/orders/order-line.entity.js';
import { Order } from './modules/orders/order.entity.js';
import { Payment, PaymentNotification } from './modules/payments/payment.entity.js';
import { Settings } from './modules/settings/settings.entity.js';
import { Redemption } from './modules/tickets/redemption.entity.js';
import { TicketCode } from './modules/tickets/ticket-code.entity.js';
import { WebhookEndpoint } from './modules/webhooks/webhook-endpoint.entity.js';

export const entities = [
  User,
  Session,
  ApiKey,
  PasswordReset,
  Settings,
  Product,
  Variant,
  PurchaseLimitGroup,
  MixMatchDiscount,
  Order,
  OrderLine,
  Payment,
  PaymentNotification,
  TicketCode,
  Redemption,
  LedgerEntry,
  OrderMessage,
  Refund,
  RefundCode,
  Referrer,
  WebhookEndpoint,
];
