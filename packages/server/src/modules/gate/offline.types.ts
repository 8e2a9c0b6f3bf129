import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Limit } from '../../common/graphql/input-limits.js';
import { createErrorType } from '../../common/graphql/user-error.js';
import { Product } from '../catalog/product.entity.js';
import { RedemptionChannel } from '../tickets/redemption.entity.js';

/** B7: bounds of the offline inputs, checked before anything runs (`@Limit`). */
export const OFFLINE_LIMITS = {
  minWindowHours: 1,
  maxWindowHours: 72,
  defaultWindowHours: 12,
  maxDeviceId: 100,
  maxCode: 40,
  maxIdempotencyKey: 100,
  /** Redemptions in one sync call. */
  maxSyncItems: 200,
  maxNote: 2000,
  /** A sync may still name a snapshot this long after the snapshot's window ended (a device back online late). */
  syncGraceHours: 24,
  /** How far a device's clock may be off: an offline time this far outside the snapshot's window still counts. */
  clockSkewMinutes: 5,
  /** Snapshots one account may download in an hour (each one holds every redeemable code's hash). */
  snapshotsPerHour: 30,
} as const;

// ---- Product settings ----

@InputType({ description: 'B7: offline redemption for one ticket product.' })
export class ProductOfflineSettingsUpdateInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => Boolean, { description: 'Turn offline redemption on or off (default off).' })
  enabled!: boolean;

  @Field(() => Int, { nullable: true, description: 'Hours a downloaded snapshot may be used: 1 to 72; left as it is when omitted (12 for a product never set).' })
  @Limit({ min: OFFLINE_LIMITS.minWindowHours, max: OFFLINE_LIMITS.maxWindowHours })
  windowHours?: number | null;
}

export const ProductOfflineSettingsUpdateErrors = createErrorType('ProductOfflineSettingsUpdateError', {
  PRODUCT_NOT_FOUND: { 'zh-TW': '找不到此商品', en: 'No such product' },
  NOT_A_TICKET_PRODUCT: { 'zh-TW': '只有電子票券可以離線核銷', en: 'Only e-ticket products can be redeemed offline' },
});

@ObjectType()
export class ProductOfflineSettingsUpdatePayload {
  @Field(() => Product, { nullable: true })
  product?: Product | null;

  @Field(() => [ProductOfflineSettingsUpdateErrors.ErrorType])
  errors: InstanceType<typeof ProductOfflineSettingsUpdateErrors.ErrorType>[] = [];
}

// ---- Snapshots ----

@InputType({ description: 'B7: a snapshot of one product for one clerk device.' })
export class OfflineSnapshotCreateInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => String, { description: 'The device that will redeem from it (a stable id the clerk app keeps), at most 100 characters.' })
  @Limit({ maxLength: OFFLINE_LIMITS.maxDeviceId })
  deviceId!: string;
}

@ObjectType({ description: 'B7: one redeemable code in an offline snapshot: its keyed hash, never the code; no buyer data.' })
export class OfflineSnapshotEntry {
  @Field(() => String, {
    description:
      "base64url (no padding) of HMAC-SHA256 over the normalised code (upper case, no spaces or dashes; UTF-8), keyed with the 32 bytes that the snapshot's hashKey encodes.",
  })
  codeHash!: string;

  @Field(() => Int, { description: 'Units left when the snapshot was made. Offline, only entries with 1 may be redeemed (quantity 1); others need the network.' })
  remaining!: number;

  @Field(() => String, { description: 'The ticket type (票種).' })
  variantName!: string;

  @Field(() => Boolean, { description: 'X3: a split code (always one unit).' })
  splitChild!: boolean;
}

@ObjectType({ description: 'B7: what a clerk device needs to redeem one product offline until expiresAt: keyed hashes of the redeemable codes, signed by the server.' })
export class OfflineSnapshot {
  @Field(() => ID, { description: 'Name it when syncing (ticketCodeOfflineSync).' })
  id!: string;

  @Field(() => ID)
  productId!: string;

  @Field(() => String)
  productTitle!: string;

  @Field(() => Date)
  issuedAt!: Date;

  @Field(() => Date, { description: "issuedAt plus the product's offlineWindowHours: redeem offline from it only until then." })
  expiresAt!: Date;

