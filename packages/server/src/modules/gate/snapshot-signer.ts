import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import type { HiddenSecret } from '../../config.js';

const SECRET_NAME = 'offline_snapshot';

/** What a snapshot's signature covers; `entriesDigest` stands for its entries (the server keeps only that). */
export interface SignedSnapshot {
  id: string;
  productId: string;
  issuedAt: Date;
  expiresAt: Date;
  hashKey: string;
  entriesDigest: string;
}

export interface SnapshotEntryFields {
  codeHash: string;
  remaining: number;
  variantName: string;
  splitChild: boolean;
}

/** base64url of HMAC-SHA256(key, code): what a device computes with WebCrypto for each code it scans. */
export function codeHash(hashKey: Buffer, code: string): string {
  return createHmac('sha256', hashKey).update(code, 'utf8').digest('base64url');
}

/** A digest of the entries, in their order, for the signature. */
export function entriesDigest(entries: readonly SnapshotEntryFields[]): string {
  const hash = createHash('sha256');
  for (const e of entries) hash.update(`${e.codeHash}\u0000${e.remaining}\u0000${e.variantName}\u0000${e.splitChild ? 1 : 0}\n`);
  return hash.digest('base64url');
}

/**
 * B7: signs offline snapshots with the server's secret and checks them at sync. The secret is
 * OFFLINE_SNAPSHOT_SECRET when set; otherwise 32 random bytes written to `server_secret` by the first process
 * that needs one (`on conflict do nothing`, then read back), so every replica signs with the same key.
 */
export class SnapshotSigner {
  private secret: Promise<Buffer> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly configured: HiddenSecret | undefined,
  ) {}

  private key(): Promise<Buffer> {
    if (this.configured) return Promise.resolve(Buffer.from(this.configured.reveal(), 'utf8'));
    this.secret ??= this.loadOrCreate().catch((e: unknown) => {
      this.secret = undefined;
      throw e;
    });
    return this.secret;
  }

  private async loadOrCreate(): Promise<Buffer> {
    // Two statements: a racing process's row, committed while this insert waited, is visible to the next one only.
    await this.pool.query(`insert into server_secret (name, value) values ($1, $2) on conflict (name) do nothing`, [SECRET_NAME, randomBytes(32).toString('base64url')]);
    const { rows } = await this.pool.query<{ value: string }>(`select value from server_secret where name = $1`, [SECRET_NAME]);
    return Buffer.from(rows[0]!.value, 'base64url');
  }

  async sign(s: SignedSnapshot): Promise<string> {
    const canonical = [s.id, s.productId, s.issuedAt.toISOString(), s.expiresAt.toISOString(), s.hashKey, s.entriesDigest].join('\n');
    return createHmac('sha256', await this.key()).update(canonical, 'utf8').digest('base64url');
  }

  async verify(s: SignedSnapshot, signature: string): Promise<boolean> {
    const expected = Buffer.from(await this.sign(s));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
