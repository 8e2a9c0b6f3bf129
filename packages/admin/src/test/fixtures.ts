import type { Viewer } from '@ticket/ui';

export const admin: Viewer = {
  id: 'u1',
  name: '王店長',
  email: 'admin@example.com',
  role: 'ADMIN',
  permissions: ['CATALOG_MANAGE', 'ORDERS_READ', 'ORDERS_MANAGE', 'REFUNDS_MANAGE', 'TICKETS_READ', 'TICKETS_REDEEM', 'STAFF_MANAGE', 'API_KEYS_MANAGE', 'SETTINGS_MANAGE', 'REPORTS_READ', 'WEBHOOKS_MANAGE'],
};
