import pg from 'pg';
import { Role } from '../../common/auth/permissions.js';
import { startOfNextBusinessDay, type Clock } from '../../common/clock.js';
import type { Principal } from '../../common/context.js';
import { pgArray, statement } from '../../common/db/sql.js';
import type { Logger } from '../../common/logger.js';
import type { RedemptionListener } from '../redemption/redemption.service.js';
import { ClerkGateCount, GateCounts, ProductGateCount } from './gate-counts.types.js';

/** The channel every API process LISTENs on; a notice (empty payload) means "counts may have changed". */
export const GATE_CHANNEL = 'gate_counts';

export const GATE_TIMING = {
  /** A process sends at most one notice per this many ms, after the redemptions it covers committed. */
  notifyGapMs: 100,
  /** A subscription gets at most one push per this many ms. */
  pushGapMs: 250,
  /**
   * A recompute may keep its connection busy at most 1/this of the time: slow ones (a database short of CPU)
   * space the next ones out. (It reads only the last seconds, a few thousand rows at 1,000 redemptions a second.)
   */
  dutyDivisor: 4,
  /** ...but never more than this apart (a slow answer is mostly a database short of CPU, not a costly read). */
  maxGapMs: 1_000,
  /**
   * Redemptions recorded more than this long ago are added to the process's running sums for the day and not
   * read again; a recompute reads only the ones after. (A redemption's time is taken just before its statement
   * runs, so one that commits later than this after it is missed until the next full read.)
   */
  sealAfterMs: 3_000,
  /** Read in full (the day so far) this often while anyone subscribes, and recomputed anyway: sales and refunds send no notice; a new business day; a lost notice. */
  refreshMs: 30_000,
} as const;

/**
 * B2, redemptions per clerk and product recorded from $1 to $2, in one query on the redemption's time index, split
 * at $3 (`sealed`: before it). The rows are summed per clerk and code first, and only those sums are joined to their
 * product (code -> order line -> ticket type) and to the clerk's (or API key's) name.
 */
const REDEEMED_BETWEEN = statement(
  'gate-counts-redeemed',
  `with r as (
     select coalesce(staff_id, api_key_id) as clerk_id, ticket_code_id, created_at < $3 as sealed, sum(quantity)::int as q
       from redemption where created_at >= $1 and created_at < $2
      group by 1, 2, 3
   )
   select r.clerk_id, v.product_id, r.sealed, sum(r.q)::int as redeemed, coalesce(u.name, k.name, '') as name
     from r join ticket_code tc on tc.id = r.ticket_code_id
     join order_line ol on ol.id = tc.order_line_id
     join variant v on v.id = ol.variant_id
     left join app_user u on u.id = r.clerk_id
     left join api_key k on k.id = r.clerk_id
    where r.clerk_id is not null
    group by r.clerk_id, v.product_id, r.sealed, u.name, k.name`,
);

/**
 * B2, sold and remaining units of some products, in one query through the indexes on the ticket types' order
 * lines and their codes. Sold: the units of paid codes (a split code's children are its own units, so only
 * codes that were not split from another count), less refunded units. Remaining: what active codes have left.
 */
const PRODUCT_TOTALS = statement(
  'gate-counts-product-totals',
  `select p.id as product_id, p.title,
          (coalesce(sum(tc.quantity) filter (where tc.parent_id is null), 0) - coalesce(sum(tc.refunded_quantity), 0))::int as sold,
          coalesce(sum(tc.quantity - tc.redeemed_quantity - tc.refunded_quantity) filter (where tc.status = 'ACTIVE'), 0)::int as remaining
     from product p
     left join variant v on v.product_id = p.id
     left join order_line ol on ol.variant_id = v.id
     left join ticket_code tc on tc.order_line_id = ol.id
    where p.id = any($1::uuid[])
    group by p.id, p.title`,
);

interface RedeemedRow {
  clerk_id: string;
  product_id: string;
  redeemed: number;
  name: string;
}

