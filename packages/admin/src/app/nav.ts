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
  // B10: 首頁, the landing page of admins who read the reports; the others start where the menu gives them.
  { label: 'home', entries: [{ to: '/dashboard', label: 'dashboard', permission: 'REPORTS_READ' }] },
  {
    label: 'products',
    entries: [
      { to: '/products', label: 'productList', permission: 'CATALOG_MANAGE' },
      { to: '/purchase-limits', label: 'purchaseLimits', permission: 'CATALOG_MANAGE' },
      { to: '/mix-match', label: 'mixMatch', permission: 'CATALOG_MANAGE' },
      { to: '/redemptions', label: 'redemptions', permission: 'TICKETS_READ' },
      { to: '/redeem', label: 'redeem', permission: 'TICKETS_REDEEM' },
      // B2: 入場即時看板, live counts for a screen at the gate.
      { to: '/gate-board', label: 'gateBoard', permission: 'TICKETS_READ' },
      // B7: 離線核銷, conflicts and offline lists (read with either; resolving a conflict takes CATALOG_MANAGE).
      { to: '/offline', label: 'offline', permission: ['CATALOG_MANAGE', 'REPORTS_READ'] },
    ],
  },
  { label: 'orders', entries: [{ to: '/orders', label: 'allOrders', permission: 'ORDERS_READ' }] },
  {
    label: 'settings',
    entries: [
      { to: '/staff', label: 'staff', permission: 'STAFF_MANAGE' },
      { to: '/settings/registration', label: 'registration', permission: 'SETTINGS_MANAGE' },
      { to: '/api-keys', label: 'apiKeys', permission: 'API_KEYS_MANAGE' },
      // B1: signed webhooks for integrators.
      { to: '/webhooks', label: 'webhooks', permission: 'WEBHOOKS_MANAGE' },
      // B5: 操作紀錄, the audit log of privileged actions.
      { to: '/audit-log', label: 'auditLog', permission: 'AUDIT_READ' },
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
 * Where `/` leads: the first page of the menu this viewer may open (首頁 for an admin who reads the
 * reports, else 電子票券列表 for one who manages the catalog, the redemption pages for an admin who may
 * only handle tickets); the first page of all when none is theirs.
 */
export function landingPath(permissions: readonly string[]): string {
  const entries = NAV.flatMap((g) => g.entries);
  // Nothing of theirs: 電子票券列表, where the server's refusal explains (as before there was a 首頁).
  return (entries.find((e) => canSee(e, permissions)) ?? NAV.find((g) => g.label === 'products')!.entries[0]!).to;
}
