import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type pg from 'pg';
import { Permission, Role, ALL_ADMIN_PERMISSIONS, ROLE_PERMISSIONS, isApiKeyScope, permissionsForScopes, permissionsForUser } from '../../common/auth/permissions.js';
import type { PrincipalCache } from '../../common/auth/principal-cache.js';
import { hashPassword, newApiKeySecret, newSessionToken, sha256, verifyPassword, API_KEY_PREFIX } from '../../common/auth/tokens.js';
import type { Context, Principal } from '../../common/context.js';
import { Settings } from '../settings/settings.entity.js';
import { ApiKey } from './api-key.entity.js';
import {
  ApiKeyCreateErrors,
  ApiKeyCreatePayload,
  ApiKeyRevokeErrors,
  ApiKeyRevokePayload,
  ApiKeyUpdateErrors,
  ApiKeyUpdatePayload,
  AuthLoginErrors,
  AuthLoginPayload,
  CustomerRegisterErrors,
  CustomerRegisterPayload,
  SignInApp,
  StaffCreateErrors,
  StaffCreatePayload,
  StaffDisableErrors,
  StaffDisablePayload,
  StaffUpdatePermissionsErrors,
  StaffUpdatePermissionsPayload,
  Viewer,
  type ApiKeyCreateInput,
  type ApiKeyUpdateInput,
  type AuthLoginInput,
  type CustomerRegisterInput,
  type StaffCreateInput,
  type StaffUpdatePermissionsInput,
} from './identity.types.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

const SESSION_DAYS = 30;
export const MIN_PASSWORD = 8;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^\+?[0-9][0-9 -]{6,19}$/;

const APP_ROLES: Record<SignInApp, Role[]> = {
  [SignInApp.SHOP]: [Role.CUSTOMER],
  [SignInApp.ADMIN]: [Role.ADMIN],
  [SignInApp.CLERK]: [Role.TICKET_CLERK, Role.ADMIN],
};
const APP_NAMES: Record<SignInApp, { 'zh-TW': string; en: string }> = {
  [SignInApp.SHOP]: { 'zh-TW': '購物網站', en: 'shop' },
  [SignInApp.ADMIN]: { 'zh-TW': '管理後台', en: 'admin console' },
  [SignInApp.CLERK]: { 'zh-TW': '核銷系統（僅限門市店員與管理者）', en: 'redemption app (ticket clerks and admins only)' },
};

export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

/** How a phone is stored and looked up at sign-in: without spaces and dashes. */
export function normalisePhone(phone: string | null | undefined): string | null {
  return phone?.replace(/[\s-]/g, '') || null;
}

/** The first of `permissions` that the caller does not hold: nobody grants what they don't have. */
export function notHeld(ctx: Context, permissions: readonly Permission[]): Permission | undefined {
  return permissions.find((p) => !ctx.principal?.permissions.has(p));
}

/** Which unique constraint of app_user a failed insert hit, when it was one (two registrations at once). */
function uniqueViolated(e: unknown): string | undefined {
  return e instanceof UniqueConstraintViolationException ? (e as { constraint?: string }).constraint : undefined;
}

export class IdentityService {
  /** 10 sign-ins per account and address in 15 minutes, then a 15-minute wait. */
  private readonly loginLimiter: RateLimiterPostgres;
  /** 20 per account from all addresses together, so many addresses can't guess one password. */
  private readonly accountLoginLimiter: RateLimiterPostgres;

  constructor(
    private readonly pool: pg.Pool,
    private readonly principals: PrincipalCache,
  ) {
    const limiter = (keyPrefix: string, points: number) =>
      new RateLimiterPostgres({ storeClient: pool, tableName: 'rate_limit', tableCreated: true, keyPrefix, points, duration: 15 * 60, blockDuration: 15 * 60 });
    this.loginLimiter = limiter('login', 10);
    this.accountLoginLimiter = limiter('login-account', 20);
  }

