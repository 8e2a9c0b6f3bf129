import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { Role } from '../../common/auth/permissions.js';
import type { PrincipalCache } from '../../common/auth/principal-cache.js';
import { hashPassword, sha256 } from '../../common/auth/tokens.js';
import type { Clock } from '../../common/clock.js';
import type { Context } from '../../common/context.js';
import { inTransaction, statement } from '../../common/db/sql.js';
import type { JobQueue } from '../../common/jobs/job-queue.js';
import type { Logger } from '../../common/logger.js';
import type { AppConfig } from '../../config.js';
import type { Mailer } from '../mail/mailer.js';
import { buildPasswordResetMail } from '../mail/password-reset.mail.js';
import { CLAIM, RECORD_SENT } from '../mail/order-mail.job.js';
import {
  PasswordResetCompleteErrors,
  PasswordResetCompletePayload,
  PasswordResetRequestErrors,
  PasswordResetRequestPayload,
  StaffEnableErrors,
  StaffEnablePayload,
  type PasswordResetCompleteInput,
  type PasswordResetRequestInput,
  type StaffEnableInput,
} from './account-recovery.types.js';
import { EMAIL_PATTERN, MIN_PASSWORD, isUuid, normaliseEmail, notHeld } from './identity.service.js';
import { SignInApp } from './identity.types.js';
import { PasswordReset } from './password-reset.entity.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

export const JOB_PASSWORD_RESET_MAIL = 'mail.password-reset';

/** B9: how long a mailed link works, counted from when the mail is sent (a late mail still gets its 30 minutes). */
export const RESET_VALID_MINUTES = 30;
/** Requests per email (from every address) and per address (for any emails), each per hour. */
const RESET_PER_EMAIL = 5;
const RESET_PER_ADDRESS = 20;
/** A token is 32 random bytes in base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface PasswordResetMailJob {
  /** One request, one mail: the key of its claim in sent_mail. */
  requestId: string;
  email: string;
  app: SignInApp;
}

const ACCOUNT_FOR_RESET = statement(
  'password-reset-account',
  'select id, name, email from app_user where email = $1 and disabled_at is null',
);
const INSERT_RESET = statement(
  'password-reset-insert',
  'insert into password_reset (id, user_id, token_hash, app, created_at, expires_at) values ($1, $2, $3, $4, $5, $6)',
);

/**
 * B9, account recovery: password reset by mail and re-enabling a disabled staff account.
 *
 * A request never reads the account: it counts against the limits and queues the mail job, so it takes
 * the same work, time and answer whether or not an account uses the email. The job looks the account up
 * and, for an enabled one, makes the token and sends the link (SMTP down: the job is retried later).
 */
export class AccountRecoveryService {
  private readonly emailLimiter: RateLimiterPostgres;
  private readonly addressLimiter: RateLimiterPostgres;

  constructor(
    private readonly deps: { pool: pg.Pool; principals: PrincipalCache; jobs: JobQueue; mailer: Mailer; clock: Clock; log: Logger; config: Pick<AppConfig, 'shopUrl' | 'adminUrl' | 'clerkUrl'> },
  ) {
    const limiter = (keyPrefix: string, points: number) =>
      new RateLimiterPostgres({ storeClient: deps.pool, tableName: 'rate_limit', tableCreated: true, keyPrefix, points, duration: 3600 });
    this.emailLimiter = limiter('password-reset-email', RESET_PER_EMAIL);
    this.addressLimiter = limiter('password-reset-address', RESET_PER_ADDRESS);
  }

  async request(ctx: Context, input: PasswordResetRequestInput): Promise<PasswordResetRequestPayload> {
    const payload = new PasswordResetRequestPayload();
    const email = normaliseEmail(input.email);
    if (!email || !EMAIL_PATTERN.test(email)) {
      payload.errors.push(PasswordResetRequestErrors.error(ctx, 'INVALID_EMAIL', 'email'));
      return payload;
    }
    // Both limits count every request, for an account or not, so they answer alike for both.
    const wait = (await this.takePoint(this.addressLimiter, ctx.ip)) ?? (await this.takePoint(this.emailLimiter, email));
    if (wait !== undefined) {
      payload.errors.push(PasswordResetRequestErrors.error(ctx, 'TOO_MANY_ATTEMPTS', undefined, { seconds: wait }));
      return payload;
    }
    await this.deps.jobs.enqueue<PasswordResetMailJob>(ctx.em, JOB_PASSWORD_RESET_MAIL, { requestId: randomUUID(), email, app: input.app });
    return payload;
  }

  /** Counts one request; when over the limit, the seconds to wait. */
  private async takePoint(limiter: RateLimiterPostgres, key: string): Promise<number | undefined> {
    try {
      await limiter.consume(key);
      return undefined;
    } catch (e) {
      if (e instanceof RateLimiterRes) return Math.ceil(e.msBeforeNext / 1000);
      throw e;
    }
  }

