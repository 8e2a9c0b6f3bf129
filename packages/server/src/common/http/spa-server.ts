import express from 'express';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { createProxyMiddleware } from 'http-proxy-middleware';

/**
 * Serves a built SPA with history fallback, and forwards the API paths to the API server, so the app,
 * its API calls and its session cookie share one origin.
 */
export async function serveSpa(options: { distDir: string; port: number; apiUrl: string; host?: string }): Promise<http.Server> {
  const index = path.join(options.distDir, 'index.html');
  if (!fs.existsSync(index)) throw new Error(`${index} is missing: build the SPA first (pnpm -r build)`);
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    // No other site may frame the apps (clickjacking a redeem or refund button).
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    next();
  });
  app.use(
    createProxyMiddleware({
      target: options.apiUrl,
      pathFilter: ['/graphql', '/exports', '/healthz', '/payments'],
      xfwd: true,
    }),
  );
  app.use(express.static(options.distDir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml }));
  app.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return new Promise((resolve, reject) => {
    const server = app.listen(options.port, options.host ?? '0.0.0.0', (err?: Error) => (err ? reject(err) : resolve(server)));
  });
}

function noCacheForHtml(res: http.ServerResponse, file: string): void {
  if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}

export const SPA_NAMES = ['shop', 'admin', 'clerk'] as const;

/** The three SPAs on their ports (SHOP_PORT 5173, ADMIN_PORT 5174, CLERK_PORT 5175). */
export async function serveAllSpas(root: string, apiUrl: string, env: NodeJS.ProcessEnv = process.env) {
  const ports = { shop: Number(env.SHOP_PORT ?? 5173), admin: Number(env.ADMIN_PORT ?? 5174), clerk: Number(env.CLERK_PORT ?? 5175) };
  const servers = [];
  for (const name of SPA_NAMES) {
    servers.push({ name, port: ports[name], server: await serveSpa({ distDir: path.join(root, 'packages', name, 'dist'), port: ports[name], apiUrl }) });
  }
  return servers;
}
