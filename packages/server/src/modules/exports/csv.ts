import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Excel opens a UTF-8 file as UTF-8 (and shows zh-TW text) only when it starts with this byte-order mark. */
export const BOM = '\uFEFF';

/**
 * One CSV cell. Text that a spreadsheet would read as a formula (=, +, -, @, or a tab or carriage return
 * first) gets a leading apostrophe, so a recipient named "=HYPERLINK(...)" stays text (CSV injection);
 * numbers are written as they are. Quoted when it holds a quote, a comma or a line break.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value == null) return '';
  if (typeof value === 'number') return String(value);
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: (string | number | boolean | null | undefined)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * Writes a chunk and waits while the client is slower than the database (backpressure): the export holds
 * one page in memory at a time. False when the client went away (stop reading).
 */
export async function write(out: Writable, chunk: string): Promise<boolean> {
  if (out.destroyed || out.writableEnded) return false;
  if (out.write(chunk)) return true;
  const done = new AbortController();
  const ignoreAbort = () => undefined;
  try {
    return await Promise.race([
      once(out, 'drain', { signal: done.signal }).then(() => true, ignoreAbort),
      once(out, 'close', { signal: done.signal }).then(() => false, ignoreAbort),
    ]) ?? false;
  } finally {
    done.abort();
  }
}