  async register(ctx: Context, input: CustomerRegisterInput): Promise<CustomerRegisterPayload> {
    const payload = new CustomerRegisterPayload();
    const err = (code: Parameters<typeof CustomerRegisterErrors.error>[1], field: string) => payload.errors.push(CustomerRegisterErrors.error(ctx, code, field));
    const email = normaliseEmail(input.email);
    const settings = await ctx.em.findOneOrFail(Settings, 1);
    if (!email && settings.registrationEmailRequired) err('EMAIL_REQUIRED', 'email');
    if (email && !EMAIL_PATTERN.test(email)) err('INVALID_EMAIL', 'email');
    if (input.password.length < MIN_PASSWORD) err('PASSWORD_TOO_SHORT', 'password');
    if (!input.name.trim()) err('NAME_REQUIRED', 'name');
    const phone = normalisePhone(input.phone);
    if (input.phone?.trim() && !PHONE_PATTERN.test(input.phone.trim())) err('INVALID_PHONE', 'phone');
    else if (!email && phone && (await ctx.em.count(User, { phone, email: null, disabledAt: null }))) err('PHONE_TAKEN', 'phone');
    if (email && (await ctx.em.count(User, { email }))) err('EMAIL_TAKEN', 'email');
    if (payload.errors.length) return payload;

    const user = ctx.em.create(User, {
      email,
      name: input.name.trim(),
      phone,
      role: Role.CUSTOMER,
      passwordHash: await hashPassword(input.password),
      createdAt: ctx.clock.now(),
    });
    try {
      await ctx.em.flush();
    } catch (e) {
      // Another registration of the same email or sign-in phone committed after our check.
      const taken = uniqueViolated(e);
      if (taken === 'app_user_email_unique') err('EMAIL_TAKEN', 'email');
      else if (taken === 'app_user_sign_in_phone_unique') err('PHONE_TAKEN', 'phone');
      else throw e;
      return payload;
    }
    payload.user = user;
    payload.token = await this.openSession(ctx, user);
    return payload;
  }

  async login(ctx: Context, input: AuthLoginInput): Promise<AuthLoginPayload> {
    const payload = new AuthLoginPayload();
    const email = normaliseEmail(input.email) ?? '';
    const phone = normalisePhone(input.email) ?? '';
    const accountKey = email.includes('@') ? email : phone;
    const addressKey = `${accountKey}|${ctx.ip}`;
    // Every attempt takes its point before the password is checked, in one atomic upsert per limit, so
    // parallel attempts can't all pass a check made before any of them counted. Success gives it back.
    const wait = (await this.takeAttempt(this.loginLimiter, addressKey)) ?? (await this.takeAttempt(this.accountLoginLimiter, accountKey));
    if (wait !== undefined) {
      payload.errors.push(AuthLoginErrors.error(ctx, 'TOO_MANY_ATTEMPTS', undefined, { seconds: wait }));
      return payload;
    }

    const user = await ctx.em.findOne(User, { $or: [{ email }, { phone, email: null }], disabledAt: null }, { populate: ['passwordHash'] });
    // Without an account this checks a dummy hash, so the answer takes as long either way.
    const passwordMatches = await verifyPassword(user?.passwordHash ?? null, input.password);
    if (!user || !passwordMatches) {
      payload.errors.push(AuthLoginErrors.error(ctx, 'INVALID_CREDENTIALS', 'password'));
      return payload;
    }
    await this.loginLimiter.delete(addressKey);
    await this.accountLoginLimiter.reward(accountKey, 1);
    if (input.app && !APP_ROLES[input.app].includes(user.role)) {
      payload.errors.push(AuthLoginErrors.error(ctx, 'WRONG_APP', 'email', { app: APP_NAMES[input.app][ctx.locale] }));
      return payload;
    }
    payload.token = await this.openSession(ctx, user);
    payload.viewer = viewerOfUser(user);
    return payload;
  }

  /** Counts one attempt; when over the limit, the seconds to wait. */
  private async takeAttempt(limiter: RateLimiterPostgres, key: string): Promise<number | undefined> {
    try {
      await limiter.consume(key);
      return undefined;
    } catch (e) {
      if (e instanceof RateLimiterRes) return Math.ceil(e.msBeforeNext / 1000);
      throw e;
    }
  }

  async logout(ctx: Context): Promise<boolean> {
    if (!ctx.principal?.sessionId) return false;
    await ctx.em.nativeUpdate(Session, { id: ctx.principal.sessionId }, { revokedAt: ctx.clock.now() });
    await this.principals.announce(ctx.em, { sessionId: ctx.principal.sessionId });
    return true;
  }

