import type { EntityManager } from '@mikro-orm/postgresql';
import { ALL_ADMIN_PERMISSIONS, Role } from '../common/auth/permissions.js';
import { hashPassword } from '../common/auth/tokens.js';
import type { Clock } from '../common/clock.js';
import { User } from '../modules/identity/user.entity.js';
import { seedDemoCatalog } from './demo-catalog.js';

export const DEMO_ACCOUNTS = [
  { role: Role.ADMIN, email: 'admin@example.com', password: 'admin1234', name: '王店長 Store Admin', phone: '0911000111' },
  { role: Role.TICKET_CLERK, email: 'clerk@example.com', password: 'clerk1234', name: '林店員 Ticket Clerk', phone: '0922000222' },
  { role: Role.CUSTOMER, email: 'shopper@example.com', password: 'shopper1234', name: '陳小美', phone: '0912345678' },
] as const;

/** Creates the demo accounts and catalog once (never in production). Returns false when already there. */
export async function seedDemoData(em: EntityManager, clock: Clock): Promise<boolean> {
  if (await em.count(User, { email: DEMO_ACCOUNTS[0].email })) return false;
  await em.transactional(async (tx) => {
    for (const account of DEMO_ACCOUNTS) {
      tx.create(User, {
        email: account.email,
        name: account.name,
        phone: account.phone,
        role: account.role,
        adminPermissions: account.role === Role.ADMIN ? ALL_ADMIN_PERMISSIONS : [],
        // The demo's one admin is the store owner: nobody else can disable or reduce it (S4).
        isOwner: account.role === Role.ADMIN,
        passwordHash: await hashPassword(account.password),
        createdAt: clock.now(),
      });
    }
    await seedDemoCatalog(tx, clock);
  });
  return true;
}