  @Field(() => String, { description: 'A random key for this snapshot only: 32 bytes, base64url (no padding). See OfflineSnapshotEntry.codeHash.' })
  hashKey!: string;

  @Field(() => [OfflineSnapshotEntry], { description: 'ACTIVE codes with at least one unit left, in no particular order.' })
  entries!: OfflineSnapshotEntry[];

  @Field(() => String, { description: "The server's HMAC-SHA256 (base64url) over id, productId, issuedAt, expiresAt, hashKey and the entries; kept by the server and checked at every sync." })
  signature!: string;
}

export const OfflineSnapshotCreateErrors = createErrorType('OfflineSnapshotCreateError', {
  PRODUCT_NOT_FOUND: { 'zh-TW': '找不到此票券商品', en: 'No such ticket product' },
  OFFLINE_NOT_ENABLED: { 'zh-TW': '此票券未開放離線核銷', en: 'Offline redemption is not enabled for this product' },
  TOO_MANY_ATTEMPTS: { 'zh-TW': '下載次數過多，請 {seconds} 秒後再試', en: 'Too many downloads, try again in {seconds} seconds' },
});

@ObjectType()
export class OfflineSnapshotCreatePayload {
  @Field(() => OfflineSnapshot, { nullable: true })
  snapshot?: OfflineSnapshot | null;

  @Field(() => [OfflineSnapshotCreateErrors.ErrorType])
  errors: InstanceType<typeof OfflineSnapshotCreateErrors.ErrorType>[] = [];
}

// ---- Sync ----

@InputType({ description: 'B7: one redemption made offline, as the device recorded it.' })
export class OfflineRedemptionInput {
  @Field(() => String, { description: 'The code as scanned (spaces, dashes and case are ignored).' })
  @Limit({ maxLength: OFFLINE_LIMITS.maxCode })
  code!: string;

  @Field(() => String, { description: 'R5/B8: the key the device made when it redeemed (a UUID), at most 100 characters; a replay answers ALREADY_SYNCED.' })
  @Limit({ maxLength: OFFLINE_LIMITS.maxIdempotencyKey })
  idempotencyKey!: string;

  @Field(() => Date, { description: "When it was redeemed, by the device's clock: within the snapshot's window (5 minutes of clock skew allowed)." })
  redeemedAt!: Date;
}

@InputType({ description: 'B7: what a device redeemed offline from one snapshot, in the order it happened.' })
export class TicketCodeOfflineSyncInput {
  @Field(() => ID)
  snapshotId!: string;

  @Field(() => String, { description: 'The device, at most 100 characters (recorded on each redemption).' })
  @Limit({ maxLength: OFFLINE_LIMITS.maxDeviceId })
  deviceId!: string;

  @Field(() => [OfflineRedemptionInput], { description: 'At most 200 per call, applied in this order.' })
  @Limit({ maxItems: OFFLINE_LIMITS.maxSyncItems })
  redemptions!: OfflineRedemptionInput[];
}

export enum OfflineSyncOutcome {
  REDEEMED = 'REDEEMED',
  ALREADY_SYNCED = 'ALREADY_SYNCED',
  CONFLICT = 'CONFLICT',
  REFUSED = 'REFUSED',
}
registerEnumType(OfflineSyncOutcome, {
  name: 'OfflineSyncOutcome',
  description:
    'B7: REDEEMED (recorded now, channel OFFLINE); ALREADY_SYNCED (this key was synced before: nothing more done; conflictId says when that was a conflict); CONFLICT (the code was already fully redeemed elsewhere: recorded for the admin, not redeemed); REFUSED (not redeemable offline: see reason).',
  valuesConfig: {
    REDEEMED: { description: 'Redeemed now (quantity 1, channel OFFLINE, the device time kept as redeemedAt).' },
    ALREADY_SYNCED: { description: 'This idempotency key was synced before; nothing more was done.' },
    CONFLICT: { description: 'The code was already fully redeemed (another device, or online): recorded as a conflict, not redeemed.' },
    REFUSED: { description: 'Not redeemed and not a conflict: see reason and message.' },
  },
});

