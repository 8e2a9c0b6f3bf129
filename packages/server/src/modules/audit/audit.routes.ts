import express, { type Request, type Router } from 'express';
import { once } from 'node:events';
import { Permission } from '../../common/auth/permissions.js';
import { bearerToken } from '../../common/auth/session-cookie.js';
import type { Clock } from '../../common/clock.js';
import type { Principal } from '../../common/context.js';
import type { Logger } from '../../common/logger.js';
import type { AuditService } from './audit.service.js';
import type { AuditEventFilter } from './audit.types.js';

interface Deps {
  audit: AuditService;
  authenticate: (token: string) => Promise<Principal | null>;
  clock: Clock;
  log: Logger;
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
 * AUDIT_READ with a Bearer token or the admin's session cookie, as the statement CSV. Streamed in batches as
 * it is read (a long log never sits in memory), UTF-8 with a BOM so Excel shows the zh-TW headers.
 */
export function auditRoutes({ audit, authenticate, clock, log }: Deps): Router {
  const router = express.Router();
  router.get('/exports/audit.csv', async (req, res) => {
    const token = bearerToken(req);
    const principal = token ? await authenticate(token) : null;
    if (!principal) return void res.status(401).json({ error: 'UNAUTHENTICATED' });
    if (!principal.permissions.has(Permission.AUDIT_READ)) return void res.status(403).json({ error: 'FORBIDDEN' });
    const parsed = filterFromQuery(req.query);
    if ('invalid' in parsed) return void res.status(400).json({ error: 'INVALID_FILTER', field: parsed.invalid });
    const day = new Date(clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="audit-${day}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await audit.exportCsv(parsed.filter, async (chunk) => {
        if (!res.write(chunk)) await once(res, 'drain');
      });
      res.end();
    } catch (e) {
      // Headers are sent: all that is left is to cut the download short, so it can't pass for a whole one.
      log.error({ err: e }, 'audit CSV export failed');
      res.destroy();
    }
  });
  return router;
}