/** This process's running sums of today's redemptions recorded before `sealedUntil` (live counts only). */
interface DaySums {
  dayStart: number;
  sealedUntil: Date;
  /** By clerk and product. */
  sums: Map<string, RedeemedRow>;
  /** Date.now() of the last full read. */
  fullReadAt: number;
}

const addTo = (sums: Map<string, RedeemedRow>, row: RedeemedRow) => {
  const key = `${row.clerk_id}|${row.product_id}`;
  const sum = sums.get(key);
  if (sum) {
    sum.redeemed += row.redeemed;
    sum.name = row.name;
  } else sums.set(key, { clerk_id: row.clerk_id, product_id: row.product_id, redeemed: row.redeemed, name: row.name });
};

type Queryable = Pick<pg.Pool, 'query'>;

/** A client's queries one after another (a notice sent during a recompute waits for it): pg 9 drops its own queue. */
function oneAtATime(client: pg.Client): Queryable {
  let last: Promise<unknown> = Promise.resolve();
  const query = (...args: unknown[]) => {
    const run = last.then(() => (client.query as (...a: unknown[]) => Promise<unknown>)(...args));
    last = run.catch(() => undefined);
    return run;
  };
  return { query } as unknown as Queryable;
}

interface TotalsRow {
  product_id: string;
  title: string;
  sold: number;
  remaining: number;
}

/** Who sees what: admins every clerk and product, anyone else itself and the products it redeemed today. */
export interface GateView {
  /** Null for an admin's view of everyone. */
  self: { id: string; name: string } | null;
  productId: string | null;
}

export function viewFor(principal: Principal, productId: string | null | undefined): GateView {
  const self = principal.role === Role.ADMIN ? null : { id: (principal.userId ?? principal.apiKeyId)!, name: principal.displayName };
  return { self, productId: productId ?? null };
}

/** One reading of today's redemptions, and the totals of the products some view needs. */
interface Reading {
  at: Date;
  /** Whether the day was read in full, and how long the queries took (ms). */
  full: boolean;
  ms: number;
  redeemed: RedeemedRow[];
  totals: Map<string, TotalsRow>;
}

function productsOf(redeemed: RedeemedRow[], view: GateView): string[] {
  if (view.productId) return [view.productId];
  const ids = new Set<string>();
  for (const r of redeemed) if (!view.self || r.clerk_id === view.self.id) ids.add(r.product_id);
  return [...ids];
}

/** A view of a reading: only what `view` may see. */
function countsOf(reading: Reading, view: GateView): GateCounts {
  const rows = view.productId ? reading.redeemed.filter((r) => r.product_id === view.productId) : reading.redeemed;
  const byProduct = new Map<string, number>();
  const byClerk = new Map<string, ClerkGateCount>();
  for (const r of rows) {
    byProduct.set(r.product_id, (byProduct.get(r.product_id) ?? 0) + r.redeemed);
    if (view.self && r.clerk_id !== view.self.id) continue;
    const clerk = byClerk.get(r.clerk_id) ?? Object.assign(new ClerkGateCount(), { clerkId: r.clerk_id, name: r.name, redeemedToday: 0 });
    clerk.redeemedToday += r.redeemed;
    byClerk.set(r.clerk_id, clerk);
  }
  if (view.self && !byClerk.has(view.self.id)) byClerk.set(view.self.id, Object.assign(new ClerkGateCount(), { clerkId: view.self.id, name: view.self.name, redeemedToday: 0 }));
  const products: ProductGateCount[] = [];
  for (const id of productsOf(reading.redeemed, view)) {
    const totals = reading.totals.get(id);
    if (!totals) continue; // an unknown product id asked for
    products.push(Object.assign(new ProductGateCount(), { productId: id, title: totals.title, sold: totals.sold, remaining: totals.remaining, redeemedToday: byProduct.get(id) ?? 0 }));
  }
  products.sort((a, b) => a.title.localeCompare(b.title) || a.productId.localeCompare(b.productId));
  const clerks = [...byClerk.values()].sort((a, b) => b.redeemedToday - a.redeemedToday || a.name.localeCompare(b.name) || a.clerkId.localeCompare(b.clerkId));
  return Object.assign(new GateCounts(), { at: reading.at, products, clerks });
}

