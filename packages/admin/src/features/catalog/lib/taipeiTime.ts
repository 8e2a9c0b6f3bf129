/*
 * Date-time inputs (`<input type="datetime-local">`) hold a wall-clock time without a zone. The store
 * thinks in Asia/Taipei whatever the browser's zone, so these helpers read and write them as Taipei time.
 * Taiwan has kept UTC+8 without daylight saving since 1979, so a fixed offset is exact for any date a
 * product can have.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2026-12-24T11:00:00.000Z` -> `2026-12-24T19:00` (Taipei wall clock), '' for none. */
export function isoToTaipeiInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return '';
  return new Date(time + OFFSET_MS).toISOString().slice(0, 16);
}

/** `2026-12-24T19:00` (Taipei wall clock) -> `2026-12-24T11:00:00.000Z`, null for blank or unreadable. */
export function taipeiInputToIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s) - OFFSET_MS;
  return Number.isNaN(utc) ? null : new Date(utc).toISOString();
}
