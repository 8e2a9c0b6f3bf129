import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Context } from '../../common/context.js';
import { dateOrNull, emSql, statement } from '../../common/db/sql.js';
import { pageWindow, toConnection, type ConnectionShape } from '../../common/graphql/connection.js';
import { INVALID_INPUT } from '../../common/graphql/user-error.js';
import { translate } from '../../common/i18n.js';
import { Product, ProductKind, ProductStatus } from '../catalog/product.entity.js';
import { isUuid } from '../identity/identity.service.js';
import type { RedemptionService, Row } from '../redemption/redemption.service.js';
import { normaliseCode } from '../tickets/code-generator.js';
import { RedemptionChannel } from '../tickets/redemption.entity.js';
import {
  OFFLINE_LIMITS,
  OfflineActivity,
  OfflineActivityKind,
  OfflineConflict,
  OfflineConflictParty,
  OfflineConflictResolution,
  OfflineConflictResolveErrors,
  OfflineConflictResolvePayload,
  OfflineSnapshot,
  OfflineSnapshotCreateErrors,
  OfflineSnapshotCreatePayload,
  OfflineSnapshotEntry,
  OfflineSyncOutcome,
  OfflineSyncResult,
  ProductOfflineSettingsUpdateErrors,
  ProductOfflineSettingsUpdatePayload,
  TicketCodeOfflineSyncErrors,
  TicketCodeOfflineSyncPayload,
  offlineRefusalMessages,
  type OfflineConflictResolveInput,
  type OfflineRefusal,
  type OfflineSnapshotCreateInput,
  type ProductOfflineSettingsUpdateInput,
  type TicketCodeOfflineSyncInput,
} from './offline.types.js';
import { codeHash, entriesDigest, type SnapshotSigner } from './snapshot-signer.js';

/** Products a device may take offline: ticket products on sale, or archived (off sale, their codes still redeem). */
const OFFLINE_STATUSES = [ProductStatus.ACTIVE, ProductStatus.ARCHIVED];

const PRODUCT_FOR_SNAPSHOT = statement(
  'offline-product',
  `select id, title, kind, status, offline_redemption, offline_window_hours from product where id = $1`,
);

/**
 * B7: the product's redeemable codes for a snapshot: active, a unit left, and valid at some moment of the window
 * ($2 to $3). Read through the indexes on the ticket types' order lines and their codes. No buyer data.
 */
const SNAPSHOT_CODES = statement(
  'offline-snapshot-codes',
  `select tc.code, (tc.quantity - tc.redeemed_quantity - tc.refunded_quantity)::int as remaining, tc.variant_name, tc.parent_id is not null as split_child
     from variant v join order_line ol on ol.variant_id = v.id join ticket_code tc on tc.order_line_id = ol.id
    where v.product_id = $1 and tc.status = 'ACTIVE' and tc.redeemed_quantity + tc.refunded_quantity < tc.quantity
      and (tc.valid_until is null or tc.valid_until > $2) and (tc.valid_from is null or tc.valid_from < $3)`,
);