interface Subscriber {
  view: GateView;
  queue: LatestValue<GateCounts>;
  /** What the last push showed (to push only news; null before the first) and when it was sent. */
  shown: string | null;
  pushedAt: number;
}

/**
 * B2: live gate counts for this API process, fed by PostgreSQL LISTEN/NOTIFY so that every replica hears of
 * every redemption.
 * - Sending: each committed redemption (online or synced offline) calls `redeemed()`; the process sends one
 *   `pg_notify` for all those that committed in the last 100 ms, right after they did, on its own. Not inside
 *   the redeem statement: a notifying transaction holds PostgreSQL's global notify lock through its commit
 *   (WAL flush included), which cut the redeem statement's throughput to about a third at 64 clients.
 * - Receiving: one connection LISTENs (from the first subscription on); a notice marks the counts dirty, and
 *   one recompute (two indexed queries, whatever the number of subscribers) is pushed to every subscriber whose
 *   view changed, at most every 250 ms each; recomputes are spaced further apart when they get slow (their
 *   connection busy at most a quarter of the time, up to 1 s apart). A recompute reads only the last seconds of redemptions:
 *   older ones are kept as running sums per clerk and product, so its cost does not grow with the day. Every
 *   30 s the day is read in full (sales and refunds send no notice; a new business day; a notice lost while the
 *   listener reconnected, or by a process that died between its commit and its notice; a redemption that
 *   committed long after its time was taken).
 */
export class GateCountsService implements RedemptionListener {
  private readonly subscribers = new Set<Subscriber>();
  private lastNotify = 0;
  private notifyTimer: NodeJS.Timeout | undefined;
  /** This process's own connection: LISTEN, the notices it sends and the live recomputes (never waiting behind the pool's queue). */
  private connecting: Promise<Queryable> | undefined;
  private client: pg.Client | null = null;
  private listeningOn: Queryable | null = null;
  private retry: NodeJS.Timeout | undefined;
  private refresh: NodeJS.Timeout | undefined;
  private stopped = false;
  private dirty = false;
  /** A subscriber waits for its first value: recompute without waiting for the gap. */
  private urgent = false;
  private tickTimer: NodeJS.Timeout | undefined;
  private ticking = false;
  private lastTick = 0;
  private gapMs: number = GATE_TIMING.pushGapMs;
  private today: DaySums | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly databaseUrl: string,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  // ---- reading ----

  /**
   * Today's redemptions by clerk and product. Live (one recompute at a time), only those recorded since the running
   * sums were last sealed are read, and the ones now older than `sealAfterMs` are added to the sums; otherwise, and
   * when a full read is due, the whole day.
   */
  private async redeemedToday(db: Queryable, at: Date, live: boolean): Promise<{ redeemed: RedeemedRow[]; full: boolean }> {
    const dayEnd = startOfNextBusinessDay(at);
    const dayStart = new Date(dayEnd.getTime() - 24 * 3600_000);
    const kept = live ? this.today : null;
    const full = !kept || kept.dayStart !== dayStart.getTime() || at < kept.sealedUntil || Date.now() - kept.fullReadAt >= GATE_TIMING.refreshMs;
    const day: DaySums = full ? { dayStart: dayStart.getTime(), sealedUntil: dayStart, sums: new Map(), fullReadAt: Date.now() } : kept!;
    const sealAt = new Date(Math.max(day.sealedUntil.getTime(), at.getTime() - GATE_TIMING.sealAfterMs));
    const { rows } = await db.query<RedeemedRow & { sealed: boolean }>({ ...REDEEMED_BETWEEN, values: [day.sealedUntil, dayEnd, sealAt] });
    for (const row of rows) if (row.sealed) addTo(day.sums, row);
    day.sealedUntil = sealAt;
    if (live) this.today = day;
    const all = new Map<string, RedeemedRow>();
    for (const row of day.sums.values()) addTo(all, row);
    for (const row of rows) if (!row.sealed) addTo(all, row);
    return { redeemed: [...all.values()], full };
  }

