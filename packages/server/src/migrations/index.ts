import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126163403_identity } from './Migration20261126163403_identity.js';
import { Migration20261126164402_commerce } from './Migration20261126164402_commerce.js';
import { Migration20261126170500_mail } from './Migration20261126170500_mail.js';
import { Migration20261126172000_redemption } from './Migration20261126172000_redemption.js';
import { Migration20261126173000_after_sale } from './Migration20261126173000_after_sale.js';
import { Migration20261126174000_money } from './Migration20261126174000_money.js';
import { Migration20261127030000_stock_hold } from './Migration20261127030000_stock_hold.js';
import { Migration20261204100000_identity_security } from './Migration20261204100000_identity_security.js';
import { Migration20261204110000_redemption_security } from './Migration20261204110000_redemption_security.js';
import { Migration20261204120000_checkout_security } from './Migration20261204120000_checkout_security.js';
import { Migration20261204130000_async_payments } from './Migration20261204130000_async_payments.js';
import { Migration20261204140000_gate } from './Migration20261204140000_gate.js';
import { Migration20261204150000_webhooks } from './Migration20261204150000_webhooks.js';
import { Migration20261204160000_audit } from './Migration20261204160000_audit.js';
import { Migration20261204170000_password_reset } from './Migration20261204170000_password_reset.js';
import { Migration20261204180000_back_office } from './Migration20261204180000_back_office.js';

/** Every migration, in order. Listed explicitly so the same list runs under tsx, vitest and the build. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261126163403_identity', class: Migration20261126163403_identity },
  { name: 'Migration20261126164402_commerce', class: Migration20261126164402_commerce },
  { name: 'Migration20261126170500_mail', class: Migration20261126170500_mail },
  { name: 'Migration20261126172000_redemption', class: Migration20261126172000_redemption },
  { name: 'Migration20261126173000_after_sale', class: Migration20261126173000_after_sale },
  { name: 'Migration20261126174000_money', class: Migration20261126174000_money },
  { name: 'Migration20261127030000_stock_hold', class: Migration20261127030000_stock_hold },
  { name: 'Migration20261204100000_identity_security', class: Migration20261204100000_identity_security },
  { name: 'Migration20261204110000_redemption_security', class: Migration20261204110000_redemption_security },
  { name: 'Migration20261204120000_checkout_security', class: Migration20261204120000_checkout_security },
  { name: 'Migration20261204130000_async_payments', class: Migration20261204130000_async_payments },
  { name: 'Migration20261204140000_gate', class: Migration20261204140000_gate },
  { name: 'Migration20261204150000_webhooks', class: Migration20261204150000_webhooks },
  { name: 'Migration20261204160000_audit', class: Migration20261204160000_audit },
  { name: 'Migration20261204170000_password_reset', class: Migration20261204170000_password_reset },
  { name: 'Migration20261204180000_back_office', class: Migration20261204180000_back_office },
];
