import { inspect } from 'node:util';

/** Runtime configuration, read once from the environment. */
export interface AppConfig {
  databaseUrl: string;
  port: number;
  clerkUrl: string;
  production: boolean;
  testClockEnabled: boolean;
  corsOrigins: string[];
  orderHoldMinutes: number;
  smtpUrl?: string;
  mailDir: string;
  mailFrom: string;
  logLevel: string;
  /** Run job workers in this process (API replicas may leave it to a worker). */
  runJobs: boolean;
  /** How long a resolved session or API key is reused without a query (0 = never); changes evict at once. */
  authCacheSeconds: number;
  /** API processes sharing the port (`main.js`, node:cluster). */
  apiWorkers: number;
  /**
   * Connections of this process's plain pg pool (checkout, redeem, sessions): about 8 for the whole API,
   * split over its processes. Few connections kept busy beat many: on a 2-core database a flash sale
   * ran a third faster with 8 than with 20 (fewer backends taking turns on the cores and the hot row).
   */
  databasePoolSize: number;
  /** B6: the card gateway (`PAYMENT_GATEWAY`) and its settings. */
  payment: PaymentConfig;
  /** Where shoppers reach the shop (`SHOP_URL`): they come back here from 3-D Secure. */
  shopUrl: string;
  /** Where staff reach the admin console (`ADMIN_URL`): password-reset links for ADMIN open here. */
  adminUrl: string;
  /** Where the card gateway reaches this API (`API_PUBLIC_URL`): its notifications are posted here. */
  apiPublicUrl: string;
  /** Tests only: what the simulator does with its 3-D Secure notifications (`SIMULATOR_NOTIFY`). */
  simulatorNotify: 'normal' | 'drop' | 'duplicate' | 'late';
  /**
   * B7: the key that signs offline snapshots (`OFFLINE_SNAPSHOT_SECRET`, at least 32 characters). When unset,
   * one is generated and kept in the database on first use (table server_secret), so every replica signs alike.
   */
  offlineSnapshotSecret?: HiddenSecret;
  /**
   * B1: the key that seals webhook signing secrets at rest (`WEBHOOK_SECRET_KEY`, base64 of 32 random bytes,
   * AES-256-GCM). When unset they are stored as they are (a warning is logged in production).
   */
  webhookSecretKey?: HiddenSecret;
}

/** A secret setting that logs and JSON show as a mark: `reveal()` is the only way to its value. */
export class HiddenSecret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return '[hidden]';
  }

  [inspect.custom](): string {
    return '[hidden]';
  }
}

/** `OFFLINE_SNAPSHOT_SECRET`: unset (the database keeps one), or at least 32 characters. */
function offlineSnapshotSecret(env: NodeJS.ProcessEnv): HiddenSecret | undefined {
  const value = env.OFFLINE_SNAPSHOT_SECRET?.trim();
  if (!value) return undefined;
  if (value.length < 32) throw new Error('OFFLINE_SNAPSHOT_SECRET must be at least 32 characters (or unset: the database then keeps a generated one); value not shown');
  return new HiddenSecret(value);
}