export const offlineRefusalMessages = {
  CODE_NOT_FOUND: { 'zh-TW': '查無此核銷碼', en: 'Unknown code' },
  CODE_VOID: { 'zh-TW': '此核銷碼已失效（已分票或已退款）', en: 'This code is void (split or refunded)' },
  MULTI_UNIT_CODE: { 'zh-TW': '多張數的票券需連線核銷', en: 'A code with more than one unit left needs the network' },
  NOT_IN_SNAPSHOT: { 'zh-TW': '此核銷碼不屬於這份離線資料的票券', en: "This code is not one of the snapshot's product" },
  OUTSIDE_VALIDITY: { 'zh-TW': '核銷時不在票券使用期限內', en: 'It was outside the validity period when redeemed' },
  TIME_OUTSIDE_WINDOW: { 'zh-TW': '核銷時間不在離線資料的有效時間內', en: "The redemption time is outside the snapshot's window" },
  IDEMPOTENCY_KEY_REUSED: { 'zh-TW': '此交易識別碼已用於另一筆核銷，這次沒有核銷任何票券', en: 'This idempotency key was already used for another redemption; nothing was redeemed' },
  NOT_REDEEMABLE: { 'zh-TW': '此票券目前無法核銷', en: 'This code cannot be redeemed now' },
} as const;
export type OfflineRefusal = keyof typeof offlineRefusalMessages;
const refusalCodes = Object.fromEntries(Object.keys(offlineRefusalMessages).map((c) => [c, c])) as { [K in OfflineRefusal]: K };
export const OfflineSyncRefusal = refusalCodes;
registerEnumType(OfflineSyncRefusal, { name: 'OfflineSyncRefusal', description: 'B7: why an offline redemption was REFUSED.' });

@ObjectType({ description: 'B7: what became of one offline redemption.' })
export class OfflineSyncResult {
  @Field(() => String)
  idempotencyKey!: string;

  @Field(() => OfflineSyncOutcome)
  outcome!: OfflineSyncOutcome;

  @Field(() => ID, { nullable: true, description: 'With CONFLICT (and ALREADY_SYNCED of a conflict): the recorded conflict.' })
  conflictId?: string | null;

  @Field(() => OfflineSyncRefusal, { nullable: true, description: 'With REFUSED: why.' })
  reason?: OfflineRefusal | null;

  @Field(() => String, { nullable: true, description: 'With REFUSED or CONFLICT: a sentence for the clerk, in the request language.' })
  message?: string | null;
}

export const TicketCodeOfflineSyncErrors = createErrorType('TicketCodeOfflineSyncError', {
  SNAPSHOT_NOT_FOUND: { 'zh-TW': '此離線資料不是本系統發出的', en: 'This snapshot was not issued by this server' },
  SNAPSHOT_EXPIRED: { 'zh-TW': '此離線資料已過期超過 24 小時，無法同步', en: 'This snapshot expired more than 24 hours ago and can no longer be synced' },
  TOO_MANY_ATTEMPTS: { 'zh-TW': '查詢次數過多，請 {seconds} 秒後再同步其餘的核銷', en: 'Too many attempts: sync the rest in {seconds} seconds' },
});

@ObjectType()
export class TicketCodeOfflineSyncPayload {
  /** GraphQL field: TicketCodeOfflineSyncPayloadResolver.results. */
  results: OfflineSyncResult[] = [];

  @Field(() => Int, { nullable: true, description: 'With TOO_MANY_ATTEMPTS: seconds until the rest may be sent.' })
  retryAfterSeconds?: number | null;

  @Field(() => [TicketCodeOfflineSyncErrors.ErrorType])
  errors: InstanceType<typeof TicketCodeOfflineSyncErrors.ErrorType>[] = [];
}

// ---- Conflicts ----

export enum OfflineConflictResolution {
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  SAME_HOLDER = 'SAME_HOLDER',
  DUPLICATE_ENTRY = 'DUPLICATE_ENTRY',
}
registerEnumType(OfflineConflictResolution, {
  name: 'OfflineConflictResolution',
  description: 'B7: what the admin concluded about a conflict (the books are never changed by it).',
  valuesConfig: {
    ACKNOWLEDGED: { description: 'Seen (the default).' },
    SAME_HOLDER: { description: 'The same holder was scanned twice (e.g. at two gates): nothing wrong.' },
    DUPLICATE_ENTRY: { description: 'Two people entered on one ticket.' },
  },
});

