import { execute, getOperationAST, GraphQLError, parse, specifiedRules, subscribe, validate, type ExecutionResult, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Context, Principal } from '../context.js';
import type { Logger } from '../logger.js';
import { isGraphqlRequest } from './graphql-handler.js';

/** What a WebSocket connection may hold: one principal's few live views, never a firehose. */
export const WS_LIMITS = {
  /** Bytes of one client message (a subscribe message is a small document). */
  maxPayload: 64 * 1024,
  /** Subscriptions open at once on one connection. */
  maxSubscriptions: 10,
  /** graphql-js's parser limit, as for HTTP. */
  maxTokens: 2_000,
} as const;

export interface GraphqlWsOptions {
  schema: GraphQLSchema;
  /** The HTTP endpoint's extra rules (depth, cost, aliases), applied here too. */
  validationRules: readonly ValidationRule[];
  /** Who the connection is: a Bearer token in connectionParams.authorization, else the upgrade request's session cookie. */
  authenticate(request: http.IncomingMessage, connectionParams: Record<string, unknown> | undefined): Promise<{ principal: Principal; token: string } | null>;
  /** Whether the token still stands (a session ended, an account disabled, a key revoked): checked before each push. */
  stillValid(token: string): Promise<boolean>;
  /** The context of one operation, as for a query over HTTP. */
  context(request: http.IncomingMessage, principal: Principal): Context;
  production: boolean;
  log: Logger;
}

type Extra = {
  principal?: Principal;
  token?: string;
};

/** Closes the socket of a connection whose principal no longer stands (graphql-ws's "Forbidden"). */
const FORBIDDEN = 4403;

/** An error meant for the client keeps its message; anything else (a bug, the database) a generic one. */
function safeErrors(errors: readonly GraphQLError[], log: Logger): GraphQLError[] {
  return errors.map((e) => {
    const code = e.extensions?.code;
    if (code && code !== 'INTERNAL_SERVER_ERROR') return e;
    if (!e.originalError && !code && !e.path) return e; // a validation or syntax error: about the document
    log.error({ err: e.originalError ?? e }, 'graphql-ws error');
    return new GraphQLError('Internal server error: please try again', { path: e.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
}

/**
 * B2: GraphQL subscriptions over WebSocket (graphql-ws, subprotocol graphql-transport-ws) on the HTTP server's
 * port and path (/graphql), with the same schema. A connection is authenticated once (onConnect: refused with
 * 4403 without a principal); each operation gets a context like an HTTP query's, so the schema's @Authorized
 * rules apply as they do to queries. Only subscriptions are served here: queries and mutations keep HTTP (its
 * CSRF guard, transactions per mutation and plugins). Before each push the token is checked again, so a session
 * that ends, or an account disabled, stops receiving at once.
 */
export function attachGraphqlWs(server: http.Server, options: GraphqlWsOptions): { close(): Promise<void> } {
  const { schema, log } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_LIMITS.maxPayload });
  const rules = [...specifiedRules, ...options.validationRules];

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!isGraphqlRequest(req.url)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);

  const disposable = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      execute,
      subscribe,
      isProd: options.production,
      onConnect: async (ctx) => {
        const found = await options.authenticate(ctx.extra.request, ctx.connectionParams);
        if (!found) return false;
        ctx.extra.principal = found.principal;
        ctx.extra.token = found.token;
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        if (Object.keys(ctx.subscriptions).length > WS_LIMITS.maxSubscriptions) {
          return [new GraphQLError(`At most ${WS_LIMITS.maxSubscriptions} subscriptions per connection`, { extensions: { code: 'BAD_REQUEST' } })];
        }
        let document;
        try {
          document = parse(payload.query, { maxTokens: WS_LIMITS.maxTokens });
        } catch (e) {
          return [e instanceof GraphQLError ? e : new GraphQLError('The document could not be parsed', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const errors = validate(schema, document, rules);
        if (errors.length) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('Unable to identify operation', { extensions: { code: 'BAD_REQUEST' } })];
        if (operation.operation !== 'subscription') {
          return [new GraphQLError('Only subscriptions are served over WebSocket: send queries and mutations over HTTP', { extensions: { code: 'BAD_REQUEST' } })];
        }
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: options.context(ctx.extra.request, ctx.extra.principal!),
        };
      },
      onNext: async (ctx, _id, _payload, _args, result: ExecutionResult) => {
        if (ctx.extra.token && !(await options.stillValid(ctx.extra.token))) {
          ctx.extra.socket.close(FORBIDDEN, 'Forbidden');
          return { errors: [{ message: 'The session ended', extensions: { code: 'UNAUTHENTICATED' } }] };
        }
        if (!result.errors?.length) return undefined;
        return { ...result, errors: safeErrors(result.errors, log).map((e) => e.toJSON()) };
      },
      onError: (_ctx, _id, _payload, errors) => safeErrors(errors, log).map((e) => e.toJSON()),
    },
    wss,
  );

  return {
    close: async () => {
      server.off('upgrade', onUpgrade);
      await disposable.dispose();
    },
  };
}
