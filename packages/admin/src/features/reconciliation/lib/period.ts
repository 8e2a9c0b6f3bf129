/*
 * L2: settlement periods (帳期) are half-months in Asia/Taipei: `YYYY-MM-H1` (1st-15th) and `YYYY-MM-H2`
 * (16th to the end of the month). The server decides what a period contains; these helpers only name
 * periods and step between them.
 */
import { taipeiDay } from '../../../lib/taipeiDate';

export interface PeriodParts {
  year: number;
  month: number;
  half: 1 | 2;
}

export function parsePeriod(id: string): PeriodParts | null {
  const match = /^(\d{4})-(\d{2})-H([12])$/.exec(id);
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return { year: Number(match[1]), month, half: match[3] === '1' ? 1 : 2 };
}

export function formatPeriod({ year, month, half }: PeriodParts): string {
  return `${year}-${String(month).padStart(2, '0')}-H${half}`;
}

/** The period that contains an instant (Taipei calendar). */
export function periodOf(at: Date | string = new Date()): string {
  const [year, month, day] = taipeiDay(at).split('-').map(Number) as [number, number, number];
  return formatPeriod({ year, month, half: day <= 15 ? 1 : 2 });
}

export function previousPeriod(id: string): string | null {
  const p = parsePeriod(id);
  if (!p) return null;
  if (p.half === 2) return formatPeriod({ ...p, half: 1 });
  return p.month === 1 ? formatPeriod({ year: p.year - 1, month: 12, half: 2 }) : formatPeriod({ year: p.year, month: p.month - 1, half: 2 });
}

export function nextPeriod(id: string): string | null {
  const p = parsePeriod(id);
  if (!p) return null;
  if (p.half === 1) return formatPeriod({ ...p, half: 2 });
  return p.month === 12 ? formatPeriod({ year: p.year + 1, month: 1, half: 1 }) : formatPeriod({ year: p.year, month: p.month + 1, half: 1 });
}

/** `count` periods up to and including the one containing `at`, newest first. */
export function recentPeriods(count: number, at: Date | string = new Date()): string[] {
  const periods = [periodOf(at)];
  while (periods.length < count) periods.push(previousPeriod(periods.at(-1)!)!);
  return periods;
}

/** The last day of a period, for "1st-15th" / "16th-30th" labels. */
export function lastDay({ year, month, half }: PeriodParts): number {
  return half === 1 ? 15 : new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The CSV export of a statement (same origin; the session cookie authenticates it). */
export const statementCsvUrl = (period: string) => `/exports/statements/${encodeURIComponent(period)}.csv`;

/** The Taipei calendar days a period covers, both included: `2026-10-H2` -> 2026-10-16 to 2026-10-31. */
export function periodDays(id: string): { from: string; to: string } | null {
  const p = parsePeriod(id);
  if (!p) return null;
  const month = `${p.year}-${String(p.month).padStart(2, '0')}`;
  return p.half === 1 ? { from: `${month}-01`, to: `${month}-15` } : { from: `${month}-16`, to: `${month}-${lastDay(p)}` };
}