const SNAPSHOT_INSERT = statement(
  'offline-snapshot-insert',
  `insert into offline_snapshot (id, product_id, device_id, staff_id, api_key_id, issued_by, entry_count, issued_at, expires_at, hash_key, entries_digest, signature)
   values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
);

const SNAPSHOT_BY_ID = statement('offline-snapshot-by-id', `select * from offline_snapshot where id = $1`);

const PRODUCT_OF_LINE = statement('offline-product-of-line', `select v.product_id from order_line ol join variant v on v.id = ol.variant_id where ol.id = $1`);

/** B7: the caller's conflict under this key, if any (a replay of an item that was a conflict). */
const CONFLICT_BY_KEY = statement(
  'offline-conflict-by-key',
  `select id, ticket_code_id from offline_conflict where coalesce(loser_staff_id, loser_api_key_id) = $1 and idempotency_key = $2`,
);

/**
 * B7: records that a device redeemed offline a code already used up: the winner is the redemption that used it
 * up (the last one recorded; a B3 reversal, a negative row, is none), the loser this device. Once per key of the principal (a twin waits, then does nothing).
 */
const CONFLICT_INSERT = statement(
  'offline-conflict-insert',
  `with winner as (
     select id, channel, device, redeemed_by, coalesce(redeemed_at, created_at) as at
       from redemption where ticket_code_id = $2 and quantity > 0 order by created_at desc, id desc limit 1
   )
   insert into offline_conflict (id, ticket_code_id, code, product_id, product_title, variant_name, snapshot_id,
                                 winner_redemption_id, winner_channel, winner_device, winner_name, winner_at,
                                 loser_device, loser_staff_id, loser_api_key_id, loser_name, loser_at, idempotency_key, created_at)
   select $1, t.id, t.code, $3, t.product_title, t.variant_name, $4, w.id, w.channel, w.device, w.redeemed_by, w.at,
          $5, $6, $7, $8, $9, $10, $11
     from ticket_code t left join winner w on true
    where t.id = $2
   on conflict ((coalesce(loser_staff_id, loser_api_key_id)), idempotency_key) do nothing
   returning id`,
);

const SYNC_INSERT = statement(
  'offline-sync-insert',
  `insert into offline_sync (id, snapshot_id, product_id, device_id, staff_id, api_key_id, synced_by, synced_at, items, redeemed, already_synced, conflicts, refused)
   values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
);

const CONFLICT_RESOLVE = statement(
  'offline-conflict-resolve',
  `update offline_conflict set resolved_at = $2, resolved_by_id = $3, resolved_by_name = $4, resolution = $5, note = $6
    where id = $1 and resolved_at is null returning *`,
);

const CONFLICT_BY_ID = statement('offline-conflict-by-id', `select * from offline_conflict where id = $1`);

const HOUR_MS = 3600_000;
const MINUTE_MS = 60_000;

const CONFLICT_MESSAGE = {
  'zh-TW': '此票券在同步前已被核銷（其他裝置或線上），這次未核銷，已記錄為衝突',
  en: 'This ticket was already redeemed (another device, or online) before the sync: not redeemed again, recorded as a conflict',
} as const;

/** INVALID_INPUT for a blank device id (the bounds check lets an empty string through). */
function deviceIdRequired<E extends object>(ctx: Context, ErrorType: new () => E): E {
  return Object.assign(new ErrorType(), { code: INVALID_INPUT, field: 'deviceId', message: translate(ctx.locale, { 'zh-TW': '請提供裝置識別碼', en: 'deviceId is required' }) });
}

function conflictOf(row: Row): OfflineConflict {
  return Object.assign(new OfflineConflict(), {
    id: row.id,
    code: row.code,
    productId: row.product_id,
    productTitle: row.product_title,
    variantName: row.variant_name,
    winner: Object.assign(new OfflineConflictParty(), {
      deviceId: row.winner_device ?? null,
      clerkName: row.winner_name ?? null,
      at: dateOrNull(row.winner_at),
      channel: row.winner_channel ?? null,
    }),
    loser: Object.assign(new OfflineConflictParty(), { deviceId: row.loser_device, clerkName: row.loser_name, at: dateOrNull(row.loser_at), channel: RedemptionChannel.OFFLINE }),
    createdAt: new Date(row.created_at as string),
    resolvedAt: dateOrNull(row.resolved_at),
    resolvedByName: row.resolved_by_name ?? null,
    resolution: row.resolution ?? null,
    note: row.note ?? null,
  });
}

interface SnapshotRow {
  id: string;
  product_id: string;
  issued_at: Date;
  expires_at: Date;
  hash_key: string;
  entries_digest: string;
  signature: string;
}

/**
 * B7, offline redemption (pretixSCAN's model, stricter): an admin turns it on per product; a clerk device downloads
 * a signed snapshot of the product's redeemable codes (keyed hashes, remaining units, ticket type; no buyer data)
 * valid for the product's window; offline it redeems single-unit codes from it, and when back online syncs them
 * in order, each applied with the online redemption's guarded statement. A code already used up when its sync
 * arrives is a conflict for the admin, never a second redemption. Downloads and syncs are kept (offlineActivity).
 */