  /**
   * The mail job: sends one request's link once. The claim row stays locked while the SMTP server accepts
   * the message, so a failure rolls back the claim and the token (the retry makes a new one) and a second
   * worker waits, then skips. No account, or a disabled one: nothing is sent.
   */
  async sendResetMail(job: PasswordResetMailJob): Promise<void> {
    await inTransaction(this.deps.pool, async (sql) => {
      const key = `password-reset:${job.requestId}`;
      if (!(await sql(CLAIM, [key])).length) return;
      const [account] = await sql<{ id: string; name: string; email: string }>(ACCOUNT_FOR_RESET, [job.email]);
      if (!account) return;
      const token = randomBytes(32).toString('base64url');
      const now = this.deps.clock.now();
      const expiresAt = new Date(now.getTime() + RESET_VALID_MINUTES * 60_000);
      await sql(INSERT_RESET, [randomUUID(), account.id, sha256(token), job.app, now, expiresAt]);
      const link = `${this.appUrl(job.app)}/reset-password?token=${token}`;
      const message = buildPasswordResetMail({ to: account.email, name: account.name, link, validMinutes: RESET_VALID_MINUTES, expiresAt });
      const sent = await this.deps.mailer.send({ ...message, messageId: `<password-reset-${job.requestId}@e-ticket>` });
      await sql(RECORD_SENT, [sent.messageId, key]);
      this.deps.log.info({ userId: account.id, app: job.app, messageId: sent.messageId }, 'password reset mail sent');
    });
  }

  private appUrl(app: SignInApp): string {
    const { config } = this.deps;
    return { [SignInApp.SHOP]: config.shopUrl, [SignInApp.ADMIN]: config.adminUrl, [SignInApp.CLERK]: config.clerkUrl }[app];
  }

  async complete(ctx: Context, input: PasswordResetCompleteInput): Promise<PasswordResetCompletePayload> {
    const payload = new PasswordResetCompletePayload();
    const invalid = () => [PasswordResetCompleteErrors.error(ctx, 'INVALID_OR_EXPIRED_TOKEN', 'token')];
    const now = ctx.clock.now();
    const token = input.token.trim();
    const open = { usedAt: null, expiresAt: { $gt: now } };
    const reset = TOKEN_PATTERN.test(token) ? await ctx.em.findOne(PasswordReset, { tokenHash: sha256(token), ...open }) : null;
    if (!reset) payload.errors.push(...invalid());
    if (input.newPassword.length < MIN_PASSWORD) payload.errors.push(PasswordResetCompleteErrors.error(ctx, 'PASSWORD_TOO_SHORT', 'newPassword'));
    if (payload.errors.length || !reset) return payload;

    const userId = reset.user.id;
    const passwordHash = await hashPassword(input.newPassword);
    // Single use: of parallel completes with one token, one update finds the link open; the others wait
    // on its row lock, then find it used.
    if ((await ctx.em.nativeUpdate(PasswordReset, { id: reset.id, ...open }, { usedAt: now })) !== 1) return Object.assign(payload, { errors: invalid() });
    // An account disabled since the mail was sent keeps its old password (and stays disabled).
    if ((await ctx.em.nativeUpdate(User, { id: userId, disabledAt: null }, { passwordHash })) !== 1) return Object.assign(payload, { errors: invalid() });
    // The account's other links stop working, and every other session ends (the caller's own, if it is
    // this account's, stays).
    await ctx.em.nativeUpdate(PasswordReset, { user: userId, usedAt: null }, { usedAt: now });
    const keep = ctx.principal?.userId === userId ? ctx.principal.sessionId : undefined;
    await ctx.em.nativeUpdate(Session, { user: userId, revokedAt: null, ...(keep ? { id: { $ne: keep } } : {}) }, { revokedAt: now });
    await this.deps.principals.announce(ctx.em, { userId });
    return payload;
  }

  /** S4/B9: undoes staffDisable. Enabling gives the account back its permissions, so it follows the grant rule. */
  async staffEnable(ctx: Context, input: StaffEnableInput): Promise<StaffEnablePayload> {
    const payload = new StaffEnablePayload();
    const err = (code: Parameters<typeof StaffEnableErrors.error>[1], params?: Record<string, string>) => payload.errors.push(StaffEnableErrors.error(ctx, code, 'staffId', params));
    const staff = isUuid(input.staffId) ? await ctx.em.findOne(User, { id: input.staffId, role: { $in: [Role.ADMIN, Role.TICKET_CLERK] } }) : null;
    if (!staff) err('STAFF_NOT_FOUND');
    else if (!staff.disabledAt) err('NOT_DISABLED');
    else {
      // Nobody brings back an account holding what they don't hold themselves (a clerk's fixed set included).
      const missing = notHeld(ctx, staff.permissions);
      if (missing) err('PERMISSION_NOT_HELD', { permission: missing });
    }
    if (payload.errors.length || !staff) return payload;

    staff.disabledAt = null;
    await ctx.em.flush();
    payload.staff = staff;
    return payload;
  }
}
