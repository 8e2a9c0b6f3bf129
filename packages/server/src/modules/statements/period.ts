const TAIPEI_OFFSET_MS = 8 * 3600_000;

export interface Period {
  /** e.g. 2026-10-H2 */
  id: string;
  from: Date;
  /** exclusive */
  to: Date;
}

const taipeiMidnight = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day) - TAIPEI_OFFSET_MS);

/** L2: half-month settlement periods in Asia/Taipei: H1 = 1st-15th, H2 = 16th-end of month. */
export function parsePeriod(id: string): Period | null {
  const m = /^(\d{4})-(\d{2})-H([12])$/.exec(id);
  if (!m) return null;
  const [year, month, half] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return null;
  return half === 1
    ? { id, from: taipeiMidnight(year, month, 1), to: taipeiMidnight(year, month, 16) }
    : { id, from: taipeiMidnight(year, month, 16), to: taipeiMidnight(year, month + 1, 1) };
}

/** The period that contains `at` (Taipei time). */
export function periodOf(at: Date): Period {
  const t = new Date(at.getTime() + TAIPEI_OFFSET_MS);
  const id = `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-H${t.getUTCDate() <= 15 ? 1 : 2}`;
  return parsePeriod(id)!;
}

/** The `count` periods up to and including the one containing `at`, newest first. */
export function recentPeriods(at: Date, count: number): Period[] {
  const periods: Period[] = [];
  let p = periodOf(at);
  for (let i = 0; i < count; i++) {
    periods.push(p);
    p = periodOf(new Date(p.from.getTime() - 1));
  }
  return periods;
}