  private async read(views: GateView[], live: boolean): Promise<Reading> {
    const db: Queryable = live ? await this.listen() : this.pool;
    const started = performance.now();
    const at = this.clock.now();
    const { redeemed, full } = await this.redeemedToday(db, at, live);
    const ids = new Set<string>();
    for (const view of views) for (const id of productsOf(redeemed, view)) ids.add(id);
    const totals = new Map<string, TotalsRow>();
    if (ids.size) {
      const { rows } = await db.query<TotalsRow>({ ...PRODUCT_TOTALS, values: [pgArray([...ids])] });
      for (const row of rows) totals.set(row.product_id, row);
    }
    return { at, full, ms: performance.now() - started, redeemed, totals };
  }

  /** B2: the counts `principal` may see now (the gateCounts query): the day read in full. */
  async counts(principal: Principal, productId: string | null | undefined): Promise<GateCounts> {
    const view = viewFor(principal, productId);
    return countsOf(await this.read([view], false), view);
  }

  // ---- sending ----

  /** After a redemption committed: a notice to every process (this one included) soon, shared with the others committing now. */
  redeemed(): void {
    if (this.notifyTimer || this.stopped) return;
    const wait = Math.max(0, this.lastNotify + GATE_TIMING.notifyGapMs - Date.now());
    this.notifyTimer = setTimeout(() => void this.notify(), wait);
  }

  private async notify(): Promise<void> {
    this.lastNotify = Date.now();
    // Cleared before the query: a redemption committing while it is sent gets a notice of its own.
    this.notifyTimer = undefined;
    try {
      await (await this.connection()).query({ name: 'gate-counts-notify', text: 'select pg_notify($1, $2)', values: [GATE_CHANNEL, ''] });
    } catch (err) {
      this.log.warn({ message: (err as Error).message }, 'gate counts notice not sent; subscribers catch up within 30 s');
    }
  }

  // ---- live ----

  /** B2: the counts `principal` may see, now and whenever they change (the gateCounts subscription). */
  async live(principal: Principal, productId: string | null | undefined): Promise<AsyncIterableIterator<GateCounts>> {
    await this.listen();
    const view = viewFor(principal, productId);
    const sub: Subscriber = { view, shown: null, pushedAt: 0, queue: new LatestValue<GateCounts>(() => this.subscribers.delete(sub)) };
    this.subscribers.add(sub);
    this.refresh ??= setInterval(() => this.subscribers.size && this.changed(), GATE_TIMING.refreshMs).unref();
    this.changed(true);
    return sub.queue;
  }

  private push(sub: Subscriber, reading: Reading): void {
    const counts = countsOf(reading, sub.view);
    const shown = JSON.stringify([counts.products, counts.clerks]);
    if (shown === sub.shown) return;
    if (sub.shown !== null && Date.now() - sub.pushedAt < GATE_TIMING.pushGapMs) {
      this.dirty = true; // too soon after its last push: the next recompute brings it
      return;
    }
    sub.shown = shown;
    sub.pushedAt = Date.now();
    sub.queue.push(counts);
  }

  /** Counts may have changed: recompute when the gap since the last recompute allows (`urgent`: at once). */
  private changed(urgent = false): void {
    this.dirty = true;
    this.urgent ||= urgent;
    if (this.ticking || !this.subscribers.size || this.stopped) return;
    if (this.tickTimer && !this.urgent) return;
    clearTimeout(this.tickTimer);
    const wait = this.urgent ? 0 : Math.max(0, this.lastTick + this.gapMs - Date.now());
    this.tickTimer = setTimeout(() => void this.tick(), wait);
  }

