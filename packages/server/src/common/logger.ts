import { pino, stdSerializers, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.secret', '*.token'], remove: true },
    serializers: { err: safeError },
  });
}

/**
 * How an error is logged: its name, code and the database's own reason (constraint, table, column),
 * but never the SQL statement or its parameters, which MikroORM and pg put in front of the message.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: string; sqlState?: string; constraint?: string; table?: string; column?: string; detail?: string };
  const fromDatabase = typeof (e.sqlState ?? e.code) === 'string' && /^[0-9A-Z]{5}$/.test(e.sqlState ?? e.code ?? '');
  if (!fromDatabase) return stdSerializers.err(err) as unknown as Record<string, unknown>;
  // MikroORM's message is `statement - reason - detail: the row`, and both the statement and the row hold
  // values (a password hash, say): only the reason is kept.
  const withoutDetail = e.message.split(' - detail: ')[0]!;
  const message = withoutDetail.slice(withoutDetail.lastIndexOf(' - ') + 1).replace(/^- /, '').trim();
  const frames = (e.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return { type: e.name, message, code: e.sqlState ?? e.code, constraint: e.constraint, table: e.table, column: e.column, stack: [`${e.name}: ${message}`, ...frames].join('\n') };
}
