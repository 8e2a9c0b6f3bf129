import type { EntityManager } from '@mikro-orm/postgresql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../config.js';
import type { Permission, Role } from './auth/permissions.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import type { Locale } from './i18n.js';

/**
 * The application's services as resolvers reach them (`ctx.services`). Empty here: the composition root
 * (services.ts) declares its members, so the context imports no module and no module imports it back.
 */
export interface Services {}

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
  req: IncomingMessage;
  res: ServerResponse;
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

type RequestContextFields = Omit<Context, 'em' | 'log'> & { forkEm(): EntityManager; childLog(): Logger };

/**
 * The context of one GraphQL request. Its entity manager and logger are made on first use (a redemption
 * needs neither). They are accessors on the prototype over plain fields because Apollo hands resolvers a
 * copy made with Object.assign, which would otherwise call them at once.
 */
export class RequestContext implements Context {
  principal!: Principal | null;
  req!: IncomingMessage;
  res!: ServerResponse;
  clock!: Clock;
  config!: AppConfig;
  requestId!: string;
  locale!: Locale;
  services!: Services;
  ip!: string;
  private forkEm!: () => EntityManager;
  private childLog!: () => Logger;
  private currentEm?: EntityManager = undefined;
  private currentLog?: Logger = undefined;

  constructor(fields: RequestContextFields) {
    Object.assign(this, fields);
  }

  get em(): EntityManager {
    return (this.currentEm ??= this.forkEm());
  }

  /** The mutation's transaction swaps in its own entity manager. */
  set em(em: EntityManager) {
    this.currentEm = em;
  }

  get log(): Logger {
    return (this.currentLog ??= this.childLog());
  }
}
