import express, { type Request, type Response } from 'express';
import type pg from 'pg';
import { Permission, Role } from '../../common/auth/permissions.js';
import { bearerToken } from '../../common/auth/session-cookie.js';
import type { Clock } from '../../common/clock.js';
import type { Principal } from '../../common/context.js';
import type { Logger } from '../../common/logger.js';
import { ProductKind } from '../catalog/product.entity.js';
import { OrderStatus } from '../orders/order.entity.js';
import { TicketCodeSearchField } from '../redemption/redemption.types.js';
import { streamOrdersCsv, streamTicketCodesCsv, type OrderExportFilter, type TicketCodeExportSearch } from './exports.service.js';

export interface ExportRoutesDeps {
  pool: pg.Pool;
  clock: Clock;
  log: Logger;
  authenticate(token: string): Promise<Principal | null>;
}

const MAX_SEARCH = 100;

class BadFilter extends Error {}

const one = (value: unknown): string | undefined => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined);

function dateParam(value: unknown, name: string): Date | undefined {
  const text = one(value);
  if (!text) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new BadFilter(`${name} is not a date-time`);
  return date;
}

/** The orders list's filter (OrdersFilterInput's fields) from the query string. */
export function orderFilterOf(query: Request['query']): OrderExportFilter {
  const statuses = (one(query.status) ?? '').split(',').filter(Boolean);
  const unknown = statuses.find((s) => !Object.values<string>(OrderStatus).includes(s));
  if (unknown) throw new BadFilter(`unknown status ${unknown}`);
  const kind = one(query.kind);
  if (kind && !Object.values<string>(ProductKind).includes(kind)) throw new BadFilter(`unknown kind ${kind}`);
  const search = one(query.search)?.trim();
  if (search && search.length > MAX_SEARCH) throw new BadFilter(`search is longer than ${MAX_SEARCH} characters`);
  return {
    status: statuses as OrderStatus[],
    kind: (kind as ProductKind | undefined) || undefined,
    hasUnreadInquiry: one(query.hasUnreadInquiry) === 'true',
    search: search || undefined,
    createdFrom: dateParam(query.createdFrom, 'createdFrom'),
    createdTo: dateParam(query.createdTo, 'createdTo'),
  };
}

/** The redemption list's search (TicketCodeSearchInput) from the query string; null without one. */
export function ticketCodeSearchOf(query: Request['query']): TicketCodeExportSearch | null {
  const text = one(query.query)?.trim() ?? '';
  if (!text) return null;
  const field = one(query.field) ?? TicketCodeSearchField.TICKET_NAME;
  if (!Object.values<string>(TicketCodeSearchField).includes(field)) throw new BadFilter(`unknown field ${field}`);
  if (text.length > MAX_SEARCH) throw new BadFilter(`query is longer than ${MAX_SEARCH} characters`);
  return { field: field as TicketCodeSearchField, query: text };
}

/** 20261204-1630 in Taipei, for the file's name. */
const stamp = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

/**
 * Orders and the redemption list as CSV, authenticated like the statement's CSV (Bearer token or the admin
 * SPA's session cookie) and streamed from the database a page at a time (any number of rows in the memory
 * of one page). A HEAD request answers whether the GET would be allowed, without reading anything: the
 * admin SPA asks first, then lets the browser download the file to disk.
 */
export function exportRoutes(deps: ExportRoutesDeps): express.Router {
  const router = express.Router();

  const route = <F>(path: string, file: string, allowed: (p: Principal) => boolean, parse: (query: Request['query']) => F, stream: (out: Response, filter: F) => Promise<void>) =>
    router.get(path, async (req, res) => {
      const token = bearerToken(req);
      const principal = token ? await deps.authenticate(token) : null;
      if (!principal) return void res.status(401).json({ error: 'UNAUTHENTICATED' });
      if (!allowed(principal)) return void res.status(403).json({ error: 'FORBIDDEN' });
      let filter: F;
      try {
        filter = parse(req.query);
      } catch (e) {
        if (e instanceof BadFilter) return void res.status(400).json({ error: 'INVALID_FILTER', message: e.message });
        throw e;
      }
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${file}-${stamp(deps.clock.now())}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      if (req.method === 'HEAD') return void res.end();
      try {
        await stream(res, filter);
        res.end();
      } catch (e) {
        deps.log.error({ err: e, path }, 'CSV export failed');
        // The header went out with the first rows: a cut-off download, never a file that looks complete.
        if (res.headersSent) res.destroy(e as Error);
        else res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
      }
    });

  // 所有訂單, with the list's filters. ORDERS_READ (admins, and API keys with orders:read).
  route('/exports/orders.csv', 'orders', (p) => p.permissions.has(Permission.ORDERS_READ), orderFilterOf, (out, filter) => streamOrdersCsv(deps.pool, out, filter));
  // 票券核銷列表, with its search. Admins with TICKETS_READ: clerks and API keys page through the list
  // slowly on purpose (R6), a whole export of codes is not theirs.
  route(
    '/exports/redemptions.csv',
    'redemptions',
    (p) => p.role === Role.ADMIN && p.permissions.has(Permission.TICKETS_READ),
    ticketCodeSearchOf,
    (out, search) => streamTicketCodesCsv(deps.pool, out, search),
  );
  return router;
}
