import express, { type Request, type Response, type NextFunction } from 'express';
import fs from 'node:fs';
import type http from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { createProxyMiddleware } from 'http-proxy-middleware';

/** The API's paths, forwarded with the API's own headers (the 3-D Secure page keeps its own policy). */
export const API_PATHS = ['/graphql', '/exports', '/healthz', '/payments'];

/** TapPay's browser SDK (B6): its script, the iframes of its card fields and what they talk to. */
const TAPPAY = { script: 'https://js.tappaysdk.com', frames: 'https://*.tappaysdk.com', connect: 'https://*.tappaysdk.com' };

/**
 * The Content-Security-Policy of the three SPAs. Scripts only from this origin (no inline script, no
 * eval); styles from this origin plus inline `<style>` elements, which Mantine renders at run time
 * (its CSS variables, its responsive classes, and per-component rules under generated class names, so
 * neither a hash nor a build-time list can name them; a nonce would make index.html differ per
 * response). Images from anywhere over https (product images), data: (QR codes) and blob:; connections
 * to this origin, which in CSP 3 includes ws:/wss: to it (GraphQL subscriptions); the camera's stream
 * is a MediaStream (no media source needed); a service worker from this origin.
 */
export function spaContentSecurityPolicy(options: { tapPay?: boolean; inlineStyles?: boolean } = {}): string {
  const { tapPay = false, inlineStyles = true } = options;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...(tapPay ? [TAPPAY.script] : [])],
    'style-src': ["'self'", ...(inlineStyles ? ["'unsafe-inline'"] : [])],
    'img-src': ["'self'", 'data:', 'blob:', 'https:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(tapPay ? [TAPPAY.connect] : [])],
    'media-src': ["'self'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'frame-src': tapPay ? [TAPPAY.frames] : ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export interface SpaServerOptions {
  distDir: string;
  port: number;
  apiUrl: string;
  host?: string;
  /** Defaults to `spaContentSecurityPolicy()`. */
  contentSecurityPolicy?: string;
}

/** Hashed by the build (`index-Cnqv72ni.js`): a new version has a new name, so it never changes. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
/** Files whose name stays the same across versions and that decide which version runs. */
const ALWAYS_REVALIDATE = /(?:\.html|\.webmanifest|\/manifest\.json|\/sw\.js|\/service-worker\.js|\/registerSW\.js)$/;

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';
/** Anything else (an icon, robots.txt): an hour, as before. */
const SHORT = 'public, max-age=3600';

export function cacheControlFor(urlPath: string): string {
  if (HASHED_ASSET.test(urlPath)) return IMMUTABLE;
  if (urlPath === '/' || ALWAYS_REVALIDATE.test(urlPath)) return NO_CACHE;
  return SHORT;
}

type Encoding = 'br' | 'gzip' | 'identity';
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz', identity: '' };

/**
 * The encodings the client accepts, by `Accept-Encoding` (RFC 9110 12.5.3): a coding with q=0 is refused,
 * `*` stands for those not named, identity is acceptable unless refused. Best q first; on a tie br,
 * then gzip, then identity (the smallest first).
 */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(coding, Number.isFinite(value) ? value : 0);
  }
  // Identity, unless named, ranks with the least wanted coding named (as the `negotiator` package does).
  const positive = [...q.values()].filter((v) => v > 0);
  const implicitIdentity = positive.length ? Math.min(...positive) : 1;
  const weight = (coding: Encoding): number => q.get(coding) ?? q.get('*') ?? (coding === 'identity' ? implicitIdentity : 0);
  const order: Encoding[] = ['br', 'gzip', 'identity'];
  return order.filter((c) => weight(c) > 0).sort((a, b) => weight(b) - weight(a) || order.indexOf(a) - order.indexOf(b));
}

