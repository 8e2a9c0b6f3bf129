import 'reflect-metadata';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { BREAK, GraphQLError, visit, type DocumentNode, type ValidationRule } from 'graphql';
import proxyaddr from 'proxy-addr';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { Permission } from './common/auth/permissions.js';
import { bearerToken, readSessionCookie } from './common/auth/session-cookie.js';
import { graphqlHandler, isGraphqlRequest } from './common/http/graphql-handler.js';
import { attachGraphqlWs, type GraphqlWsOptions } from './common/http/graphql-ws.js';
import { statementCsv } from './modules/statements/statement.service.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { paymentRoutes } from './modules/payments/payment.routes.js';
import { exportRoutes } from './modules/exports/exports.routes.js';
import { reconciliationRange } from './modules/payments/payment.resolver.js';
import { reconciliationCsv } from './modules/payments/reconciliation.js';
import { SystemClock, TestClock, type Clock } from './common/clock.js';
import { RequestContext, type Context, type Principal } from './common/context.js';
import { localeFromHeader } from './common/i18n.js';
import { createLogger, type Logger } from './common/logger.js';
import type { AppConfig } from './config.js';
import { ormConfig } from './mikro-orm.config.js';
import { createSchema } from './schema.js';
import { createServices, type Services } from './services.js';

export interface App {
  config: AppConfig;
  orm: MikroORM;
  pool: pg.Pool;
  clock: Clock;
  log: Logger;
  services: Services;
  /** Listens on `port` (0 = any free port) and resolves with the bound port. */
  listen(port?: number): Promise<number>;
  close(): Promise<void>;
}

const KEEP_ALIVE_MS = 65_000;

/** Errors that were not meant for the client: a bug, a database refusal. */
const isInternal = (code: unknown) => !code || code === 'INTERNAL_SERVER_ERROR';

function asksForIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Proxies whose X-Forwarded-For we believe for the client's address (rate limits): our SPA server, on this host. */
const trustedProxies = proxyaddr.compile('loopback');