/** `WEBHOOK_SECRET_KEY`: unset, or base64 of exactly 32 bytes (`openssl rand -base64 32`). */
function webhookSecretKey(env: NodeJS.ProcessEnv): HiddenSecret | undefined {
  const value = env.WEBHOOK_SECRET_KEY?.trim();
  if (!value) return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || Buffer.from(value, 'base64').length !== 32) throw new Error('WEBHOOK_SECRET_KEY must be base64 of 32 bytes (openssl rand -base64 32); value not shown');
  return new HiddenSecret(value);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const production = env.NODE_ENV === 'production';
  const testClockEnabled = env.ENABLE_TEST_CLOCK === '1';
  if (production && testClockEnabled) {
    throw new Error('ENABLE_TEST_CLOCK=1 is refused when NODE_ENV=production');
  }
  const apiWorkers = Number(env.API_WORKERS ?? 1);
  if (apiWorkers > 1 && testClockEnabled) {
    throw new Error('ENABLE_TEST_CLOCK=1 needs a single API process (the test clock lives in memory)');
  }
  const clerkPort = env.CLERK_PORT ?? '5175';
  const port = Number(env.PORT ?? env.API_PORT ?? 4000);
  const simulatorNotify = env.SIMULATOR_NOTIFY?.trim() || 'normal';
  if (!['normal', 'drop', 'duplicate', 'late'].includes(simulatorNotify)) throw new Error('SIMULATOR_NOTIFY must be drop, duplicate or late (or unset)');
  if (production && simulatorNotify !== 'normal') throw new Error('SIMULATOR_NOTIFY is for tests: refused when NODE_ENV=production');
  return {
    databaseUrl: env.DATABASE_URL ?? '',
    port,
    clerkUrl: (env.CLERK_URL ?? `http://localhost:${clerkPort}`).replace(/\/$/, ''),
    production,
    testClockEnabled,
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    orderHoldMinutes: Number(env.ORDER_HOLD_MINUTES ?? 15),
    smtpUrl: env.SMTP_URL || undefined,
    mailDir: env.MAIL_DIR ?? '.mail',
    mailFrom: env.MAIL_FROM ?? 'E-Ticket Shop <no-reply@example.com>',
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    runJobs: env.RUN_JOBS !== '0',
    authCacheSeconds: Number(env.AUTH_CACHE_SECONDS ?? 60),
    apiWorkers,
    databasePoolSize: Number(env.DATABASE_POOL_SIZE ?? Math.max(2, Math.ceil(8 / apiWorkers))),
    payment: loadPaymentConfig(env),
    shopUrl: (env.SHOP_URL ?? `http://localhost:${env.SHOP_PORT ?? '5173'}`).replace(/\/$/, ''),
    adminUrl: (env.ADMIN_URL ?? `http://localhost:${env.ADMIN_PORT ?? '5174'}`).replace(/\/$/, ''),
    apiPublicUrl: (env.API_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    simulatorNotify: simulatorNotify as AppConfig['simulatorNotify'],
    offlineSnapshotSecret: offlineSnapshotSecret(env),
    webhookSecretKey: webhookSecretKey(env),
    ...overrides,
  };
}

// ---- Payment gateway (B6) ----

export type TapPayEnv = 'sandbox' | 'production';

/** TapPay's API hosts; `TAPPAY_API_URL` replaces them (tests point it at a fake TapPay). */
export const TAPPAY_API_URLS: Record<TapPayEnv, string> = {
  sandbox: 'https://sandbox.tappaysdk.com',
  production: 'https://prod.tappaysdk.com',
};

export interface TapPayConfig {
  gateway: 'tappay';
  env: TapPayEnv;
  /** Secret: the server's key for every TapPay call. Never logged, never shown. */
  partnerKey: string;
  merchantId: string;
  /** Public by TapPay's design: the browser SDK needs them. */
  appId: number;
  appKey: string;
  /** Where TapPay is asked: the host of `env`, or `TAPPAY_API_URL`. */
  apiUrl: string;
  /** How long a TapPay call may take (30 s, as TapPay advises; tests shorten it). */
  timeoutMs?: number;
}

export type PaymentConfig = { gateway: 'simulator' } | TapPayConfig;

/** What the shop's browser may know of the gateway (the TapPay SDK's app id and key, never the partner key). */
export type PublicPaymentConfig = { gateway: 'simulator' } | { gateway: 'tappay'; env: TapPayEnv; appId: number; appKey: string };

export function publicPaymentConfig(config: Pick<AppConfig, 'payment'>): PublicPaymentConfig {
  const p = config.payment;
  return p.gateway === 'tappay' ? { gateway: 'tappay', env: p.env, appId: p.appId, appKey: p.appKey } : { gateway: 'simulator' };
}

