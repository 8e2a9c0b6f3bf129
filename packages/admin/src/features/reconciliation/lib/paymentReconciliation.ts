/*
 * 金流對帳: which stretch of time to reconcile, read from and written to the address. Either a settlement
 * period (`?period=2026-11-H1`, the default being the current one in Asia/Taipei) or any Taipei calendar
 * days (`?from=2026-11-01&to=2026-11-20`, both included). The server reconciles [from, to) instants and
 * refuses more than 62 days at once.
 */
import { taipeiDayEnd, taipeiDayStart } from '../../../lib/taipeiDate';
import { parsePeriod, periodDays, periodOf } from './period';

export const MAX_RANGE_DAYS = 62;

export type PaymentRange = { mode: 'period'; period: string } | { mode: 'days'; from: string; to: string };

/** Why a range of days can't be asked for; null when it can. */
export type RangeProblem = 'missing' | 'reversed' | 'tooLong';

export function readPaymentRange(params: URLSearchParams, now: Date = new Date()): PaymentRange {
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null || to !== null) return { mode: 'days', from: from ?? '', to: to ?? '' };
  const period = params.get('period') ?? '';
  return { mode: 'period', period: parsePeriod(period) ? period : periodOf(now) };
}

export function writePaymentRange(range: PaymentRange): URLSearchParams {
  return new URLSearchParams(range.mode === 'period' ? { period: range.period } : { from: range.from, to: range.to });
}

/** The Taipei days a range covers, both included. */
export function rangeDays(range: PaymentRange): { from: string; to: string } {
  return range.mode === 'period' ? periodDays(range.period)! : { from: range.from, to: range.to };
}

/** The instants the server is asked about ([from, to)), or what is wrong with the days chosen. */
export function rangeInstants(range: PaymentRange): { from: string; to: string } | { problem: RangeProblem } {
  const days = rangeDays(range);
  const from = taipeiDayStart(days.from);
  const to = taipeiDayEnd(days.to);
  if (!from || !to) return { problem: 'missing' };
  if (from >= to) return { problem: 'reversed' };
  if (new Date(to).getTime() - new Date(from).getTime() > MAX_RANGE_DAYS * 86_400_000) return { problem: 'tooLong' };
  return { from, to };
}

/** The CSV export of the same rows (same origin; the session cookie authenticates it). */
export const paymentsCsvUrl = (from: string, to: string) => `/exports/payments.csv?${new URLSearchParams({ from, to })}`;

/** The differences the server names (PaymentReconciliationRow.difference); anything else is shown as it comes. */
export const DIFFERENCE_KINDS = ['MISSING_IN_BOOKS', 'MISSING_AT_GATEWAY', 'AMOUNT', 'REFUNDED'] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export const isKnownDifference = (value: string): value is DifferenceKind => (DIFFERENCE_KINDS as readonly string[]).includes(value);
