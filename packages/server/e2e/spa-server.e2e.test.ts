import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { acceptedEncodings, cacheControlFor, serveSpa, spaContentSecurityPolicy } from '../src/common/http/spa-server.js';

/**
 * Issue 13.2: the SPA server as a browser meets it, over real HTTP, on a built folder made here the way
 * the build makes it (packages/ui/vite/precompress.ts: x.br and x.gz beside x).
 */

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request: no client that decodes bodies or adds its own Accept-Encoding. */
function request(url: string, urlPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: urlPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decode = (a: Answer): string => {
  const encoding = a.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(a.body).toString('utf8');
  if (encoding === 'gzip') return zlib.gunzipSync(a.body).toString('utf8');
  return a.body.toString('utf8');
};

const INDEX = `<!doctype html><html><head><title>票券</title><script type="module" crossorigin src="/assets/index-Cnqv72ni.js"></script><link rel="stylesheet" href="/assets/index-B5x_9kQa.css"></head><body><div id="root"></div></body></html>`;
const SCRIPT = `export const lines = [${Array.from({ length: 400 }, (_, i) => `"核銷 ticket line ${i}"`).join(',')}];\n`;
const STYLE = `${Array.from({ length: 200 }, (_, i) => `.row-${i}{color:var(--mantine-color-teal-${i % 10});padding:${i}px}`).join('\n')}\n`;
const MANIFEST = JSON.stringify({ name: '電子票券核銷', short_name: '核銷', start_url: '/', display: 'standalone', icons: [{ src: '/icon-192.png', sizes: '192x192', type: 'image/png' }] }, null, 2);
const SW = `self.addEventListener('install', () => self.skipWaiting());\n${'// precache\n'.repeat(80)}`;

let root: string;
let dist: string;
let spa: http.Server;
let api: http.Server;
let spaUrl: string;

/** Writes a file, and its .br (quality 11) and .gz (level 9) as the build does. */
function built(file: string, content: string | Buffer, compress = true) {
  const full = path.join(dist, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
  if (!compress) return;
  fs.writeFileSync(`${full}.br`, zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  fs.writeFileSync(`${full}.gz`, zlib.gzipSync(content, { level: 9 }));
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'spa-server-'));
  dist = path.join(root, 'dist');
  built('index.html', INDEX);
  built('assets/index-Cnqv72ni.js', SCRIPT);
  built('assets/index-B5x_9kQa.css', STYLE);
  built('manifest.webmanifest', MANIFEST);
  built('sw.js', SW);
  built('robots.txt', 'User-agent: *\nDisallow:\n', false);
  built('icon-192.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), false);
  built('.env', 'SECRET=1', false);
  fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the build');

  // The API as the SPA server sees it: answers with headers of its own (app.ts, payment.routes.ts).
  api = http.createServer((req, res) => {
    res.setHeader('Content-Security-Policy', req.url?.startsWith('/payments/simulator/3ds/') ? "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'" : "default-src 'none'; frame-ancestors 'none'");
    res.setHeader('Content-Type', req.url?.startsWith('/payments/') ? 'text/html; charset=utf-8' : 'application/json');
    res.end(req.url?.startsWith('/payments/') ? '<!doctype html><title>3-D Secure</title>' : '{"ok":true}');
  });
  // Subscriptions: the API's WebSocket endpoint answers each message with its protocol and the message.
  const sockets = new WebSocketServer({ server: api, path: '/graphql' });
  sockets.on('connection', (socket) => socket.on('message', (data) => socket.send(`${socket.protocol}:${String(data)}`)));
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  spa = await serveSpa({ distDir: dist, port: 0, apiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}`, host: '127.0.0.1' });
  spaUrl = `http://127.0.0.1:${(spa.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => spa?.close(r));
  await new Promise((r) => api?.close(r));
  fs.rmSync(root, { recursive: true, force: true });
});

const CHROME = 'gzip, deflate, br, zstd';
const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('issue 13.2: precompressed assets chosen by Accept-Encoding', () => {
  it('a browser that takes br gets the brotli file: Content-Encoding br, Vary, the JavaScript type, its length, and the same script once decoded', async () => {
    const a = await request(spaUrl, '/assets/index-Cnqv72ni.js', { 'accept-encoding': CHROME });
    expect(a.status).toBe(200);
    expect(a.headers['content-encoding']).toBe('br');
    expect(a.headers.vary).toMatch(/Accept-Encoding/i);
    expect(a.headers['content-type']).toMatch(/^text\/javascript/);
    expect(Number(a.headers['content-length'])).toBe(fs.statSync(path.join(dist, 'assets/index-Cnqv72ni.js.br')).size);
    expect(a.body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 4);
    expect(decode(a)).toBe(SCRIPT);
  });

  it('gzip when br is not accepted (or refused with q=0); br when it weighs more; identity when neither is accepted', async () => {
    const cases: [string | undefined, string | undefined][] = [
      ['gzip, deflate', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['gzip;q=0.5, br;q=0.8', 'br'],
      ['br;q=0.2, gzip;q=0.9', 'gzip'],
      ['*', 'br'],
      ['identity', undefined],
      ['br;q=0, gzip;q=0', undefined],
      ['deflate', undefined],
      [undefined, undefined],
    ];
    for (const [accept, expected] of cases) {
      const a = await request(spaUrl, '/assets/index-B5x_9kQa.css', accept === undefined ? {} : { 'accept-encoding': accept });
      expect({ accept, encoding: a.headers['content-encoding'] }).toEqual({ accept, encoding: expected });
      expect(a.headers['content-type']).toMatch(/^text\/css/);
      // Caches must keep one copy per encoding, also of the identity answer.
      expect(a.headers.vary).toMatch(/Accept-Encoding/i);
      expect(decode(a)).toBe(STYLE);
    }
  });

  it('the negotiation itself: best q first, br before gzip before identity on a tie, identity unnamed ranks with the least wanted, q=0 refuses, * covers the rest', () => {
    expect(acceptedEncodings('gzip, deflate, br, zstd')).toEqual(['br', 'gzip', 'identity']);
    expect(acceptedEncodings('gzip')).toEqual(['gzip', 'identity']);
    expect(acceptedEncodings('br;q=0.1, gzip;q=1.0')).toEqual(['gzip', 'br', 'identity']);
    expect(acceptedEncodings('br;q=0, gzip;q=0')).toEqual(['identity']);
    expect(acceptedEncodings('*;q=0.5, identity;q=0')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('')).toEqual(['identity']);
    expect(acceptedEncodings(undefined)).toEqual(['identity']);
  });

  it('a file without variants (an image, a tiny text) goes as is, without Content-Encoding or Vary', async () => {
    const png = await request(spaUrl, '/icon-192.png', { 'accept-encoding': CHROME });
    expect(png.status).toBe(200);
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers.vary).toBeUndefined();
    expect(png.headers['content-type']).toBe('image/png');
    const txt = await request(spaUrl, '/robots.txt', { 'accept-encoding': CHROME });
    expect(txt.headers['content-encoding']).toBeUndefined();
    expect(txt.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('HEAD answers the same headers without a body; a repeated GET with the ETag of the br variant is 304', async () => {
    const head = await request(spaUrl, '/assets/index-Cnqv72ni.js', { 'accept-encoding': CHROME }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
    const first = await request(spaUrl, '/assets/index-Cnqv72ni.js', { 'accept-encoding': CHROME });
    const gz = await request(spaUrl, '/assets/index-Cnqv72ni.js', { 'accept-encoding': 'gzip' });
    // Each representation has its own validator.
    expect(first.headers.etag).toBeTruthy();
    expect(gz.headers.etag).not.toBe(first.headers.etag);
    const again = await request(spaUrl, '/assets/index-Cnqv72ni.js', { 'accept-encoding': CHROME, 'if-none-match': first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });
});

describe('issue 13.2: hashed assets cached for a year, the page, the service worker and the manifest revalidated', () => {
  it('hashed files under /assets are public, a year, immutable', async () => {
    for (const file of ['/assets/index-Cnqv72ni.js', '/assets/index-B5x_9kQa.css']) {
      expect((await request(spaUrl, file, { 'accept-encoding': CHROME })).headers['cache-control']).toBe(IMMUTABLE);
    }
  });

  it('index.html, at / and at its own name, is no-cache, compressed, as HTML', async () => {
    for (const p of ['/', '/index.html']) {
      const a = await request(spaUrl, p, { 'accept-encoding': CHROME });
      expect(a.status).toBe(200);
      expect(a.headers['cache-control']).toBe('no-cache');
      expect(a.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(a.headers['content-encoding']).toBe('br');
      expect(decode(a)).toBe(INDEX);
    }
  });

  it('the history fallback: a route of the app answers index.html, no-cache, gzip for a gzip-only client', async () => {
    for (const p of ['/redeem/ABCD234567', '/account/orders/42?tab=codes', '/settings/auto-close/']) {
      const a = await request(spaUrl, p, { 'accept-encoding': 'gzip' });
      expect(a.status).toBe(200);
      expect(a.headers['cache-control']).toBe('no-cache');
      expect(a.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(a.headers['content-encoding']).toBe('gzip');
      expect(decode(a)).toBe(INDEX);
    }
  });

  it('the service worker and the web manifest are no-cache; the manifest has its own type', async () => {
    const sw = await request(spaUrl, '/sw.js', { 'accept-encoding': CHROME });
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.headers['content-type']).toMatch(/^text\/javascript/);
    expect(decode(sw)).toBe(SW);
    const manifest = await request(spaUrl, '/manifest.webmanifest', { 'accept-encoding': CHROME });
    expect(manifest.headers['cache-control']).toBe('no-cache');
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(JSON.parse(decode(manifest))).toMatchObject({ short_name: '核銷' });
  });

  it('a missing hashed file (an old version\'s) is a 404, never the page; unhashed files keep an hour', async () => {
    const gone = await request(spaUrl, '/assets/index-OLDVERSN.js', { 'accept-encoding': CHROME });
    expect(gone.status).toBe(404);
    expect(gone.headers['content-type']).not.toMatch(/html/);
    expect((await request(spaUrl, '/robots.txt')).headers['cache-control']).toBe('public, max-age=3600');
    expect(cacheControlFor('/assets/index-Cnqv72ni.js')).toBe(IMMUTABLE);
    expect(cacheControlFor('/registerSW.js')).toBe('no-cache');
    expect(cacheControlFor('/workbox-5ffe50d4.js')).toBe('public, max-age=3600');
  });

  it('nothing outside the build and no dotfile is served: such paths get the page', async () => {
    for (const p of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/.env']) {
      const a = await request(spaUrl, p);
      expect(a.body.toString()).not.toMatch(/outside the build|SECRET/);
    }
  });
});

describe('issue 13.2: security headers on every SPA response; the API keeps its own', () => {
  const policy = spaContentSecurityPolicy();

  it('the policy: scripts only from the site, no framing either way, no plugins, images over https and data:, styles inline for Mantine', () => {
    expect(policy).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; font-src 'self'; connect-src 'self'; media-src 'self'; worker-src 'self'; manifest-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    // The shop with TapPay: its SDK's script and the iframes of its card fields, nothing else more.
    const tapPay = spaContentSecurityPolicy({ tapPay: true });
    expect(tapPay).toContain("script-src 'self' https://js.tappaysdk.com;");
    expect(tapPay).toContain('frame-src https://*.tappaysdk.com;');
    expect(tapPay).toContain("connect-src 'self' https://*.tappaysdk.com;");
    expect(spaContentSecurityPolicy({ inlineStyles: false })).toContain("style-src 'self';");
  });

  it('the page, the fallback, an asset and a 404 all carry the CSP, X-Frame-Options, nosniff and Referrer-Policy', async () => {
    for (const p of ['/', '/redeem', '/assets/index-Cnqv72ni.js', '/assets/missing-12345678.js', '/sw.js']) {
      const a = await request(spaUrl, p, { 'accept-encoding': CHROME });
      expect({ p, csp: a.headers['content-security-policy'] }).toEqual({ p, csp: policy });
      expect(a.headers['x-frame-options']).toBe('DENY');
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
  });

  it('proxied API paths answer with the API\'s headers, the 3-D Secure page with its own policy', async () => {
    const health = await request(spaUrl, '/healthz');
    expect(health.status).toBe(200);
    expect(health.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(health.headers['referrer-policy']).toBeUndefined();
    expect(decode(health)).toBe('{"ok":true}');
    const threeDs = await request(spaUrl, '/payments/simulator/3ds/abc');
    expect(threeDs.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    expect(decode(threeDs)).toContain('3-D Secure');
  });

  it('a WebSocket on /graphql (GraphQL subscriptions) reaches the API through the SPA server; elsewhere it is refused', async () => {
    const socket = new WebSocket(`${spaUrl.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const reply = await new Promise<string>((resolve, reject) => {
      socket.on('open', () => socket.send('ping'));
      socket.on('message', (data) => resolve(String(data)));
      socket.on('error', reject);
    });
    socket.close();
    expect(reply).toBe('graphql-transport-ws:ping');
    const elsewhere = new WebSocket(`${spaUrl.replace('http', 'ws')}/redeem`);
    await expect(new Promise((resolve, reject) => (elsewhere.on('open', resolve), elsewhere.on('error', reject)))).rejects.toThrow();
  });
});