export class OfflineService {
  private readonly snapshotsPerAccount: RateLimiterPostgres;

  constructor(
    private readonly pool: pg.Pool,
    private readonly redemption: RedemptionService,
    private readonly signer: SnapshotSigner,
  ) {
    this.snapshotsPerAccount = new RateLimiterPostgres({
      storeClient: pool,
      tableName: 'rate_limit',
      tableCreated: true,
      keyPrefix: 'offline-snapshot-acct',
      points: OFFLINE_LIMITS.snapshotsPerHour,
      duration: 3600,
    });
  }

  async updateSettings(ctx: Context, input: ProductOfflineSettingsUpdateInput): Promise<ProductOfflineSettingsUpdatePayload> {
    const payload = new ProductOfflineSettingsUpdatePayload();
    const product = isUuid(input.productId) ? await ctx.em.findOne(Product, input.productId) : null;
    if (!product) {
      payload.errors.push(ProductOfflineSettingsUpdateErrors.error(ctx, 'PRODUCT_NOT_FOUND', 'productId'));
      return payload;
    }
    if (product.kind !== ProductKind.TICKET) {
      payload.errors.push(ProductOfflineSettingsUpdateErrors.error(ctx, 'NOT_A_TICKET_PRODUCT', 'productId'));
      return payload;
    }
    product.offlineRedemption = input.enabled;
    if (input.windowHours != null) product.offlineWindowHours = input.windowHours;
    await ctx.em.flush();
    payload.product = product;
    return payload;
  }

  /** Ticket products with offline redemption on, on sale or archived, by title. */
  products(ctx: Context): Promise<Product[]> {
    return ctx.em.find(Product, { kind: ProductKind.TICKET, offlineRedemption: true, status: { $in: OFFLINE_STATUSES } }, { orderBy: { title: 'asc', id: 'asc' } });
  }

  async createSnapshot(ctx: Context, input: OfflineSnapshotCreateInput): Promise<OfflineSnapshotCreatePayload> {
    const payload = new OfflineSnapshotCreatePayload();
    const refuse = (code: Parameters<typeof OfflineSnapshotCreateErrors.error>[1], field?: string, params?: Record<string, number>) => {
      payload.errors.push(OfflineSnapshotCreateErrors.error(ctx, code, field, params));
      return payload;
    };
    const deviceId = input.deviceId.trim();
    if (!deviceId) {
      payload.errors.push(deviceIdRequired(ctx, OfflineSnapshotCreateErrors.ErrorType));
      return payload;
    }
    const sql = emSql(ctx.em);
    const [product] = isUuid(input.productId)
      ? await sql<{ id: string; title: string; kind: string; status: string; offline_redemption: boolean; offline_window_hours: number }>(PRODUCT_FOR_SNAPSHOT, [input.productId])
      : [];
    if (!product || product.kind !== ProductKind.TICKET || !OFFLINE_STATUSES.includes(product.status as ProductStatus)) return refuse('PRODUCT_NOT_FOUND', 'productId');
    if (!product.offline_redemption) return refuse('OFFLINE_NOT_ENABLED', 'productId');
    const p = ctx.principal!;
    try {
      await this.snapshotsPerAccount.consume(p.userId ?? p.apiKeyId!);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      return refuse('TOO_MANY_ATTEMPTS', undefined, { seconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) });
    }