@ObjectType({ description: 'B7: one side of a conflict: which device, which clerk, when.' })
export class OfflineConflictParty {
  @Field(() => String, { nullable: true, description: 'The device (null for an online redemption that named none).' })
  deviceId?: string | null;

  @Field(() => String, { nullable: true, description: 'The clerk, admin or API key.' })
  clerkName?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was redeemed (the device time for an offline redemption).' })
  at?: Date | null;

  @Field(() => RedemptionChannel, { nullable: true, description: 'How the winner redeemed it (OFFLINE for the loser).' })
  channel?: RedemptionChannel | null;
}

@ObjectType({ description: 'B7: a code redeemed offline that was already fully redeemed when the device synced: the first wins, this one was never redeemed.' })
export class OfflineConflict {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  code!: string;

  @Field(() => ID)
  productId!: string;

  @Field(() => String)
  productTitle!: string;

  @Field(() => String)
  variantName!: string;

  @Field(() => OfflineConflictParty, { description: 'The redemption that used the code up (the last one recorded before the sync).' })
  winner!: OfflineConflictParty;

  @Field(() => OfflineConflictParty, { description: 'The offline redemption that came second (not redeemed).' })
  loser!: OfflineConflictParty;

  @Field(() => Date, { description: 'When the second device synced.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt?: Date | null;

  @Field(() => String, { nullable: true })
  resolvedByName?: string | null;

  @Field(() => OfflineConflictResolution, { nullable: true })
  resolution?: OfflineConflictResolution | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

export const OfflineConflictConnection = Connection(OfflineConflict);

@InputType({ description: 'B7: marks a conflict seen, with a note.' })
export class OfflineConflictResolveInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'At most 2000 characters.' })
  @Limit({ maxLength: OFFLINE_LIMITS.maxNote })
  note?: string | null;

  @Field(() => OfflineConflictResolution, { nullable: true, description: 'Default ACKNOWLEDGED.' })
  resolution?: OfflineConflictResolution | null;
}

export const OfflineConflictResolveErrors = createErrorType('OfflineConflictResolveError', {
  CONFLICT_NOT_FOUND: { 'zh-TW': '找不到此衝突紀錄', en: 'No such conflict' },
  ALREADY_RESOLVED: { 'zh-TW': '此衝突已處理', en: 'This conflict was already resolved' },
});

@ObjectType()
export class OfflineConflictResolvePayload {
  @Field(() => OfflineConflict, { nullable: true })
  conflict?: OfflineConflict | null;

  @Field(() => [OfflineConflictResolveErrors.ErrorType])
  errors: InstanceType<typeof OfflineConflictResolveErrors.ErrorType>[] = [];
}

// ---- History ----

export enum OfflineActivityKind {
  SNAPSHOT = 'SNAPSHOT',
  SYNC = 'SYNC',
}
registerEnumType(OfflineActivityKind, { name: 'OfflineActivityKind', description: 'B7: a snapshot download or a sync.' });

@ObjectType({ description: 'B7: one offline snapshot download or sync, in the redemption history: who, which device, which product, how many, when.' })
export class OfflineActivity {
  @Field(() => ID, { description: "The snapshot's id (SNAPSHOT) or the sync's (SYNC)." })
  id!: string;

  @Field(() => OfflineActivityKind)
  kind!: OfflineActivityKind;

  @Field(() => ID)
  snapshotId!: string;

  @Field(() => ID)
  productId!: string;

  @Field(() => String)
  productTitle!: string;

  @Field(() => String)
  deviceId!: string;

  @Field(() => String, { description: 'The clerk, admin or API key.' })
  byName!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => Int, { description: 'SNAPSHOT: codes in it; SYNC: redemptions sent.' })
  entries!: number;

  @Field(() => Date, { nullable: true, description: 'SNAPSHOT: end of its window.' })
  expiresAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'SYNC: REDEEMED results.' })
  redeemed?: number | null;

  @Field(() => Int, { nullable: true, description: 'SYNC: ALREADY_SYNCED results.' })
  alreadySynced?: number | null;

  @Field(() => Int, { nullable: true, description: 'SYNC: CONFLICT results.' })
  conflicts?: number | null;

  @Field(() => Int, { nullable: true, description: 'SYNC: REFUSED results.' })
  refused?: number | null;
}

export const OfflineActivityConnection = Connection(OfflineActivity);
