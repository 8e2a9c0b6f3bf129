import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Principal } from '../context.js';
import type { Logger } from '../logger.js';

const CHANNEL = 'auth_changed';
const MAX_ENTRIES = 10_000;

/** What lost or changed its access: a session (logout), an account (disabled, new permissions), an API key. */
export type AuthChange = { sessionId: string } | { userId: string } | { apiKeyId: string };

interface Entry {
  principal: Principal;
  /** The session's own expiry (compared with the injectable clock); Infinity for API keys. */
  expiresAt: number;
  /** Wall-clock end of this entry's life, a bound on any change missed while unseen. */
  staleAt: number;
}

/**
 * Resolved principals by token hash, so an authenticated request costs no session query (on this
 * machine one query halves what a request can do). A change that ends or narrows access announces
 * itself with pg_notify inside its own transaction: PostgreSQL delivers it on commit, and every replica
 * listening evicts. While the listener is down nothing is cached, so a missed notice can't keep a
 * revoked session alive; `ttlSeconds` (0 = off) bounds anything else, such as a hand-edited row.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every change, so a look-up that raced a change doesn't store what it read before it. */
  private generation = 0;
  private listener: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly ttlSeconds: number,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    if (this.ttlSeconds > 0) await this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.forget();
    await this.listener?.end().catch(() => undefined);
  }

  /** The cached principal for a token, or what `load` finds (cached while listening). */
  async resolve(tokenHash: string, now: Date, load: () => Promise<{ principal: Principal; expiresAt: number } | null>): Promise<Principal | null> {
    const hit = this.entries.get(tokenHash);
    if (hit && hit.staleAt > Date.now() && hit.expiresAt > now.getTime()) return hit.principal;
    if (hit) this.entries.delete(tokenHash);
    const generation = this.generation;
    const found = await load();
    if (found && this.listener && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(tokenHash, { ...found, staleAt: Date.now() + this.ttlSeconds * 1000 });
    }
    return found?.principal ?? null;
  }

  /** Call inside the transaction that makes the change: evicts here now, and on every replica at commit. */
  async announce(em: EntityManager, change: AuthChange): Promise<void> {
    this.evict(change);
    await em.execute('select pg_notify(?, ?)', [CHANNEL, JSON.stringify(change)]);
  }

  private evict(change: AuthChange): void {
    this.generation++;
    for (const [hash, { principal }] of this.entries) {
      if (
        ('sessionId' in change && principal.sessionId === change.sessionId) ||
        ('userId' in change && principal.userId === change.userId) ||
        ('apiKeyId' in change && principal.apiKeyId === change.apiKeyId)
      ) {
        this.entries.delete(hash);
      }
    }
  }

  private forget(): void {
    this.generation++;
    this.entries.clear();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (msg) => {
      try {
        this.evict(JSON.parse(msg.payload ?? '') as AuthChange);
      } catch {
        this.forget();
      }
    });
    client.on('error', (err) => this.lost(client, err)); // 'end' follows
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      return this.retryLater(err as Error);
    }
    if (this.stopped) return void (await client.end());
    this.listener = client;
    this.generation++; // a look-up begun while deaf may have read a row changed before this
  }

  private lost(client: pg.Client, err?: Error): void {
    if (this.listener !== client) return;
    this.listener = null;
    this.forget();
    this.retryLater(err);
  }

  private retryLater(err?: Error): void {
    if (this.stopped) return;
    this.log.warn({ message: err?.message }, 'auth change listener down; principals are not cached until it is back');
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.listen(), 1000).unref();
  }
}