    const issuedAt = ctx.clock.now();
    const expiresAt = new Date(issuedAt.getTime() + product.offline_window_hours * HOUR_MS);
    const key = randomBytes(32);
    const rows = await sql<{ code: string; remaining: number; variant_name: string; split_child: boolean }>(SNAPSHOT_CODES, [product.id, issuedAt, expiresAt]);
    const entries = rows
      .map((r) => Object.assign(new OfflineSnapshotEntry(), { codeHash: codeHash(key, r.code), remaining: r.remaining, variantName: r.variant_name, splitChild: r.split_child }))
      // In hash order: the order says nothing about the codes (nor when they were sold).
      .sort((a, b) => (a.codeHash < b.codeHash ? -1 : a.codeHash > b.codeHash ? 1 : 0));
    const snapshot = Object.assign(new OfflineSnapshot(), {
      id: randomUUID(),
      productId: product.id,
      productTitle: product.title,
      issuedAt,
      expiresAt,
      hashKey: key.toString('base64url'),
      entries,
    });
    const digest = entriesDigest(entries);
    snapshot.signature = await this.signer.sign({ ...snapshot, entriesDigest: digest });
    await sql(SNAPSHOT_INSERT, [
      snapshot.id,
      product.id,
      deviceId,
      p.userId ?? null,
      p.apiKeyId ?? null,
      p.displayName,
      entries.length,
      issuedAt,
      expiresAt,
      snapshot.hashKey,
      digest,
      snapshot.signature,
    ]);
    payload.snapshot = snapshot;
    return payload;
  }

  /**
   * B7: applies a device's offline redemptions in order, each on its own (autocommit, as online), so what was
   * applied stays applied if the device's connection drops halfway: it sends them again and gets ALREADY_SYNCED.
   */
  async sync(ctx: Context, input: TicketCodeOfflineSyncInput): Promise<TicketCodeOfflineSyncPayload> {
    const payload = new TicketCodeOfflineSyncPayload();
    const now = ctx.clock.now();
    const snapshot = isUuid(input.snapshotId) ? (await this.pool.query<SnapshotRow>({ ...SNAPSHOT_BY_ID, values: [input.snapshotId] })).rows[0] : undefined;
    const genuine =
      snapshot &&
      (await this.signer.verify(
        { id: snapshot.id, productId: snapshot.product_id, issuedAt: snapshot.issued_at, expiresAt: snapshot.expires_at, hashKey: snapshot.hash_key, entriesDigest: snapshot.entries_digest },
        snapshot.signature,
      ));
    if (!snapshot || !genuine) {
      payload.errors.push(TicketCodeOfflineSyncErrors.error(ctx, 'SNAPSHOT_NOT_FOUND', 'snapshotId'));
      return payload;
    }
    if (now.getTime() > snapshot.expires_at.getTime() + OFFLINE_LIMITS.syncGraceHours * HOUR_MS) {
      payload.errors.push(TicketCodeOfflineSyncErrors.error(ctx, 'SNAPSHOT_EXPIRED', 'snapshotId'));
      return payload;
    }
    const deviceId = input.deviceId.trim();
    if (!deviceId) {
      payload.errors.push(deviceIdRequired(ctx, TicketCodeOfflineSyncErrors.ErrorType));
      return payload;
    }
    const p = ctx.principal!;
    const principalId = (p.userId ?? p.apiKeyId)!;
    const earliest = snapshot.issued_at.getTime() - OFFLINE_LIMITS.clockSkewMinutes * MINUTE_MS;
    const latest = Math.min(now.getTime(), snapshot.expires_at.getTime()) + OFFLINE_LIMITS.clockSkewMinutes * MINUTE_MS;
    const counts = { REDEEMED: 0, ALREADY_SYNCED: 0, CONFLICT: 0, REFUSED: 0 };

    for (const item of input.redemptions) {
      const result = Object.assign(new OfflineSyncResult(), { idempotencyKey: item.idempotencyKey, conflictId: null, reason: null, message: null });
      const refused = (reason: OfflineRefusal) =>
        Object.assign(result, { outcome: OfflineSyncOutcome.REFUSED, reason, message: translate(ctx.locale, offlineRefusalMessages[reason]) });
      const code = normaliseCode(item.code);
      const key = item.idempotencyKey.trim();
      const at = item.redeemedAt.getTime();
      if (!key || !code) refused('NOT_REDEEMABLE');
      else if (!(at >= earliest && at <= latest)) refused('TIME_OUTSIDE_WINDOW');
      else {
        const applied = await this.redemption.apply(ctx, {
          code,
          quantity: 1,
          channel: RedemptionChannel.OFFLINE,
          device: deviceId,
          idempotencyKey: key,
          offline: { redeemedAt: item.redeemedAt, productId: snapshot.product_id },
        });
        if (applied.kind === 'blocked') {
          // R6 holds offline too: stop here; the device sends the rest later.
          payload.retryAfterSeconds = applied.retryAfterSeconds;
          payload.errors.push(TicketCodeOfflineSyncErrors.error(ctx, 'TOO_MANY_ATTEMPTS', 'redemptions', { seconds: applied.retryAfterSeconds }));
          break;
        }
        if (applied.kind === 'redeemed') result.outcome = OfflineSyncOutcome.REDEEMED;
        else if (applied.kind === 'earlier') {
          // R5/B8: this key was used before: synced already if for this code, offline; else a reuse.
          const same = applied.code.code === code && applied.redemption.channel === RedemptionChannel.OFFLINE && applied.redemption.quantity === 1;
          if (same) result.outcome = OfflineSyncOutcome.ALREADY_SYNCED;
          else refused('IDEMPOTENCY_KEY_REUSED');
        } else if (applied.kind === 'unknown') refused('CODE_NOT_FOUND');
        else await this.explain(ctx, applied.code, { principalId, key, deviceId, redeemedAt: item.redeemedAt, snapshot, now }, result, refused);
      }
      counts[result.outcome]++;
      payload.results.push(result);
    }

    await this.pool.query({
      ...SYNC_INSERT,
      values: [randomUUID(), snapshot.id, snapshot.product_id, deviceId, p.userId ?? null, p.apiKeyId ?? null, p.displayName, now, payload.results.length, counts.REDEEMED, counts.ALREADY_SYNCED, counts.CONFLICT, counts.REFUSED],
    });
    return payload;
  }

  /** Nothing was redeemed for a known code: a replay of a conflict, a new conflict, or why it was refused. */
  private async explain(
    ctx: Context,
    code: Row,
    item: { principalId: string; key: string; deviceId: string; redeemedAt: Date; snapshot: SnapshotRow; now: Date },
    result: OfflineSyncResult,
    refused: (reason: OfflineRefusal) => void,
  ): Promise<void> {
    const [earlier] = (await this.pool.query<{ id: string; ticket_code_id: string }>({ ...CONFLICT_BY_KEY, values: [item.principalId, item.key] })).rows;
    if (earlier) {
      if (earlier.ticket_code_id !== code.id) return refused('IDEMPOTENCY_KEY_REUSED');
      Object.assign(result, { outcome: OfflineSyncOutcome.ALREADY_SYNCED, conflictId: earlier.id });
      return;
    }
    if (code.status === 'SPLIT' || code.status === 'REFUNDED') return refused('CODE_VOID');
    const [line] = (await this.pool.query<{ product_id: string }>({ ...PRODUCT_OF_LINE, values: [code.order_line_id] })).rows;
    if (line?.product_id !== item.snapshot.product_id) return refused('NOT_IN_SNAPSHOT');
    const remaining = (code.quantity as number) - (code.redeemed_quantity as number) - (code.refunded_quantity as number);
    if (remaining <= 0) {
      const p = ctx.principal!;
      const id = randomUUID();
      const inserted = await this.pool.query<{ id: string }>({
        ...CONFLICT_INSERT,
        values: [id, code.id, item.snapshot.product_id, item.snapshot.id, item.deviceId, p.userId ?? null, p.apiKeyId ?? null, p.displayName, item.redeemedAt, item.key, item.now],
      });
      if (!inserted.rows[0]) {
        // A twin with the same key recorded it meanwhile.
        const [twin] = (await this.pool.query<{ id: string; ticket_code_id: string }>({ ...CONFLICT_BY_KEY, values: [item.principalId, item.key] })).rows;
        if (twin?.ticket_code_id !== code.id) return refused('IDEMPOTENCY_KEY_REUSED');
        Object.assign(result, { outcome: OfflineSyncOutcome.ALREADY_SYNCED, conflictId: twin.id });
        return;
      }
      Object.assign(result, { outcome: OfflineSyncOutcome.CONFLICT, conflictId: id, message: translate(ctx.locale, CONFLICT_MESSAGE) });
      return;
    }
    if (remaining > 1) return refused('MULTI_UNIT_CODE');
    const validFrom = dateOrNull(code.valid_from);
    const validUntil = dateOrNull(code.valid_until);
    if ((validFrom && validFrom > item.redeemedAt) || (validUntil && validUntil <= item.redeemedAt)) return refused('OUTSIDE_VALIDITY');
    return refused('NOT_REDEEMABLE');
  }

  async conflicts(ctx: Context, resolved: boolean | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<ConnectionShape<OfflineConflict>> {
    const { limit, offset } = pageWindow(first, after);
    const where = resolved == null ? '' : resolved ? 'where resolved_at is not null' : 'where resolved_at is null';
    const [page, count] = await Promise.all([
      this.pool.query(`select * from offline_conflict ${where} order by created_at desc, id desc limit ${limit} offset ${offset}`),
      this.pool.query<{ n: number }>(`select count(*)::int as n from offline_conflict ${where}`),
    ]);
    return toConnection(page.rows.map(conflictOf), count.rows[0]!.n, offset);
  }

  async resolveConflict(ctx: Context, input: OfflineConflictResolveInput): Promise<OfflineConflictResolvePayload> {
    const payload = new OfflineConflictResolvePayload();
    const sql = emSql(ctx.em);
    const p = ctx.principal!;
    const note = input.note?.trim() || null;
    const [row] = isUuid(input.id)
      ? await sql<Row>(CONFLICT_RESOLVE, [input.id, ctx.clock.now(), p.userId ?? null, p.displayName, input.resolution ?? OfflineConflictResolution.ACKNOWLEDGED, note])
      : [];
    if (row) {
      payload.conflict = conflictOf(row);
      return payload;
    }
    const [existing] = isUuid(input.id) ? await sql<Row>(CONFLICT_BY_ID, [input.id]) : [];
    payload.errors.push(OfflineConflictResolveErrors.error(ctx, existing ? 'ALREADY_RESOLVED' : 'CONFLICT_NOT_FOUND', 'id'));
    return payload;
  }

  /** B7: snapshot downloads and syncs, newest first (the offline part of the redemption history). */
  async activity(ctx: Context, productId: string | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<ConnectionShape<OfflineActivity>> {
    const { limit, offset } = pageWindow(first, after);
    if (productId && !isUuid(productId)) return toConnection([], 0, 0);
    const values = [productId ?? null];
    const [page, count] = await Promise.all([
      this.pool.query(
        `select a.*, p.title as product_title from (
           select id, 'SNAPSHOT' as kind, id as snapshot_id, product_id, device_id, issued_by as by_name, issued_at as at, entry_count as entries, expires_at,
                  null::int as redeemed, null::int as already_synced, null::int as conflicts, null::int as refused
             from offline_snapshot where $1::uuid is null or product_id = $1
           union all
           select id, 'SYNC', snapshot_id, product_id, device_id, synced_by, synced_at, items, null, redeemed, already_synced, conflicts, refused
             from offline_sync where $1::uuid is null or product_id = $1
         ) a join product p on p.id = a.product_id
         order by a.at desc, a.id desc limit ${limit} offset ${offset}`,
        values,
      ),
      this.pool.query<{ n: number }>(
        `select (select count(*) from offline_snapshot where $1::uuid is null or product_id = $1)::int + (select count(*) from offline_sync where $1::uuid is null or product_id = $1)::int as n`,
        values,
      ),
    ]);
    const items = page.rows.map((r) =>
      Object.assign(new OfflineActivity(), {
        id: r.id,
        kind: r.kind as OfflineActivityKind,
        snapshotId: r.snapshot_id,
        productId: r.product_id,
        productTitle: r.product_title,
        deviceId: r.device_id,
        byName: r.by_name,
        at: new Date(r.at),
        entries: r.entries,
        expiresAt: dateOrNull(r.expires_at),
        redeemed: r.redeemed,
        alreadySynced: r.already_synced,
        conflicts: r.conflicts,
        refused: r.refused,
      }),
    );
    return toConnection(items, count.rows[0]!.n, offset);
  }
}
