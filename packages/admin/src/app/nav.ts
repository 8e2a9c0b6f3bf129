import type { Permission } from '../gql/graphql';

export interface NavEntry {
  to: string;
  /** Key under admin.nav. */
  label: string;
  /** Hidden from admins without it, or without any of them (the server refuses them anyway). */
  permission: Permission | readonly Permission[];
}

/** Whether a viewer with these permissions sees the entry. */
export function canSee(entry: NavEntry, permissions: readonly string[]): boolean {
  const needed: readonly string[] = typeof entry.permission === 'string' ? [entry.permission] : entry.permission;
  return needed.some((p) => permissions.includes(p));
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
  {
    label: 'reconciliation',
    entries: [
      { to: '/reconciliation', label: 'statements', permission: 'REPORTS_READ' },
      // 金流對帳: the card gateway's records beside our books.
      { to: '/payment-reconciliation', label: 'paymentReconciliation', permission: 'REPORTS_READ' },
      { to: '/commission', label: 'commission', permission: 'REPORTS_READ' },
      // Referrers are read with either permission; creating one takes SETTINGS_MANAGE.
      { to: '/referrers', label: 'referrers', permission: ['SETTINGS_MANAGE', 'REPORTS_READ'] },
    ],
  },
];

/** `/settings/auto-close` -> `nav-settings-auto-close`. */
export const navTestId = (to: string) => `nav-${to.slice(1).replaceAll('/', '-')}`;

/**
 * Where `/` leads: the first page of the menu this viewer may open (電子票券列表 for a full admin, the
 * redemption pages for an admin who may only handle tickets); the first page of all when none is theirs.
 */
export function landingPath(permissions: readonly string[]): string {
  const entries = NAV.flatMap((g) => g.entries);
  return (entries.find((e) => canSee(e, permissions)) ?? entries[0]!).to;
}