  private async tick(): Promise<void> {
    this.tickTimer = undefined;
    if (!this.subscribers.size || this.stopped) return;
    this.ticking = true;
    this.dirty = false;
    this.urgent = false;
    this.lastTick = Date.now();
    const subs = [...this.subscribers];
    try {
      const reading = await this.read(
        subs.map((s) => s.view),
        true,
      );
      // The duty cycle follows the usual recompute; the full read every 30 s is spread over those 30 s.
      if (!reading.full) this.gapMs = Math.min(GATE_TIMING.maxGapMs, Math.max(GATE_TIMING.pushGapMs, reading.ms * GATE_TIMING.dutyDivisor));
      this.log.debug({ ms: Math.round(reading.ms), full: reading.full, subscribers: subs.length }, 'gate counts recomputed');
      for (const sub of subs) this.push(sub, reading);
    } catch (err) {
      this.log.warn({ message: (err as Error).message }, 'gate counts not recomputed');
      for (const sub of subs) if (sub.shown === null) sub.queue.fail(err);
    } finally {
      this.ticking = false;
      if (this.dirty) this.changed();
    }
  }

  /** Subscriptions currently open in this process (tests, metrics). */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  private connection(): Promise<Queryable> {
    return (this.connecting ??= this.connect());
  }

  private async connect(): Promise<Queryable> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', () => this.changed());
    client.on('error', (err) => this.lost(client, err)); // 'end' follows
    client.on('end', () => this.lost(client));
    try {
      if (this.stopped) throw new Error('stopped');
      await client.connect();
    } catch (err) {
      this.connecting = undefined;
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
    return oneAtATime(client);
  }

  /** The connection, listening (from the first subscription on). */
  private async listen(): Promise<Queryable> {
    const client = await this.connection();
    if (this.listeningOn !== client) {
      await client.query(`listen ${GATE_CHANNEL}`);
      this.listeningOn = client;
    }
    return client;
  }

  private lost(client: pg.Client, err?: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.connecting = undefined;
    this.listeningOn = null;
    if (!this.stopped && this.subscribers.size) this.reconnectLater(err);
  }

  private reconnectLater(err?: Error): void {
    if (this.stopped) return;
    this.log.warn({ message: err?.message }, 'gate counts listener down; reconnecting');
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      // Notices sent while deaf are lost: recompute once listening again.
      this.listen().then(
        () => this.changed(),
        (e: unknown) => this.reconnectLater(e as Error),
      );
    }, 1000).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.notifyTimer);
    clearTimeout(this.tickTimer);
    clearTimeout(this.retry);
    clearInterval(this.refresh);
    for (const sub of [...this.subscribers]) await sub.queue.return();
    await this.client?.end().catch(() => undefined);
  }
}

/**
 * An async iterator that keeps only the newest value not yet taken: a slow subscriber skips to the latest
 * counts instead of queueing stale ones.
 */
class LatestValue<T> implements AsyncIterableIterator<T> {
  private value: { v: T } | null = null;
  private error: unknown = null;
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | null = null;
  private done = false;

  constructor(private readonly onClose: () => void) {}

  push(v: T): void {
    if (this.done) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: v, done: false });
    } else this.value = { v };
  }

  fail(err: unknown): void {
    if (this.done) return;
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      this.close();
      reject(err);
    } else this.error = err ?? new Error('failed');
  }

  next(): Promise<IteratorResult<T>> {
    if (this.value) {
      const { v } = this.value;
      this.value = null;
      return Promise.resolve({ value: v, done: false });
    }
    if (this.error) {
      const err = this.error;
      this.close();
      return Promise.reject(err);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  private close(): void {
    if (this.done) return;
    this.done = true;
    this.value = null;
    this.onClose();
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    if (this.waiting) {
      this.waiting.resolve({ value: undefined, done: true });
      this.waiting = null;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(err?: unknown): Promise<IteratorResult<T>> {
    void this.return();
    return Promise.reject(err);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
