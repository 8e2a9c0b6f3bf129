import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config.js';
import type { Permission, Role } from './auth/permissions.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import type { Locale } from './i18n.js';
import type { Services } from '../services.js';

export interface Principal {
  role: Role;
  permissions: ReadonlySet<Permission>;
  userId?: string;
  sessionId?: string;
  apiKeyId?: string;
  /** The account's or API key's name, for audit records (R2). */
  displayName: string;
}

export interface Context {
  em: EntityManager;
  principal: Principal | null;
  req: Request;
  res: Response;
  clock: Clock;
  config: AppConfig;
  log: Logger;
  requestId: string;
  locale: Locale;
  services: Services;
  /** The client address, for rate limits. */
  ip: string;
}

export function can(ctx: Pick<Context, 'principal'>, permission: Permission): boolean {
  return ctx.principal?.permissions.has(permission) ?? false;
}