export async function createApp(config: AppConfig): Promise<App> {
  const log = createLogger(config.logLevel);
  const clock: Clock = config.testClockEnabled ? new TestClock() : new SystemClock();
  const orm = await MikroORM.init(ormConfig(config.databaseUrl));
  // An idle client losing its connection (the database shutting down) must not crash the process.
  const idleConnectionLost = (err: Error & { code?: string }) => {
    if (err.code !== '57P01') log.warn({ message: err.message }, 'idle database connection lost');
  };
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.databasePoolSize }).on('error', idleConnectionLost);
  // The simulated card gateway keeps its own connections, as a remote service would: a payment settled
  // inside our transaction may call it without waiting for a connection of our own pool.
  const gatewayPool = new pg.Pool({ connectionString: config.databaseUrl, max: 4 }).on('error', idleConnectionLost);
  const services = createServices({ config, orm, pool, gatewayPool, clock, log, runJobs: config.runJobs });
  await services.jobs.start();
  await services.principals.start();
  const schema = await createSchema({ testClock: config.testClockEnabled });

  const armor = new ApolloArmor({
    maxDepth: { n: 12, ignoreIntrospection: true },
    costLimit: { maxCost: 20_000, ignoreIntrospection: true },
    maxAliases: { n: 30 },
    maxDirectives: { n: 20 },
    // graphql-armor counts tokens in a plugin hook whose refusal Apollo answers as a 500: graphql-js's own
    // parser limit (parseOptions below) refuses the same documents as a parse failure, 400.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: config.production },
  });
  const protection = armor.protect();
  const hideInternals: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        // Introspection is for staff in production: anonymous callers can't make it cost CPU (aliases of __schema).
        async didResolveOperation({ document, contextValue }) {
          if (config.production && !contextValue.principal && asksForIntrospection(document)) {
            throw new GraphQLError('Introspection needs a signed-in account', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
          }
        },
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isInternal(error.extensions?.code)) log.error({ err: error.originalError ?? error, requestId: contextValue.requestId }, 'graphql error');
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
        },
      };
    },
  };
  const apollo = new ApolloServer<Context>({
    schema,
    ...protection,
    // graphql-armor is typed against Apollo's CommonJS build; the objects are the same.
    plugins: [...(protection.plugins as unknown as ApolloServerPlugin<Context>[]), hideInternals, ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled()],
    validationRules: [...protection.validationRules],
    introspection: true,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: 2_000 },
    csrfPrevention: true,
    // The entry points stop the whole app on SIGINT/SIGTERM; Apollo's own handler would stop it twice.
    stopOnTerminationSignals: false,
    // An unexpected error answers a generic message; its details (a statement, a hash) go only to the log.
    formatError: (formatted) => {
      const code = formatted.extensions?.code;
      if (!isInternal(code)) return formatted;
      return { message: 'Internal server error: please try again, or quote the request id to support', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    },
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag'); // GraphQL answers POSTs: hashing every response body for an ETag buys nothing
  // Every response carries a request id (and is logged); CORS for the configured SPA origins.
  const tagRequest = (req: http.IncomingMessage, res: http.ServerResponse): string => {
    const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
    res.setHeader('x-request-id', requestId);
    // The API's answers are data, never a page to frame or sniff.
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (log.isLevelEnabled('info')) {
      const started = performance.now();
      res.on('finish', () => log.info({ requestId, method: req.method, path: (req.url ?? '').split('?')[0], status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request'));
    }
    return requestId;
  };
  /** True when it answered the request (a CORS preflight). */
  const cors = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (!origin || !config.corsOrigins.includes(origin)) return false;
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Allow-Headers', 'content-type, authorization, accept-language, x-request-id, apollo-require-preflight');
    res.setHeader('Vary', 'Origin');
    if (req.method !== 'OPTIONS') return false;
    res.statusCode = 204;
    res.end();
    return true;
  };
  app.get('/healthz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok', database: 'ok' });
    } catch (e) {
      log.error({ err: e }, 'health check failed');
      res.status(503).json({ status: 'error', database: 'unreachable' });
    }
  });

  // L4: the statement as CSV, for REPORTS_READ (Bearer token or the session cookie).
  app.get('/exports/statements/:file', async (req, res) => {
    const em = orm.em.fork();
    const token = bearerToken(req);
    const principal = token ? await services.identity.authenticate({ clock }, token) : null;
    if (!principal) return void res.status(401).json({ error: 'UNAUTHENTICATED' });
    if (!principal.permissions.has(Permission.REPORTS_READ)) return void res.status(403).json({ error: 'FORBIDDEN' });
    const period = /^(.+)\.csv$/.exec(req.params.file)?.[1] ?? '';
    const statement = await services.statements.statement(em, period);
    if (!statement) return void res.status(404).json({ error: 'UNKNOWN_PERIOD' });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="statement-${statement.period}.csv"`);
    res.send(statementCsv(statement));
  });

  // 金流對帳 as CSV, for REPORTS_READ.
  app.get('/exports/payments.csv', async (req, res) => {
    const token = bearerToken(req);
    const principal = token ? await services.identity.authenticate({ clock }, token) : null;
    if (!principal) return void res.status(401).json({ error: 'UNAUTHENTICATED' });
    if (!principal.permissions.has(Permission.REPORTS_READ)) return void res.status(403).json({ error: 'FORBIDDEN' });
    let range: { from: Date; to: Date };
    try {
      range = reconciliationRange(new Date(String(req.query.from)), new Date(String(req.query.to)));
    } catch (e) {
      return void res.status(400).json({ error: 'INVALID_RANGE', message: (e as Error).message });
    }
    const rows = await services.payments.reconcile(range);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="payments-${range.from.toISOString().slice(0, 10)}-${range.to.toISOString().slice(0, 10)}.csv"`);
    res.send(reconciliationCsv(rows));
  });

  // B5: the audit log as CSV, for AUDIT_READ.
  app.use(auditRoutes({ audit: services.audit, authenticate: (token) => services.identity.authenticate({ clock }, token), clock, log }));

  // Orders and the redemption list as CSV, streamed (ORDERS_READ; admins with TICKETS_READ).
  app.use(exportRoutes({ pool, clock, log, authenticate: (token) => services.identity.authenticate({ clock }, token) }));

  app.use(paymentRoutes({ gateway: services.gateway, settlement: services.settlement, clock, log, shopUrl: () => config.shopUrl }));

  const contextOf = (req: http.IncomingMessage, res: http.ServerResponse, principal: Principal | null, requestId: string): Context =>
    new RequestContext({
      forkEm: () => orm.em.fork(),
      childLog: () => log.child({ requestId }),
      principal,
      req,
      res,
      clock,
      config,
      requestId,
      locale: localeFromHeader(req.headers['accept-language']),
      services,
      ip: proxyaddr(req, trustedProxies),
    });
  const graphql = graphqlHandler(apollo, async (req, res): Promise<Context> => {
    const token = bearerToken(req);
    const principal = token ? await services.identity.authenticate({ clock }, token) : null;
    return contextOf(req, res, principal, String(res.getHeader('x-request-id')));
  });
  // Every request is tagged and answered CORS here, then goes to /graphql or to Express.
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    tagRequest(req, res);
    if (cors(req, res)) return;
    if (isGraphqlRequest(req.url)) void graphql(req, res);
    else app(req, res);
  };

  // B2: subscriptions over WebSocket on the same port and path, authenticated and authorized like queries.
  const wsOptions: Omit<GraphqlWsOptions, 'log'> = {
    schema,
    validationRules: protection.validationRules as unknown as ValidationRule[],
    production: config.production,
    authenticate: async (req, params) => {
      const header = typeof params?.authorization === 'string' ? params.authorization : '';
      const token = (header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '') || readSessionCookie(req);
      const principal = token ? await services.identity.authenticate({ clock }, token) : null;
      return principal && token ? { principal, token } : null;
    },
    stillValid: async (token) => !!(await services.identity.authenticate({ clock }, token)),
    // A subscription answers over its socket: its context's response is a stand-in that goes nowhere.
    context: (req, principal) => contextOf(req, new http.ServerResponse(req), principal, randomUUID()),
  };

  let server: http.Server | undefined;
  let subscriptions: { close(): Promise<void> } | undefined;
  return {
    config,
    orm,
    pool,
    clock,
    log,
    services,
    listen: (port = config.port) =>
      new Promise((resolve, reject) => {
        server = http.createServer(handle);
        subscriptions = attachGraphqlWs(server, { ...wsOptions, log });
        server.once('error', reject);
        server.listen(port, '0.0.0.0', () => {
          // Idle connections stay open longer than a proxy's or load balancer's (60 s is usual), so they
          // are reused rather than reopened under load; headers must still arrive within the same time.
          server!.keepAliveTimeout = KEEP_ALIVE_MS;
          server!.headersTimeout = KEEP_ALIVE_MS + 1000;
          const address = server!.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    close: async () => {
      await subscriptions?.close();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await apollo.stop();
      await services.gate.stop();
      await services.principals.stop();
      await services.jobs.stop();
      await pool.end();
      await gatewayPool.end();
      await orm.close();
    },
  };
}