const fail = (message: string): never => {
  throw new Error(message);
};

/** A required TapPay setting, trimmed; its value is never put in a message. */
function tappaySetting(env: NodeJS.ProcessEnv, name: string, hint: string): string {
  const value = env[name]?.trim();
  return value || fail(`${name} is required with PAYMENT_GATEWAY=tappay (${hint})`);
}

/**
 * B6: `PAYMENT_GATEWAY=simulator` (default) or `tappay` with its settings. A missing or malformed one
 * throws one line naming it; the partner key's value is never part of a message.
 */
export function loadPaymentConfig(env: NodeJS.ProcessEnv): PaymentConfig {
  const gateway = env.PAYMENT_GATEWAY?.trim() || 'simulator';
  if (gateway === 'simulator') return { gateway };
  if (gateway !== 'tappay') fail('PAYMENT_GATEWAY must be simulator or tappay');

  const tappayEnv = tappaySetting(env, 'TAPPAY_ENV', 'sandbox or production');
  if (tappayEnv !== 'sandbox' && tappayEnv !== 'production') fail('TAPPAY_ENV must be sandbox or production');
  const partnerKey = tappaySetting(env, 'TAPPAY_PARTNER_KEY', 'TapPay Portal: the partner key');
  if (partnerKey.length > 64 || !/^partner_[A-Za-z0-9]+$/.test(partnerKey)) {
    fail('TAPPAY_PARTNER_KEY is malformed: expected "partner_" then letters and digits, at most 64 characters (value not shown)');
  }
  const merchantId = tappaySetting(env, 'TAPPAY_MERCHANT_ID', 'TapPay Portal: the merchant id');
  if (!/^[A-Za-z0-9_.-]{1,50}$/.test(merchantId)) fail('TAPPAY_MERCHANT_ID is malformed: letters, digits, "_", "." or "-", at most 50 characters');
  const appIdText = tappaySetting(env, 'TAPPAY_APP_ID', 'TapPay Portal: the app id, a number');
  if (!/^[1-9][0-9]{0,9}$/.test(appIdText) || Number(appIdText) > 2 ** 31 - 1) fail('TAPPAY_APP_ID must be a positive whole number');
  const appKey = tappaySetting(env, 'TAPPAY_APP_KEY', 'TapPay Portal: the app key');
  if (appKey.length > 64 || !/^app_[A-Za-z0-9]+$/.test(appKey)) fail('TAPPAY_APP_KEY is malformed: expected "app_" then letters and digits, at most 64 characters');

  const payment: TapPayConfig = {
    gateway: 'tappay',
    env: tappayEnv as TapPayEnv,
    partnerKey,
    merchantId,
    appId: Number(appIdText),
    appKey,
    apiUrl: env.TAPPAY_API_URL?.trim() ? tappayApiUrl(env.TAPPAY_API_URL.trim()) : TAPPAY_API_URLS[tappayEnv as TapPayEnv],
  };
  return hidePartnerKey(payment);
}

/** `TAPPAY_API_URL`: https, or http on this machine only (a fake TapPay in tests). */
function tappayApiUrl(value: string): string {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  const local = url !== null && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && local)) || url.search || url.hash || url.username || url.password) {
    fail('TAPPAY_API_URL must be an https URL (http only for localhost), without query, fragment or credentials');
  }
  return url!.href.replace(/\/+$/, '');
}

/** The settings as logs and JSON show them: the partner key replaced by a mark. */
function withoutPartnerKey(this: TapPayConfig): Record<string, unknown> {
  return { ...this, partnerKey: '[hidden]' };
}

/** Keeps the partner key out of `JSON.stringify` (pino) and `util.inspect` (console.log) of the config. */
function hidePartnerKey(payment: TapPayConfig): TapPayConfig {
  return Object.defineProperties(payment, {
    toJSON: { value: withoutPartnerKey, enumerable: false },
    [inspect.custom]: { value: withoutPartnerKey, enumerable: false },
  });
}
