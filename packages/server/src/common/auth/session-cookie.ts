import { createHash } from 'node:crypto';
import { parse, serialize } from 'cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Cookies ignore ports, and the three SPAs live on one host with different ports; each origin gets its
 * own cookie name so a shopper's session never leaks into the admin or clerk app.
 */
export function sessionCookieName(req: Pick<IncomingMessage, 'headers'>): string {
  const origin = browserOrigin(req);
  return origin ? `ets_sid_${createHash('sha256').update(origin).digest('hex').slice(0, 10)}` : 'ets_sid';
}

/**
 * The SPA origin the request comes from. Browsers send no Origin on a same-origin GET (a CSV download),
 * so fall back to the Referer's origin, then to the host our SPA proxy forwards.
 */
function browserOrigin({ headers }: Pick<IncomingMessage, 'headers'>): string | undefined {
  if (headers.origin && headers.origin !== 'null') return headers.origin;
  if (headers.referer) {
    try {
      return new URL(headers.referer).origin;
    } catch {
      // an unparsable Referer says nothing about the origin
    }
  }
  const host = first(headers['x-forwarded-host']);
  return host ? `${first(headers['x-forwarded-proto']) ?? 'http'}://${host}` : undefined;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim() || undefined;

export function readSessionCookie(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  return header ? parse(header)[sessionCookieName(req)] : undefined;
}

export function writeSessionCookie(req: IncomingMessage, res: ServerResponse, token: string | null, secure: boolean): void {
  res.appendHeader(
    'Set-Cookie',
    serialize(sessionCookieName(req), token ?? '', {
      httpOnly: true,
      sameSite: 'strict',
      secure,
      path: '/',
      maxAge: token ? 30 * 86400 : 0,
    }),
  );
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header?.toLowerCase().startsWith('bearer ')) return header.slice(7).trim() || undefined;
  return readSessionCookie(req);
}
