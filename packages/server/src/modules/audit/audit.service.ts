import type pg from 'pg';
import { MAX_PAGE_SIZE, type ConnectionShape } from '../../common/graphql/connection.js';
import type { AuditActorType } from './audit.js';
import { AuditActor, AuditActorKind, AuditChange, AuditEvent, type AuditEventFilter } from './audit.types.js';

interface AuditRow {
  id: string;
  at: Date;
  /** `at` in microseconds since the epoch: the exact key of a page's end (a Date keeps milliseconds only). */
  at_us: string;
  action: string;
  actor_type: AuditActorType;
  actor_id: string | null;
  actor_name: string;
  ip_address: string | null;
  user_agent: string | null;
  object_type: string;
  object_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a page ends: the last event's time (microseconds since the epoch) and id (the log is read newest first, by time then id). */
interface Cursor {
  atUs: string;
  id: string;
}

export function encodeCursor(row: Pick<AuditRow, 'at_us' | 'id'>): string {
  return Buffer.from(`${row.at_us}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): Cursor | null {
  if (!cursor) return null;
  const [atUs, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  return /^-?\d{1,19}$/.test(atUs ?? '') && /^\d{1,19}$/.test(id ?? '') ? { atUs: atUs!, id: id! } : null;
}

/** A filter as a WHERE clause with numbered parameters (`$1`...), the cursor's condition last. */
function whereOf(filter: AuditEventFilter | null | undefined, cursor: Cursor | null): { where: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (condition: (n: string) => string, value: unknown) => {
    values.push(value);
    conditions.push(condition(`$${values.length}`));
  };
  if (filter?.actorId) {
    // An id that is no uuid matches nothing (the column is a uuid).
    if (UUID.test(filter.actorId)) add((n) => `actor_id = ${n}::uuid`, filter.actorId);
    else conditions.push('false');
  }
  const action = filter?.action?.trim();
  if (action) {
    if (action.endsWith('*') || action.endsWith('.')) add((n) => `action like ${n}`, `${action.replace(/\*$/, '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    else add((n) => `action = ${n}`, action);
  }
  if (filter?.objectType?.trim()) add((n) => `object_type = ${n}`, filter.objectType.trim());
  if (filter?.objectId?.trim()) add((n) => `object_id = ${n}`, filter.objectId.trim());
  if (filter?.from) add((n) => `at >= ${n}`, filter.from);
  if (filter?.to) add((n) => `at < ${n}`, filter.to);
  if (cursor) {
    values.push(cursor.atUs, cursor.id);
    conditions.push(`(at, id) < ('epoch'::timestamptz + $${values.length - 1}::bigint * interval '1 microsecond', $${values.length}::bigint)`);
  }
  return { where: conditions.length ? `where ${conditions.join(' and ')}` : '', values };
}

/** The fields that differ between before and after, by name, as JSON. */
export function changesOf(before: Record<string, unknown> | null, after: Record<string, unknown> | null): AuditChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const json = (o: Record<string, unknown> | null, field: string) => (o && Object.prototype.hasOwnProperty.call(o, field) ? JSON.stringify(o[field]) : null);
  return fields
    .map((field) => ({ field, before: json(before, field), after: json(after, field) }))
    .filter((c) => c.before !== c.after)
    .map((c) => Object.assign(new AuditChange(), c));
}

function eventOf(row: AuditRow): AuditEvent {
  return Object.assign(new AuditEvent(), {
    id: String(row.id),
    action: row.action,
    actor: Object.assign(new AuditActor(), { type: row.actor_type as AuditActorKind, id: row.actor_id, name: row.actor_name }),
    at: new Date(row.at),
    ipAddress: row.ip_address,
    userAgent: row.user_agent,
    objectType: row.object_type,
    objectId: row.object_id,
    changes: changesOf(row.before, row.after),
    before: row.before == null ? null : JSON.stringify(row.before),
    after: row.after == null ? null : JSON.stringify(row.after),
  });
}

const COLUMNS = '(extract(epoch from at) * 1000000)::bigint as at_us, id, at, action, actor_type, actor_id, actor_name, ip_address, user_agent, object_type, object_id, before, after';

/** B5: reading the audit log (writing is `audit()`, in each change's transaction). */
export class AuditService {
  constructor(private readonly pool: pg.Pool) {}

  /** The pool, for audit events that must stay recorded though their request rolls back (a failed sign-in). */
  get sqlPool(): pg.Pool {
    return this.pool;
  }

  /** Newest first, by keyset (a page stays put while new events arrive), with the filter's total. */
  async events(filter: AuditEventFilter | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<ConnectionShape<AuditEvent>> {
    const limit = Math.min(Math.max(first ?? 50, 1), MAX_PAGE_SIZE);
    const page = whereOf(filter, decodeCursor(after));
    const total = whereOf(filter, null);
    const [rows, count] = await Promise.all([
      this.pool.query<AuditRow>(`select ${COLUMNS} from audit_event ${page.where} order by at desc, id desc limit ${limit + 1}`, page.values),
      this.pool.query<{ n: number }>(`select count(*)::int as n from audit_event ${total.where}`, total.values),
    ]);
    const items = rows.rows.slice(0, limit);
    const edges = items.map((row) => ({ node: eventOf(row), cursor: encodeCursor(row) }));
    return { edges, totalCount: count.rows[0]!.n, pageInfo: { hasNextPage: rows.rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** Everyone who appears in the log (newest name per id), for the filter's choice of actor. */
  async actors(): Promise<AuditActor[]> {
    const { rows } = await this.pool.query<{ actor_type: AuditActorType; actor_id: string; actor_name: string }>(
      `select * from (select distinct on (actor_id) actor_type, actor_id, actor_name from audit_event where actor_id is not null order by actor_id, at desc, id desc) a
        order by actor_name limit 500`,
    );
    return rows.map((r) => Object.assign(new AuditActor(), { type: r.actor_type as AuditActorKind, id: r.actor_id, name: r.actor_name }));
  }

  /** The actions recorded so far, for the filter's choice of action. */
  async actions(): Promise<string[]> {
    const { rows } = await this.pool.query<{ action: string }>(`select distinct action from audit_event order by action limit 500`);
    return rows.map((r) => r.action);
  }

  /**
   * The filtered log as CSV rows, newest first, read in batches by keyset so a long log streams: `write` gets
   * each batch's text and may wait (back-pressure) before the next batch is read.
   */
  async exportCsv(filter: AuditEventFilter | null | undefined, write: (chunk: string) => Promise<void> | void, batchSize = 500): Promise<number> {
    await write(`\uFEFF${AUDIT_CSV_HEADER.map(csvCell).join(',')}\r\n`);
    let cursor: Cursor | null = null;
    let written = 0;
    for (;;) {
      const { where, values } = whereOf(filter, cursor);
      const { rows } = await this.pool.query<AuditRow>(`select ${COLUMNS} from audit_event ${where} order by at desc, id desc limit ${batchSize}`, values);
      if (!rows.length) return written;
      await write(rows.map((row) => csvLine(eventOf(row))).join(''));
      written += rows.length;
      if (rows.length < batchSize) return written;
      const last = rows.at(-1)!;
      cursor = { atUs: String(last.at_us), id: String(last.id) };
    }
  }
}

export const AUDIT_CSV_HEADER = [
  '時間 Time (Asia/Taipei)',
  '操作 Action',
  '操作者類型 Actor type',
  '操作者 Actor',
  '操作者編號 Actor id',
  'IP 位址 Address',
  '使用者代理 User agent',
  '物件類型 Object type',
  '物件編號 Object id',
  '變更內容 Changes',
];

const taipei = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

/** A CSV cell; text a spreadsheet would run as a formula (=, +, -, @ first) is quoted as text with a leading apostrophe. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(e: AuditEvent): string {
  const changes = e.changes.map((c) => `${c.field}: ${c.before ?? '∅'} → ${c.after ?? '∅'}`).join('; ');
  return `${[taipei(e.at), e.action, e.actor.type, e.actor.name, e.actor.id, e.ipAddress, e.userAgent, e.objectType, e.objectId, changes].map(csvCell).join(',')}\r\n`;
}