  private async openSession(ctx: Context, user: User): Promise<string> {
    const token = newSessionToken();
    const now = ctx.clock.now();
    ctx.em.create(Session, {
      tokenHash: sha256(token),
      user,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_DAYS * 86400_000),
    });
    await ctx.em.flush();
    return token;
  }

  /**
   * Resolves a bearer token (session or API key) to a principal, or null: from the principal cache, else
   * one indexed query (a named statement, planned once per pooled connection).
   */
  authenticate(ctx: Pick<Context, 'clock'>, token: string): Promise<Principal | null> {
    const tokenHash = sha256(token);
    const now = ctx.clock.now();
    return this.principals.resolve(tokenHash, now, () => (token.startsWith(API_KEY_PREFIX) ? this.loadApiKey(tokenHash) : this.loadSession(tokenHash, now)));
  }

  private async loadApiKey(secretHash: string): Promise<{ principal: Principal; expiresAt: number } | null> {
    const { rows } = await this.pool.query<{ id: string; name: string; scopes: string[] }>({
      name: 'authenticate-api-key',
      text: 'select id, name, scopes from api_key where secret_hash = $1 and revoked_at is null',
      values: [secretHash],
    });
    const key = rows[0];
    if (!key) return null;
    return { principal: { role: Role.INTEGRATION, apiKeyId: key.id, displayName: key.name, permissions: new Set(permissionsForScopes(key.scopes)) }, expiresAt: Infinity };
  }

  private async loadSession(tokenHash: string, now: Date): Promise<{ principal: Principal; expiresAt: number } | null> {
    const { rows } = await this.pool.query<{ session_id: string; expires_at: Date; user_id: string; name: string; role: Role; admin_permissions: Permission[] }>({
      name: 'authenticate-session',
      text: `select s.id as session_id, s.expires_at, u.id as user_id, u.name, u.role, u.admin_permissions
               from auth_session s join app_user u on u.id = s.user_id
              where s.token_hash = $1 and s.revoked_at is null and s.expires_at > $2 and u.disabled_at is null`,
      values: [tokenHash, now],
    });
    const row = rows[0];
    if (!row) return null;
    return {
      principal: {
        role: row.role,
        userId: row.user_id,
        sessionId: row.session_id,
        displayName: row.name,
        permissions: new Set(permissionsForUser(row.role, row.admin_permissions)),
      },
      expiresAt: row.expires_at.getTime(),
    };
  }

  async viewer(ctx: Context): Promise<Viewer | null> {
    const p = ctx.principal;
    if (!p) return null;
    if (p.apiKeyId) {
      const key = await ctx.em.findOneOrFail(ApiKey, p.apiKeyId);
      return { id: key.id, name: key.name, email: null, phone: null, role: Role.INTEGRATION, permissions: [...p.permissions] };
    }
    return viewerOfUser(await ctx.em.findOneOrFail(User, p.userId!));
  }

  async staffCreate(ctx: Context, input: StaffCreateInput): Promise<StaffCreatePayload> {
    const payload = new StaffCreatePayload();
    const err = (code: Parameters<typeof StaffCreateErrors.error>[1], field?: string, params?: Record<string, string>) =>
      payload.errors.push(StaffCreateErrors.error(ctx, code, field, params));
    const email = normaliseEmail(input.email);
    if (!email || !EMAIL_PATTERN.test(email)) err('INVALID_EMAIL', 'email');
    if (input.password.length < MIN_PASSWORD) err('PASSWORD_TOO_SHORT', 'password');
    if (!input.name.trim()) err('NAME_REQUIRED', 'name');
    // An admin gets what was asked for, else what the creator holds; a clerk, its fixed set (S1).
    const isAdmin = input.role === Role.ADMIN;
    const adminPermissions = [...new Set(input.permissions ?? ALL_ADMIN_PERMISSIONS.filter((p) => ctx.principal?.permissions.has(p)))];
    if (!isAdmin && input.role !== Role.TICKET_CLERK) err('INVALID_ROLE', 'role');
    else if (!isAdmin && input.permissions?.length) err('STORE_USER_PERMISSIONS_IMMUTABLE', 'permissions');
    else if (adminPermissions.some((p) => !ALL_ADMIN_PERMISSIONS.includes(p))) err('INVALID_PERMISSION', 'permissions');
    else {
      const missing = notHeld(ctx, isAdmin ? adminPermissions : ROLE_PERMISSIONS[Role.TICKET_CLERK]);
      if (missing) err('PERMISSION_NOT_HELD', isAdmin ? 'permissions' : 'role', { permission: missing });
    }
    if (email && (await ctx.em.count(User, { email }))) err('EMAIL_TAKEN', 'email');
    if (payload.errors.length) return payload;

    payload.staff = ctx.em.create(User, {
      email,
      name: input.name.trim(),
      role: input.role,
      adminPermissions: input.role === Role.ADMIN ? adminPermissions : [],
      passwordHash: await hashPassword(input.password),
      createdAt: ctx.clock.now(),
    });
    await ctx.em.flush();
    return payload;
  }

  async staffUpdatePermissions(ctx: Context, input: StaffUpdatePermissionsInput): Promise<StaffUpdatePermissionsPayload> {
    const payload = new StaffUpdatePermissionsPayload();
    const err = (code: Parameters<typeof StaffUpdatePermissionsErrors.error>[1], field?: string, params?: Record<string, string>) =>
      payload.errors.push(StaffUpdatePermissionsErrors.error(ctx, code, field, params));
    const wanted = [...new Set(input.permissions)];
    const staff = await this.findStaff(ctx, input.staffId);
    const self = staff?.id === ctx.principal?.userId;
    if (!staff) err('STAFF_NOT_FOUND', 'staffId');
    else if (staff.role === Role.TICKET_CLERK) err('STORE_USER_PERMISSIONS_IMMUTABLE', 'permissions');
    else if (wanted.some((p) => !ALL_ADMIN_PERMISSIONS.includes(p))) err('INVALID_PERMISSION', 'permissions');
    else if (self && !wanted.includes(Permission.STAFF_MANAGE)) err('CANNOT_CHANGE_SELF', 'permissions');
    else if (staff.isOwner && !self && staff.permissions.some((p) => !wanted.includes(p))) err('OWNER_PROTECTED', 'staffId');
    else {
      // Only what is added is a grant: permissions the account already had may stay.
      const missing = notHeld(ctx, wanted.filter((p) => !staff.permissions.includes(p)));
      if (missing) err('PERMISSION_NOT_HELD', 'permissions', { permission: missing });
    }
    if (payload.errors.length || !staff) return payload;

    staff.adminPermissions = wanted;
    await ctx.em.flush();
    await this.principals.announce(ctx.em, { userId: staff.id });
    payload.staff = staff;
    return payload;
  }

  async staffDisable(ctx: Context, staffId: string): Promise<StaffDisablePayload> {
    const payload = new StaffDisablePayload();
    const staff = await this.findStaff(ctx, staffId);
    if (!staff) payload.errors.push(StaffDisableErrors.error(ctx, 'STAFF_NOT_FOUND', 'staffId'));
    else if (staff.id === ctx.principal?.userId) payload.errors.push(StaffDisableErrors.error(ctx, 'CANNOT_DISABLE_SELF', 'staffId'));
    else if (staff.isOwner) payload.errors.push(StaffDisableErrors.error(ctx, 'OWNER_PROTECTED', 'staffId'));
    if (payload.errors.length || !staff) return payload;

    const now = ctx.clock.now();
    staff.disabledAt ??= now;
    await ctx.em.flush();
    // S4: disabling ends the account's sessions at once.
    await ctx.em.nativeUpdate(Session, { user: staff.id, revokedAt: null }, { revokedAt: now });
    await this.principals.announce(ctx.em, { userId: staff.id });
    payload.staff = staff;
    return payload;
  }

  private async findStaff(ctx: Context, id: string): Promise<User | null> {
    if (!isUuid(id)) return null;
    return ctx.em.findOne(User, { id, role: { $in: [Role.ADMIN, Role.TICKET_CLERK] } });
  }

  async apiKeyCreate(ctx: Context, input: ApiKeyCreateInput): Promise<ApiKeyCreatePayload> {
    const payload = new ApiKeyCreatePayload();
    if (!input.name.trim()) payload.errors.push(ApiKeyCreateErrors.error(ctx, 'NAME_REQUIRED', 'name'));
    const unknown = input.scopes.find((s) => !isApiKeyScope(s));
    const notHeldScope = input.scopes.find((s) => notHeld(ctx, permissionsForScopes([s])));
    if (unknown !== undefined || input.scopes.length === 0) {
      payload.errors.push(ApiKeyCreateErrors.error(ctx, 'INVALID_SCOPE', 'scopes', { scope: unknown ?? '(none)' }));
    } else if (notHeldScope !== undefined) {
      // A key may do only what its creator may (I1): no reading every order through a new key.
      payload.errors.push(ApiKeyCreateErrors.error(ctx, 'SCOPE_NOT_HELD', 'scopes', { scope: notHeldScope }));
    }
    if (payload.errors.length) return payload;

    const secret = newApiKeySecret();
    payload.apiKey = ctx.em.create(ApiKey, {
      name: input.name.trim(),
      prefix: secret.slice(0, API_KEY_PREFIX.length + 6),
      secretHash: sha256(secret),
      scopes: [...new Set(input.scopes)],
      createdBy: ctx.principal?.userId ? ctx.em.getReference(User, ctx.principal.userId) : null,
      createdAt: ctx.clock.now(),
    });
    await ctx.em.flush();
    payload.secret = secret;
    return payload;
  }

  /**
   * I1: renames a key or changes its scopes, with apiKeyCreate's rule: nobody grants a scope whose
   * permissions they don't hold (only scopes added are grants; those the key has may stay). The key's
   * callers get the new scopes at once.
   */
  async apiKeyUpdate(ctx: Context, input: ApiKeyUpdateInput): Promise<ApiKeyUpdatePayload> {
    const payload = new ApiKeyUpdatePayload();
    const err = (code: Parameters<typeof ApiKeyUpdateErrors.error>[1], field: string, params?: Record<string, string>) => payload.errors.push(ApiKeyUpdateErrors.error(ctx, code, field, params));
    const key = isUuid(input.id) ? await ctx.em.findOne(ApiKey, input.id) : null;
    if (!key) err('API_KEY_NOT_FOUND', 'id');
    else if (key.revokedAt) err('API_KEY_REVOKED', 'id');
    if (input.name != null && !input.name.trim()) err('NAME_REQUIRED', 'name');
    if (input.scopes != null) {
      const unknown = input.scopes.find((s) => !isApiKeyScope(s));
      const added = input.scopes.filter((s) => !key?.scopes.includes(s));
      const notHeldScope = added.find((s) => notHeld(ctx, permissionsForScopes([s])));
      if (unknown !== undefined || input.scopes.length === 0) err('INVALID_SCOPE', 'scopes', { scope: unknown ?? '(none)' });
      else if (notHeldScope !== undefined) err('SCOPE_NOT_HELD', 'scopes', { scope: notHeldScope });
    }
    if (payload.errors.length || !key) return payload;

    if (input.name != null) key.name = input.name.trim();
    if (input.scopes != null) key.scopes = [...new Set(input.scopes)];
    await ctx.em.flush();
    await this.principals.announce(ctx.em, { apiKeyId: key.id });
    payload.apiKey = key;
    return payload;
  }

  async apiKeyRevoke(ctx: Context, apiKeyId: string): Promise<ApiKeyRevokePayload> {
    const payload = new ApiKeyRevokePayload();
    const key = isUuid(apiKeyId) ? await ctx.em.findOne(ApiKey, apiKeyId) : null;
    if (!key) {
      payload.errors.push(ApiKeyRevokeErrors.error(ctx, 'API_KEY_NOT_FOUND', 'apiKeyId'));
      return payload;
    }
    key.revokedAt ??= ctx.clock.now();
    await ctx.em.flush();
    await this.principals.announce(ctx.em, { apiKeyId: key.id });
    payload.apiKey = key;
    return payload;
  }
}

export function viewerOfUser(user: User): Viewer {
  return { id: user.id, email: user.email, name: user.name, phone: user.phone, role: user.role, permissions: user.permissions };
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
