import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';

const BODY_LIMIT_BYTES = 1024 * 1024;

/** Whether a request is for the GraphQL endpoint (as Express would mount `/graphql`). */
export const isGraphqlRequest = (url = '') => url === '/graphql' || url.startsWith('/graphql?') || url.startsWith('/graphql/');

/**
 * /graphql served by Node's http module and Apollo alone. Express's router, body parser and response
 * helpers cost about as much CPU per request as Apollo itself, and every redemption at the gate pays it;
 * the other routes (health, CSV exports) stay on Express. Same contract as Apollo's Express middleware:
 * JSON bodies up to 1 MB, headers and status from Apollo.
 */
export function graphqlHandler<TContext extends BaseContext>(apollo: ApolloServer<TContext>, context: (req: IncomingMessage, res: ServerResponse) => Promise<TContext>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const body = await readBody(req);
      if (body === TOO_LARGE) return void reply(res, 413, 'request entity too large');
      let json: unknown;
      if (body && (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        try {
          json = JSON.parse(body);
        } catch {
          return void reply(res, 400, 'the body is not valid JSON');
        }
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      const url = req.url ?? '';
      const query = url.indexOf('?');
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: query < 0 ? '' : url.slice(query), body: json },
        context: () => context(req, res),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') return void res.end(response.body.string);
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (e) {
      if (!res.headersSent) reply(res, 500, 'internal error');
      else res.destroy(e as Error);
    }
  };
}

const TOO_LARGE = Symbol('too large');

function readBody(req: IncomingMessage): Promise<string | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > BODY_LIMIT_BYTES ? TOO_LARGE : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message }] }));
}
