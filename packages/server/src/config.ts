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
  return {
    databaseUrl: env.DATABASE_URL ?? '',
    port: Number(env.PORT ?? env.API_PORT ?? 4000),
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
    ...overrides,
  };
}
