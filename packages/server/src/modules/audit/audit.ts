import type { Context, Principal } from '../../common/context.js';
import { emSql, statement, type Sql } from '../../common/db/sql.js';

/** Who did it: a staff account (or, signing in, the account tried), an API key, or nobody known. */
export type AuditActorType = 'USER' | 'API_KEY' | 'ANONYMOUS';

export interface AuditActorRef {
  type: AuditActorType;
  id: string | null;
  name: string;
}

/** What was changed: `staff`, `api_key`, `settings`, `product`, `order`, `redemption` ... and its id. */
export interface AuditObject {
  type: string;
  id: string | null;
}

/** One privileged action (B5): `action` reads `<object>.<verb>`, e.g. `staff.permissions.update`. */
export interface AuditEntry {
  action: string;
  object: AuditObject;
  /** The object's fields before the change (null for a creation); never secrets (see `redact`). */
  before?: Record<string, unknown> | null;
  /** The object's fields after it (null for a deletion); never secrets. */
  after?: Record<string, unknown> | null;
  /** Who, when it is not the caller (a sign-in: the account signing in). */
  actor?: AuditActorRef;
}

/** The caller as the audit log names it. */
export function actorOf(principal: Principal | null): AuditActorRef {
  if (principal?.userId) return { type: 'USER', id: principal.userId, name: principal.displayName };
  if (principal?.apiKeyId) return { type: 'API_KEY', id: principal.apiKeyId, name: principal.displayName };
  return { type: 'ANONYMOUS', id: null, name: '' };
}

/** Field names whose values never reach the log, at any depth: passwords, their hashes, key hashes, secrets, tokens. */
const SECRET_FIELD = /password|hash|secret|token|signature|digest/i;
export const REDACTED = '[redacted]';

/** A copy with every secret-looking field's value replaced by REDACTED (the loaders select none; this is the net under them). */
export function redact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redact) as T;
  if (value instanceof Date) return value.toISOString() as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) ? (v == null ? v : REDACTED) : redact(v)])) as T;
}

const INSERT = statement(
  'audit-append',
  `insert into audit_event (at, action, actor_type, actor_id, actor_name, ip_address, user_agent, object_type, object_id, before, after, request_id)
   values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12)`,
);

const clip = (value: string | null | undefined, max: number) => (value ? value.slice(0, max) : null);

function userAgentOf(ctx: Pick<Context, 'req'>): string | null {
  const header = ctx.req?.headers?.['user-agent'];
  return clip(Array.isArray(header) ? header[0] : header, 500);
}

/**
 * B5: appends one audit event, in the transaction of the change: through the request's entity manager (the
 * mutation's transaction) unless `sql` is given (a statement's own transaction, or autocommit on the pool for
 * what must stay recorded though the request rolls back: a failed sign-in). Who and from where come from the
 * context (its principal, the client address, the User-Agent header); when from the injectable clock.
 */
export async function audit(ctx: Pick<Context, 'principal' | 'clock' | 'ip' | 'req' | 'requestId' | 'em'>, entry: AuditEntry, sql: Sql = emSql(ctx.em)): Promise<void> {
  const actor = entry.actor ?? actorOf(ctx.principal);
  const json = (v: Record<string, unknown> | null | undefined) => (v == null ? null : JSON.stringify(redact(v)));
  await sql(INSERT, [
    ctx.clock.now(),
    entry.action,
    actor.type,
    actor.id,
    clip(actor.name, 255) ?? '',
    clip(ctx.ip, 100),
    userAgentOf(ctx),
    entry.object.type,
    clip(entry.object.id, 100),
    json(entry.before),
    json(entry.after),
    clip(ctx.requestId, 64),
  ]);
}
