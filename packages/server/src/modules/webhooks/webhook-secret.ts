import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Standard Webhooks' secret form: `whsec_` + base64 of the HMAC key (24 random bytes: 192 bits). */
export const SECRET_PREFIX = 'whsec_';

export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64');
}

const SEALED = 'v1';
const PLAIN = 'plain';

/**
 * Signing secrets at rest. The server must sign with them, so they are kept (unlike API keys, hashed):
 * sealed with AES-256-GCM under WEBHOOK_SECRET_KEY when one is configured, as
 * `v1:<key id>:<iv>:<tag>:<ciphertext>`; as `plain:<secret>` without one. The key id (a hash prefix of the
 * key) makes a wrong key a clear error instead of a garbled signature. A row sealed under one setting is
 * still read under the other as long as the key it needs is there; rotating an endpoint's secret
 * re-seals it under the current setting.
 */
export class SecretBox {
  private readonly key: Buffer | null;
  private readonly keyId: string | null;

  constructor(base64Key: string | undefined) {
    this.key = base64Key ? Buffer.from(base64Key, 'base64') : null;
    this.keyId = this.key ? createHash('sha256').update(this.key).digest('hex').slice(0, 8) : null;
  }

  get encrypts(): boolean {
    return this.key !== null;
  }

  seal(secret: string): string {
    if (!this.key) return `${PLAIN}:${secret}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [SEALED, this.keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
  }

  open(stored: string): string {
    if (stored.startsWith(`${PLAIN}:`)) return stored.slice(PLAIN.length + 1);
    const [version, keyId, iv, tag, ciphertext] = stored.split(':');
    if (version !== SEALED || !iv || !tag || !ciphertext) throw new Error('webhook secret: unknown storage format');
    if (!this.key || keyId !== this.keyId) throw new Error(`webhook secret sealed under key ${keyId}, but WEBHOOK_SECRET_KEY is ${this.keyId ?? 'unset'}`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}
