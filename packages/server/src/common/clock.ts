/** The one source of "now" for the rules (business days, holds, settlement periods). */
export interface Clock {
  now(): Date;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that can be moved for tests (ENABLE_TEST_CLOCK=1); it keeps ticking from the set time. */
export class TestClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(now: Date): void {
    this.offsetMs = now.getTime() - Date.now();
  }
}

export const BUSINESS_TIME_ZONE = 'Asia/Taipei';
const TAIPEI_OFFSET_MS = 8 * 3600_000; // Taiwan has had no daylight saving time since 1979.

/** The calendar day in Asia/Taipei, as 'YYYY-MM-DD'. */
export function businessDay(at: Date): string {
  return new Date(at.getTime() + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant when the business day after `at` starts (00:00 Taipei). */
export function startOfNextBusinessDay(at: Date): Date {
  const day = businessDay(at);
  const midnightUtc = Date.parse(`${day}T00:00:00Z`) - TAIPEI_OFFSET_MS;
  return new Date(midnightUtc + 24 * 3600_000);
}
