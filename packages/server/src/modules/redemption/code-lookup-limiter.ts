import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type pg from 'pg';
import { Role } from '../../common/auth/permissions.js';
import type { Context } from '../../common/context.js';

/** R6: unknown codes a caller may look up (or try to redeem) before every look-up is refused. */
export const CODE_LOOKUP_LIMITS = {
  perAccount: 30,
  perAddress: 60,
  /** Counted from the first unknown code; reaching a limit refuses look-ups for this long from then. */
  windowSeconds: 10 * 60,
} as const;

/** R3/R6: the redemption list for clerks and API keys (admins keep the general page size and no rate). */
export const CODE_LIST_LIMITS = {
  pageSize: 20,
  perMinute: 30,
} as const;

/** Milliseconds since the epoch by the database's clock: every API process counts in one time. */
const NOW_MS = '(extract(epoch from statement_timestamp()) * 1000)::bigint';

/** Placeholders of a statement's limit parameters, in the order of CodeLookupLimiter.params. */
export interface LimitPlaceholders {
  account: string;
  address: string;
  accountLimit: string;
  addressLimit: string;
  /** Only for counting a miss (codeLookupLimitCtes). */
  window?: string;
}

/*
 * R6 inside a look-up's own statements, so that deciding and counting are atomic in PostgreSQL (every API
 * process shares them) and a successful look-up or redemption costs no extra round trip. The counters are
 * the account's and the address's rows of `rate_limit` (points, expire in ms).
 * - An unknown code adds one to both counters (an upsert, so parallel misses queue on the row) and is
 *   refused when a counter passes its limit; the miss that reaches a limit starts a full window of refusal.
 * - Any look-up is refused once a counter has reached its limit. A known code costs nothing (a busy gate is
 *   never slowed), but reads the counters FOR SHARE: a miss being counted at that moment is waited for and
 *   seen, and a miss arriving meanwhile waits for it. So every look-up, hit or miss, is decided on all the
 *   misses counted before it, and whether it is answered never depends on whether its code exists: at most
 *   `limit` unknown codes are ever answered, however many look-ups run at once (aliases, parallel requests,
 *   API processes). A caller with no recent miss has no counter row, so its look-ups lock nothing.
 * Lock order is always the counters (by key), then the code row, so look-ups and misses never deadlock.
 */

/**
 * The CTE `counters`: the caller's counter rows, locked FOR SHARE in key order. MATERIALIZED so that no
 * condition of the outer query is pushed into the scan: a row is locked (and, when a miss holds it, read
 * again once that miss commits) before its points are looked at. `where` may only test what never changes.
 */
export function lockedCounters(p: LimitPlaceholders, where = ''): string {
  return `counters as materialized (
  select key, points, expire from rate_limit where key in (${p.account}, ${p.address}) ${where} order by key for share
)`;
}

const limitOf = (p: LimitPlaceholders, key: string) => `case ${key} when ${p.account} then ${p.accountLimit}::int else ${p.addressLimit}::int end`;
const reached = (p: LimitPlaceholders) => `counters.expire > ${NOW_MS} and counters.points >= ${limitOf(p, 'counters.key')}`;

/** A condition on `counters` (lockedCounters): true while the caller is under both limits. */
export function underCodeLookupLimits(p: LimitPlaceholders): string {
  return `not exists (select 1 from counters where ${reached(p)})`;
}

/**
 * CTEs for a statement that has defined `found` (the code's row, if the code exists): a known code checks the
 * counters, an unknown one is counted. `exempt` (SQL) skips both. Yields `blocked (wait_ms, keys)`, one row:
 * wait_ms is null when the look-up may be answered.
 */
