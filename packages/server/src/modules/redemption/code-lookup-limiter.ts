import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type pg from 'pg';
import type { Context } from '../../common/context.js';

/**
 * R6: look-ups of unknown codes are counted per account and per client address; past the limit every
 * look-up is refused for a while, so codes cannot be guessed. Known codes cost nothing, so a busy gate
 * is never slowed. Blocks are remembered in memory too, to answer blocked callers without a query.
 */
export class CodeLookupLimiter {
  private readonly perAccount: RateLimiterPostgres;
  private readonly perAddress: RateLimiterPostgres;
  private readonly blockedUntil = new Map<string, number>();

  constructor(pool: pg.Pool) {
    const base = { storeClient: pool, tableName: 'rate_limit', tableCreated: true, duration: 10 * 60, blockDuration: 10 * 60 };
    this.perAccount = new RateLimiterPostgres({ ...base, keyPrefix: 'code-miss-acct', points: 30 });
    this.perAddress = new RateLimiterPostgres({ ...base, keyPrefix: 'code-miss-ip', points: 60 });
  }

  private keys(ctx: Context): [RateLimiterPostgres, string][] {
    const who = ctx.principal?.userId ?? ctx.principal?.apiKeyId ?? 'anonymous';
    return [
      [this.perAccount, who],
      [this.perAddress, ctx.ip],
    ];
  }

  /** Seconds to wait when the caller is blocked, else 0. */
  async blockedFor(ctx: Context): Promise<number> {
    const now = Date.now();
    let wait = 0;
    for (const [limiter, key] of this.keys(ctx)) {
      const until = this.blockedUntil.get(`${limiter.keyPrefix}:${key}`) ?? 0;
      if (until > now) wait = Math.max(wait, until - now);
    }
    return Math.ceil(wait / 1000);
  }

  /** Counts a miss; returns the wait in seconds when this miss crossed the limit, else 0. */
  async recordMiss(ctx: Context): Promise<number> {
    let wait = 0;
    for (const [limiter, key] of this.keys(ctx)) {
      try {
        await limiter.consume(key);
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        this.blockedUntil.set(`${limiter.keyPrefix}:${key}`, Date.now() + e.msBeforeNext);
        wait = Math.max(wait, Math.ceil(e.msBeforeNext / 1000));
      }
    }
    return wait;
  }
}
