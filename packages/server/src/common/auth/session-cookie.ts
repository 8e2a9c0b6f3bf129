import { createHash } from 'node:crypto';
import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';

/**
 * Cookies ignore ports, and the three SPAs live on one host with different ports; each origin gets its
 * own cookie name so a shopper's session never leaks into the admin or clerk app.
 */
export function sessionCookieName(req: Request): string {
  const origin = req.headers.origin;
  return origin ? `ets_sid_${createHash('sha256').update(origin).digest('hex').slice(0, 10)}` : 'ets_sid';
}

export function readSessionCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header ? parse(header)[sessionCookieName(req)] : undefined;
}

export function writeSessionCookie(req: Request, res: Response, token: string | null, secure: boolean): void {
  res.append(
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

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.toLowerCase().startsWith('bearer ')) return header.slice(7).trim() || undefined;
  return readSessionCookie(req);
}