export function codeLookupLimitCtes(p: LimitPlaceholders & { window: string; exempt?: string }): string {
  const applies = p.exempt ? `and not (${p.exempt})` : '';
  return `${lockedCounters(p, `and exists (select 1 from found) ${applies}`)}, miss as (
  insert into rate_limit as r (key, points, expire)
  select key, 1, ${NOW_MS} + ${p.window}::bigint from (values (${p.account}::text), (${p.address}::text)) k(key)
   where not exists (select 1 from found) ${applies} order by key
  on conflict (key) do update set
    points = case when r.expire > ${NOW_MS} then r.points + 1 else 1 end,
    expire = case when r.expire is null or r.expire <= ${NOW_MS} then excluded.expire
                  when r.points + 1 = ${limitOf(p, 'r.key')} then excluded.expire
                  else r.expire end
  returning r.key, r.points, r.expire
), blocked as (
  select (max(b.expire) - ${NOW_MS})::int as wait_ms, array_agg(b.key) as keys from (
    select key, expire from counters where ${reached(p)}
    union all
    select key, expire from miss where points > ${limitOf(p, 'miss.key')}
  ) b
)`;
}

/**
 * R6: look-ups of unknown codes are counted per account and per client address, in the look-up's own
 * statements (see codeLookupLimitCtes); past the limit every look-up is refused for a while, so codes cannot be
 * guessed. Refusals are remembered in this process too, to answer a blocked caller again without a query
 * (the database stays the judge: a caller is only ever refused here after it refused them).
 * R3: the redemption list is a way to read codes in bulk, so clerks and API keys get small pages and a rate.
 */
export class CodeLookupLimiter {
  private readonly blockedUntil = new Map<string, number>();
  private readonly listPerAccount: RateLimiterPostgres;

  constructor(pool: pg.Pool) {
    this.listPerAccount = new RateLimiterPostgres({
      storeClient: pool,
      tableName: 'rate_limit',
      tableCreated: true,
      keyPrefix: 'code-list-acct',
      points: CODE_LIST_LIMITS.perMinute,
      duration: 60,
    });
  }

  private account(ctx: Context): string {
    return ctx.principal?.userId ?? ctx.principal?.apiKeyId ?? 'anonymous';
  }

  private keys(ctx: Context): [account: string, address: string] {
    return [`code-miss-acct:${this.account(ctx)}`, `code-miss-ip:${ctx.ip}`];
  }

  /** The parameters of LimitPlaceholders: account, address, accountLimit, addressLimit (and window, for counting). */
  params(ctx: Context): [string, string, number, number, number] {
    const [account, address] = this.keys(ctx);
    return [account, address, CODE_LOOKUP_LIMITS.perAccount, CODE_LOOKUP_LIMITS.perAddress, CODE_LOOKUP_LIMITS.windowSeconds * 1000];
  }

  /** Seconds to wait when this process already knows the caller is refused, else 0. */
  blockedFor(ctx: Context): number {
    const now = Date.now();
    let wait = 0;
    for (const key of this.keys(ctx)) {
      const until = this.blockedUntil.get(key) ?? 0;
      if (until > now) wait = Math.max(wait, until - now);
      else if (until) this.blockedUntil.delete(key);
    }
    return Math.ceil(wait / 1000);
  }

  /** Records the statement's refusal (its `blocked` row); returns the seconds to wait, at least 1. */
  refused(blocked: { wait_ms: number; keys: string[] }): number {
    const now = Date.now();
    if (this.blockedUntil.size > 10_000) for (const [key, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(key);
    const until = now + blocked.wait_ms;
    for (const key of blocked.keys) this.blockedUntil.set(key, until);
    return Math.max(1, Math.ceil(blocked.wait_ms / 1000));
  }

  /** R3: the page size a caller gets: admins keep the general one; clerks and API keys at most CODE_LIST_LIMITS.pageSize. */
  pageSize(ctx: Context, asked: number): number {
    return ctx.principal?.role === Role.ADMIN ? asked : Math.min(asked, CODE_LIST_LIMITS.pageSize);
  }

  /** R3: counts one list or search for a clerk or API key, before it runs; the seconds to wait when over the rate, else 0. */
  async takeListing(ctx: Context): Promise<number> {
    if (ctx.principal?.role === Role.ADMIN) return 0;
    try {
      await this.listPerAccount.consume(this.account(ctx));
      return 0;
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    }
  }
}
