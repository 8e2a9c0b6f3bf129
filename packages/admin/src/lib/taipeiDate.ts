/*
 * Calendar days in Asia/Taipei (the business time zone, SPEC), whatever the browser's zone. Date inputs
 * (`<input type="date">`) hold `YYYY-MM-DD`; a day runs from 00:00 Taipei time to the next 00:00.
 * Taiwan has kept UTC+8 without daylight saving since 1979, so a fixed offset is exact.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

function parseDay(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(y, m - 1, d);
  const check = new Date(utc);
  // Reject 2026-02-31 and the like instead of rolling over.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return utc - OFFSET_MS;
}

/** `2026-11-26` -> the instant 2026-11-26 00:00 in Taipei (`2026-11-25T16:00:00.000Z`); null when unreadable. */
export function taipeiDayStart(value: string): string | null {
  const start = parseDay(value);
  return start === null ? null : new Date(start).toISOString();
}

/** `2026-11-26` -> the instant the next Taipei day begins (an exclusive end); null when unreadable. */
export function taipeiDayEnd(value: string): string | null {
  const start = parseDay(value);
  return start === null ? null : new Date(start + DAY_MS).toISOString();
}

/** The Taipei calendar day of an instant, as `YYYY-MM-DD`. */
export function taipeiDay(at: Date | string = new Date()): string {
  return new Date(new Date(at).getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
