import type { Request, Response, Router } from 'express';
import { bearerToken } from '../auth/session-cookie.js';
import type { Clock } from '../clock.js';
import type { Principal } from '../context.js';
import type { Logger } from '../logger.js';

export interface CsvRouteDeps {
  clock: Clock;
  log: Logger;
  authenticate(token: string): Promise<Principal | null>;
}

/** A query parameter the export can't use: answered 400 INVALID_FILTER with this message. */
export class BadFilter extends Error {}

/** 20261204-1630 in Taipei, for the file's name. */
const stamp = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

export interface CsvRoute<F> {
  path: string;
  /** The saved file's name before its time stamp: `orders` -> orders-20261204-1630.csv. */
  file: string;
  allowed(principal: Principal): boolean;
  /** The query string as the export's filter; throws BadFilter for one it can't use. */
  parse(query: Request['query']): F;
  /** Writes the rows (the caller waits for 'drain'); the header line and BOM are its own. */
  stream(out: Response, filter: F): Promise<void>;
}

/**
 * A CSV export at GET `path`, authenticated like the API (Bearer token or the admin SPA's session cookie),
 * streamed as it is read so any number of rows never sit in memory. A HEAD request answers whether the GET
 * would be allowed, without reading anything: the admin SPA asks first, then lets the browser save the
 * file to disk.
 */
export function csvRoute<F>(router: Router, deps: CsvRouteDeps, route: CsvRoute<F>): void {
  router.get(route.path, async (req, res) => {
    const token = bearerToken(req);
    const principal = token ? await deps.authenticate(token) : null;
    if (!principal) return void res.status(401).json({ error: 'UNAUTHENTICATED' });
    if (!route.allowed(principal)) return void res.status(403).json({ error: 'FORBIDDEN' });
    let filter: F;
    try {
      filter = route.parse(req.query);
    } catch (e) {
      if (e instanceof BadFilter) return void res.status(400).json({ error: 'INVALID_FILTER', message: e.message });
      throw e;
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${route.file}-${stamp(deps.clock.now())}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    if (req.method === 'HEAD') return void res.end();
    try {
      await route.stream(res, filter);
      res.end();
    } catch (e) {
      deps.log.error({ err: e, path: route.path }, 'CSV export failed');
      // The header went out with the first rows: a cut-off download, never a file that looks complete.
      if (res.headersSent) res.destroy(e as Error);
      else res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    }
  });
}
