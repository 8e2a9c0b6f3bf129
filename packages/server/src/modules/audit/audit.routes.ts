import express, { type Request, type Router } from 'express';
import { once } from 'node:events';
import { Permission } from '../../common/auth/permissions.js';
import { BadFilter, csvRoute, type CsvRouteDeps } from '../../common/http/csv-route.js';
import type { AuditService } from './audit.service.js';
import type { AuditEventFilter } from './audit.types.js';

interface Deps extends CsvRouteDeps {
  audit: AuditService;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The query string as an auditEvents filter, or the name of the parameter that is not valid. */
export function filterFromQuery(query: Request['query']): { filter: AuditEventFilter } | { invalid: string } {
  const text = (name: string, max = 100): string | null | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    return typeof value === 'string' && value.length <= max ? value : null;
  };
  const filter: AuditEventFilter = {};
  for (const name of ['action', 'objectType', 'objectId'] as const) {
    const value = text(name);
    if (value === null) return { invalid: name };
    if (value !== undefined) filter[name] = value;
  }
  const actorId = text('actorId');
  if (actorId === null || (actorId !== undefined && !UUID.test(actorId))) return { invalid: 'actorId' };
  if (actorId) filter.actorId = actorId;
  for (const name of ['from', 'to'] as const) {
    const value = text(name, 40);
    if (value === null) return { invalid: name };
    if (value === undefined) continue;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return { invalid: name };
    filter[name] = date;
  }
  return { filter };
}

/**
 * B5: GET /exports/audit.csv?actorId=&action=&objectType=&objectId=&from=&to= (the auditEvents filter), for
 * AUDIT_READ, like the other CSV exports (common/http/csv-route.ts): UTF-8 with a BOM so Excel shows the
 * zh-TW headers.
 */
export function auditRoutes({ audit, ...deps }: Deps): Router {
  const router = express.Router();
  csvRoute(router, deps, {
    path: '/exports/audit.csv',
    file: 'audit',
    allowed: (p) => p.permissions.has(Permission.AUDIT_READ),
    parse: (query) => {
      const parsed = filterFromQuery(query);
      if ('invalid' in parsed) throw new BadFilter(`${parsed.invalid} is not valid`);
      return parsed.filter;
    },
    stream: async (out, filter) => {
      await audit.exportCsv(filter, async (chunk) => {
        if (!out.write(chunk)) await once(out, 'drain');
      });
    },
  });
  return router;
}
