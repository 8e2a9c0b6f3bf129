import { periodOf, type Period } from '../statements/period.js';
import { DashboardRange } from './dashboard.types.js';

const DAY_MS = 86_400_000;
const TAIPEI_OFFSET_MS = 8 * 3600_000;

/** A Taipei business day as YYYY-MM-DD. */
export const taipeiDate = (at: Date) => new Date(at.getTime() + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);

/** 00:00 in Taipei of a YYYY-MM-DD day. */
export const taipeiMidnight = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - TAIPEI_OFFSET_MS);

export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export interface DayRange {
  /** First day, YYYY-MM-DD. */
  fromDay: string;
  /** The day after the last one (exclusive). */
  toDay: string;
  from: Date;
  to: Date;
}

export const dayRange = (fromDay: string, toDay: string): DayRange => ({ fromDay, toDay, from: taipeiMidnight(fromDay), to: taipeiMidnight(toDay) });

/** B10: the range's whole Taipei days, up to and including today, and the current settlement period. */
export function rangeOf(range: DashboardRange, now: Date): { days: DayRange; period: Period; periodDays: DayRange } {
  const today = taipeiDate(now);
  const period = periodOf(now);
  const periodDays = dayRange(taipeiDate(period.from), taipeiDate(period.to));
  const first = {
    [DashboardRange.TODAY]: today,
    [DashboardRange.LAST_7_DAYS]: addDays(today, -6),
    [DashboardRange.LAST_30_DAYS]: addDays(today, -29),
    [DashboardRange.CURRENT_PERIOD]: periodDays.fromDay,
  }[range];
  return { days: dayRange(first, addDays(today, 1)), period, periodDays };
}

/** Every day from `fromDay` up to (not including) `toDay`. */
export function daysOf(r: Pick<DayRange, 'fromDay' | 'toDay'>): string[] {
  const days: string[] = [];
  for (let d = r.fromDay; d < r.toDay; d = addDays(d, 1)) days.push(d);
  return days;
}