function isFile(file: string): Promise<boolean> {
  return fs.promises.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Sends a built file as the best precompressed variant the client accepts (`x.js.br`, `x.js.gz`, or
 * `x.js`), with the original's Content-Type, `Content-Encoding`, `Vary: Accept-Encoding` and the cache
 * policy of `urlPath`. Express's sendFile does the rest: length, ETag per variant, 304, HEAD, ranges.
 */
async function sendBuilt(req: Request, res: Response, next: NextFunction, file: string, urlPath: string): Promise<void> {
  const variants = await Promise.all((['br', 'gzip'] as const).map(async (e) => ((await isFile(file + SUFFIX[e])) ? e : null)));
  const available = new Set<Encoding>(['identity', ...variants.filter((e): e is 'br' | 'gzip' => e !== null)]);
  const encoding = acceptedEncodings(req.headers['accept-encoding']).find((e) => available.has(e)) ?? 'identity';
  if (available.size > 1) res.vary('Accept-Encoding');
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.type(path.extname(file));
  res.setHeader('Cache-Control', cacheControlFor(urlPath));
  res.sendFile(file + SUFFIX[encoding], { cacheControl: false, dotfiles: 'allow' }, (err) => {
    if (err && !res.headersSent) next(err);
  });
}

/** The file under `root` that `urlPath` names, or null for a path that leaves it or names a dotfile. */
function fileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.join(root, path.normalize(decoded));
  if (!file.startsWith(root + path.sep)) return null;
  if (path.relative(root, file).split(path.sep).some((part) => part.startsWith('.'))) return null;
  return file;
}

/**
 * Serves a built SPA like a production site, and forwards the API paths to the API server, so the app,
 * its API calls and its session cookie share one origin:
 * - brotli or gzip written by the build (packages/ui/vite/precompress.ts), chosen by Accept-Encoding;
 * - hashed assets cached for a year as immutable, index.html (and every history fallback), the service
 *   worker and the manifest revalidated on every load, so a deploy is seen at the next visit;
 * - security headers on every response of its own: the CSP above, no framing, no sniffing, the referrer
 *   trimmed to the origin for other sites. Proxied answers keep the API's own headers;
 * - WebSockets on /graphql (subscriptions) forwarded to the API.
 */
export async function serveSpa(options: SpaServerOptions): Promise<http.Server> {
  const root = path.resolve(options.distDir);
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) throw new Error(`${index} is missing: build the SPA first (pnpm -r build)`);
  const csp = options.contentSecurityPolicy ?? spaContentSecurityPolicy();
  const app = express();
  app.disable('x-powered-by');
  const api = createProxyMiddleware({ target: options.apiUrl, pathFilter: API_PATHS, xfwd: true });
  app.use(api);
  app.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    // No other site may frame the apps (clickjacking a redeem or refund button); older browsers read this one.
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    next();
  });
  app.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const urlPath = req.path;
    const file = fileFor(root, urlPath);
    void (async () => {
      if (file && urlPath !== '/' && (await isFile(file))) return sendBuilt(req, res, next, file, urlPath);
      // A missing hashed file is an old version's: a 404, not the page (a script answered with HTML fails obscurely).
      if (urlPath.startsWith('/assets/')) return void res.status(404).type('text/plain').send('Not found');
      // The history fallback: every other path is a route of the app.
      return sendBuilt(req, res, next, index, '/index.html');
    })().catch(next);
  });
  return new Promise((resolve, reject) => {
    const server = app.listen(options.port, options.host ?? '0.0.0.0', (err?: Error) => (err ? reject(err) : resolve(server)));
    // GraphQL subscriptions (graphql-ws) open a WebSocket on /graphql: forwarded to the API as well.
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(req.url ?? '/', 'http://spa').pathname === '/graphql') api.upgrade(req, socket as Socket, head);
      else socket.destroy();
    });
  });
}

export const SPA_NAMES = ['shop', 'admin', 'clerk'] as const;

/**
 * The three SPAs on their ports (SHOP_PORT 5173, ADMIN_PORT 5174, CLERK_PORT 5175). With
 * `PAYMENT_GATEWAY=tappay` the shop's policy lets TapPay's SDK and card fields in.
 */
export async function serveAllSpas(root: string, apiUrl: string, env: NodeJS.ProcessEnv = process.env) {
  const ports = { shop: Number(env.SHOP_PORT ?? 5173), admin: Number(env.ADMIN_PORT ?? 5174), clerk: Number(env.CLERK_PORT ?? 5175) };
  const tapPay = env.PAYMENT_GATEWAY?.trim() === 'tappay';
  const servers = [];
  for (const name of SPA_NAMES) {
    const contentSecurityPolicy = spaContentSecurityPolicy({ tapPay: name === 'shop' && tapPay });
    servers.push({ name, port: ports[name], server: await serveSpa({ distDir: path.join(root, 'packages', name, 'dist'), port: ports[name], apiUrl, contentSecurityPolicy }) });
  }
  return servers;
}
