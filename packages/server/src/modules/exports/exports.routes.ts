import express, { type Request } from 'express';
import type pg from 'pg';
import { Permission, Role } from '../../common/auth/permissions.js';
import { BadFilter, csvRoute, type CsvRouteDeps } from '../../common/http/csv-route.js';
import { ProductKind } from '../catalog/product.entity.js';
import { OrderStatus } from '../orders/order.entity.js';
import { TicketCodeSearchField } from '../redemption/redemption.types.js';
import { streamOrdersCsv, streamTicketCodesCsv, type OrderExportFilter, type TicketCodeExportSearch } from './exports.service.js';

export interface ExportRoutesDeps extends CsvRouteDeps {
  pool: pg.Pool;
}

const MAX_SEARCH = 100;

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

/** Orders and the redemption list as CSV (common/http/csv-route.ts: authenticated, streamed, HEAD asks first). */
export function exportRoutes(deps: ExportRoutesDeps): express.Router {
  const router = express.Router();
  // 所有訂單, with the list's filters. ORDERS_READ (admins, and API keys with orders:read).
  csvRoute(router, deps, {
    path: '/exports/orders.csv',
    file: 'orders',
    allowed: (p) => p.permissions.has(Permission.ORDERS_READ),
    parse: orderFilterOf,
    stream: (out, filter) => streamOrdersCsv(deps.pool, out, filter),
  });
  // 票券核銷列表, with its search. Admins with TICKETS_READ: clerks and API keys page through the list
  // slowly on purpose (R6), a whole export of codes is not theirs.
  csvRoute(router, deps, {
    path: '/exports/redemptions.csv',
    file: 'redemptions',
    allowed: (p) => p.role === Role.ADMIN && p.permissions.has(Permission.TICKETS_READ),
    parse: ticketCodeSearchOf,
    stream: (out, search) => streamTicketCodesCsv(deps.pool, out, search),
  });
  return router;
}
