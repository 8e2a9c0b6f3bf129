import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type pg from 'pg';
import { Permission, Role, ALL_ADMIN_PERMISSIONS, isApiKeyScope, permissionsForScopes, permissionsForUser } from '../../common/auth/permissions.js';
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
  type AuthLoginInput,
  type CustomerRegisterInput,
  type StaffCreateInput,
  type StaffUpdatePermissionsInput,
} from './identity.types.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

const SESSION_DAYS = 30;
const MIN_PASSWORD = 8;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
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

export class IdentityService {
  private readonly loginLimiter: RateLimiterPostgres;

  constructor(
    private readonly pool: pg.Pool,
    private readonly principals: PrincipalCache,
  ) {
    // 10 failed sign-ins per account+address in 15 minutes, then a 15-minute wait.
    this.loginLimiter = new RateLimiterPostgres({
      storeClient: pool,
      tableName: 'rate_limit',
      tableCreated: true,
      keyPrefix: 'login',
      points: 10,
      duration: 15 * 60,
      blockDuration: 15 * 60,
    });
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
    const phone = input.phone?.trim() || null;
    if (phone && !PHONE_PATTERN.test(phone)) err('INVALID_PHONE', 'phone');
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
    await ctx.em.flush();
    payload.user = user;
    payload.token = await this.openSession(ctx, user);
    return payload;
  }

  async login(ctx: Context, input: AuthLoginInput): Promise<AuthLoginPayload> {
    const payload = new AuthLoginPayload();
    const identifier = input.email.trim().toLowerCase();
    const limiterKey = `${identifier}|${ctx.ip}`;
    const blocked = await this.loginLimiter.get(limiterKey);
    if (blocked && blocked.remainingPoints <= 0) {
      payload.errors.push(AuthLoginErrors.error(ctx, 'TOO_MANY_ATTEMPTS', undefined, { seconds: Math.ceil(blocked.msBeforeNext / 1000) }));
      return payload;
    }

    const user = await ctx.em.findOne(
      User,
      { $or: [{ email: identifier }, { phone: input.email.trim(), email: null }], disabledAt: null },
      { populate: ['passwordHash'] },
    );
    if (!user || !(await verifyPassword(user.passwordHash, input.password))) {
      await this.loginLimiter.consume(limiterKey).catch((e: unknown) => {
        if (!(e instanceof RateLimiterRes)) throw e;
      });
      payload.errors.push(AuthLoginErrors.error(ctx, 'INVALID_CREDENTIALS', 'password'));
      return payload;
    }
    if (input.app && !APP_ROLES[input.app].includes(user.role)) {
      payload.errors.push(AuthLoginErrors.error(ctx, 'WRONG_APP', 'email', { app: APP_NAMES[input.app][ctx.locale] }));
      return payload;
    }
    await this.loginLimiter.delete(limiterKey);
    payload.token = await this.openSession(ctx, user);
    payload.viewer = viewerOfUser(user);
    return payload;
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
    const err = (code: Parameters<typeof StaffCreateErrors.error>[1], field?: string) => payload.errors.push(StaffCreateErrors.error(ctx, code, field));
    const email = normaliseEmail(input.email);
    if (!email || !EMAIL_PATTERN.test(email)) err('INVALID_EMAIL', 'email');
    if (input.password.length < MIN_PASSWORD) err('PASSWORD_TOO_SHORT', 'password');
    if (!input.name.trim()) err('NAME_REQUIRED', 'name');
    if (input.role !== Role.ADMIN && input.role !== Role.TICKET_CLERK) err('INVALID_ROLE', 'role');
    if (input.role === Role.TICKET_CLERK && input.permissions?.length) err('STORE_USER_PERMISSIONS_IMMUTABLE', 'permissions');
    if (input.permissions?.some((p) => !ALL_ADMIN_PERMISSIONS.includes(p))) err('INVALID_PERMISSION', 'permissions');
    if (email && (await ctx.em.count(User, { email }))) err('EMAIL_TAKEN', 'email');
    if (payload.errors.length) return payload;

    payload.staff = ctx.em.create(User, {
      email,
      name: input.name.trim(),
      role: input.role,
      adminPermissions: input.role === Role.ADMIN ? (input.permissions ?? ALL_ADMIN_PERMISSIONS) : [],
      passwordHash: await hashPassword(input.password),
      createdAt: ctx.clock.now(),
    });
    await ctx.em.flush();
    return payload;
  }

  async staffUpdatePermissions(ctx: Context, input: StaffUpdatePermissionsInput): Promise<StaffUpdatePermissionsPayload> {
    const payload = new StaffUpdatePermissionsPayload();
    const err = (code: Parameters<typeof StaffUpdatePermissionsErrors.error>[1], field?: string) => payload.errors.push(StaffUpdatePermissionsErrors.error(ctx, code, field));
    const staff = await this.findStaff(ctx, input.staffId);
    if (!staff) err('STAFF_NOT_FOUND', 'staffId');
    else if (staff.role === Role.TICKET_CLERK) err('STORE_USER_PERMISSIONS_IMMUTABLE', 'permissions');
    else if (input.permissions.some((p) => !ALL_ADMIN_PERMISSIONS.includes(p))) err('INVALID_PERMISSION', 'permissions');
    else if (staff.id === ctx.principal?.userId && !input.permissions.includes(Permission.STAFF_MANAGE)) err('CANNOT_CHANGE_SELF', 'permissions');
    if (payload.errors.length || !staff) return payload;

    staff.adminPermissions = [...new Set(input.permissions)];
    await ctx.em.flush();
    await this.principals.announce(ctx.em, { userId: staff.id });
    payload.staff = staff;
    return payload;
  }

  async staffDisable(ctx: Context, staffId: string): Promise<StaffDisablePayload> {
    const payload = new StaffDisablePayload();
    const staff = await this.findStaff(ctx, staffId);
    if (!staff) payload.errors.push(StaffDisableErrors.error(ctx, 'STAFF_NOT_FOUND', 'staffId'));
    else if (staff.id === ctx.principal?.userId) payload.errors.push(StaffDisableErrors.error(ctx, 'CANNOT_CHANGE_SELF', 'staffId'));
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
    if (unknown !== undefined || input.scopes.length === 0) {
      payload.errors.push(ApiKeyCreateErrors.error(ctx, 'INVALID_SCOPE', 'scopes', { scope: unknown ?? '(none)' }));
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
