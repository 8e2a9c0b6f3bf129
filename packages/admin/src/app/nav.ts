import type { Permission } from '../gql/graphql';

export interface NavEntry {
  to: string;
  /** Key under admin.nav. */
  label: string;
  /** Hidden from admins without it (the server refuses them anyway). */
  permission: Permission;
}

/** The merchant's familiar menu (SPEC "Where things are in the UIs"). */
export const NAV: { label: string; entries: NavEntry[] }[] = [
  {
    label: 'products',
    entries: [
      { to: '/products', label: 'productList', permission: 'CATALOG_MANAGE' },
      { to: '/purchase-limits', label: 'purchaseLimits', permission: 'CATALOG_MANAGE' },
      { to: '/mix-match', label: 'mixMatch', permission: 'CATALOG_MANAGE' },
      { to: '/redemptions', label: 'redemptions', permission: 'TICKETS_READ' },
      { to: '/redeem', label: 'redeem', permission: 'TICKETS_REDEEM' },
    ],
  },
  { label: 'orders', entries: [{ to: '/orders', label: 'allOrders', permission: 'ORDERS_READ' }] },
  {
    label: 'settings',
    entries: [
      { to: '/staff', label: 'staff', permission: 'STAFF_MANAGE' },
      { to: '/settings/registration', label: 'registration', permission: 'SETTINGS_MANAGE' },
      { to: '/api-keys', label: 'apiKeys', permission: 'API_KEYS_MANAGE' },
    ],
  },
  { label: 'payments', entries: [{ to: '/settings/auto-close', label: 'autoClose', permission: 'SETTINGS_MANAGE' }] },
  { label: 'reconciliation', entries: [{ to: '/reconciliation', label: 'reconciliation', permission: 'REPORTS_READ' }] },
];

/** `/settings/auto-close` -> `nav-settings-auto-close`. */
export const navTestId = (to: string) => `nav-${to.slice(1).replaceAll('/', '-')}`;
