import { registerEnumType } from 'type-graphql';

/** Everything a principal may be allowed to do. Roles and API-key scopes map onto these, here and only here. */
export enum Permission {
  /** Buy tickets and goods, see and manage one's own orders and codes. */
  SHOPPER_ACCESS = 'SHOPPER_ACCESS',
  CATALOG_MANAGE = 'CATALOG_MANAGE',
  ORDERS_READ = 'ORDERS_READ',
  ORDERS_MANAGE = 'ORDERS_MANAGE',
  REFUNDS_MANAGE = 'REFUNDS_MANAGE',
  TICKETS_READ = 'TICKETS_READ',
  TICKETS_REDEEM = 'TICKETS_REDEEM',
  STAFF_MANAGE = 'STAFF_MANAGE',
  API_KEYS_MANAGE = 'API_KEYS_MANAGE',
  SETTINGS_MANAGE = 'SETTINGS_MANAGE',
  REPORTS_READ = 'REPORTS_READ',
  /** B1: webhook endpoints, their secrets and delivery log. */
  WEBHOOKS_MANAGE = 'WEBHOOKS_MANAGE',
  /** B5: read the audit log of privileged actions (auditEvents, its CSV export). */
  AUDIT_READ = 'AUDIT_READ',
  /** B3: correct a mistaken redemption with an audited reversal (never a clerk's, never an API key's). */
  REDEMPTIONS_ADJUST = 'REDEMPTIONS_ADJUST',
}
registerEnumType(Permission, { name: 'Permission', description: 'A permission granted by a role or an API-key scope.' });

export enum Role {
  CUSTOMER = 'CUSTOMER',
  ADMIN = 'ADMIN',
  TICKET_CLERK = 'TICKET_CLERK',
  INTEGRATION = 'INTEGRATION',
}
registerEnumType(Role, { name: 'Role', description: 'What kind of principal is calling: a shopper, a staff member or an API key.' });

/** Field-level rule checked against the object itself: the signed-in shopper owns it. */
export const OWNER = 'OWNER';

export const ALL_ADMIN_PERMISSIONS: Permission[] = [
  Permission.CATALOG_MANAGE,
  Permission.ORDERS_READ,
  Permission.ORDERS_MANAGE,
  Permission.REFUNDS_MANAGE,
  Permission.TICKETS_READ,
  Permission.TICKETS_REDEEM,
  Permission.STAFF_MANAGE,
  Permission.API_KEYS_MANAGE,
  Permission.SETTINGS_MANAGE,
  Permission.REPORTS_READ,
  Permission.WEBHOOKS_MANAGE,
  Permission.AUDIT_READ,
  Permission.REDEMPTIONS_ADJUST,
];

/** Fixed permissions per role. Admins get theirs from their account (editable), within ALL_ADMIN_PERMISSIONS. */
export const ROLE_PERMISSIONS: Record<Exclude<Role, Role.ADMIN | Role.INTEGRATION>, readonly Permission[]> = {
  [Role.CUSTOMER]: [Permission.SHOPPER_ACCESS],
  // S1: a ticket clerk sees only the redemption list and the redeem page; this set never changes.
  [Role.TICKET_CLERK]: [Permission.TICKETS_READ, Permission.TICKETS_REDEEM],
};

/** I1: API-key scopes and what each grants. */
export const API_KEY_SCOPES = {
  'tickets:read': [Permission.TICKETS_READ],
  'tickets:redeem': [Permission.TICKETS_READ, Permission.TICKETS_REDEEM],
  'orders:read': [Permission.ORDERS_READ],
  'catalog:write': [Permission.CATALOG_MANAGE],
  'reports:read': [Permission.REPORTS_READ],
  'webhooks:manage': [Permission.WEBHOOKS_MANAGE],
} as const satisfies Record<string, readonly Permission[]>;

export type ApiKeyScope = keyof typeof API_KEY_SCOPES;

export function isApiKeyScope(scope: string): scope is ApiKeyScope {
  return Object.prototype.hasOwnProperty.call(API_KEY_SCOPES, scope);
}

export function permissionsForScopes(scopes: readonly string[]): Permission[] {
  return [...new Set(scopes.filter(isApiKeyScope).flatMap((s) => API_KEY_SCOPES[s]))];
}

export function permissionsForUser(role: Role, adminPermissions: readonly Permission[]): Permission[] {
  if (role === Role.ADMIN) return adminPermissions.filter((p) => ALL_ADMIN_PERMISSIONS.includes(p));
  if (role === Role.INTEGRATION) return [];
  return [...ROLE_PERMISSIONS[role]];
}
