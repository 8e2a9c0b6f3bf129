import { describe, expect, it } from 'vitest';
import { liabilityAsOf } from '../components/LiabilityCard';
import { percentToBasisPoints, formatRate } from '../components/ReferrersPage';
import { lastDay, nextPeriod, parsePeriod, periodOf, previousPeriod, recentPeriods, statementCsvUrl } from './period';

describe('settlement periods', () => {
  it('L2: half-months in Asia/Taipei: the 15th belongs to H1, the 16th (Taipei) to H2', () => {
    expect(periodOf('2026-10-15T15:59:59Z')).toBe('2026-10-H1'); // 23:59:59 on the 15th in Taipei
    expect(periodOf('2026-10-15T16:00:00Z')).toBe('2026-10-H2'); // 00:00 on the 16th in Taipei
    expect(periodOf('2026-10-31T16:00:00Z')).toBe('2026-11-H1');
  });

  it('steps back and forth across months and years', () => {
    expect(previousPeriod('2026-01-H1')).toBe('2025-12-H2');
    expect(previousPeriod('2026-03-H2')).toBe('2026-03-H1');
    expect(nextPeriod('2026-12-H2')).toBe('2027-01-H1');
    expect(nextPeriod('2026-02-H1')).toBe('2026-02-H2');
    expect(recentPeriods(3, '2026-11-26T00:00:00Z')).toEqual(['2026-11-H2', '2026-11-H1', '2026-10-H2']);
  });

  it('refuses malformed periods and knows the last day of the month', () => {
    expect(parsePeriod('2026-13-H1')).toBeNull();
    expect(parsePeriod('2026-10-H3')).toBeNull();
    expect(lastDay(parsePeriod('2028-02-H2')!)).toBe(29);
    expect(lastDay(parsePeriod('2026-02-H1')!)).toBe(15);
  });

  it('L4: the CSV export of a statement lives at /exports/statements/{period}.csv', () => {
    expect(statementCsvUrl('2026-10-H2')).toBe('/exports/statements/2026-10-H2.csv');
  });
});

describe('liability as of a day', () => {
  const now = new Date('2026-11-26T04:00:00Z');
  it('L5: a past day means its last second in Taipei; today, later days and blanks mean now', () => {
    expect(liabilityAsOf('2026-11-20', now)).toBe('2026-11-20T15:59:59.000Z');
    expect(liabilityAsOf('2026-11-26', now)).toBeUndefined();
    expect(liabilityAsOf('2026-12-01', now)).toBeUndefined();
    expect(liabilityAsOf('', now)).toBeUndefined();
  });
});

describe('commission rates', () => {
  it('A2: a rate typed as a percentage is sent in basis points, and shown back as a percentage', () => {
    expect(percentToBasisPoints('12.5')).toBe(1250);
    expect(percentToBasisPoints(10)).toBe(1000);
    expect(percentToBasisPoints('')).toBeNull();
    expect(formatRate(1250)).toBe('12.5%');
    expect(formatRate(1000)).toBe('10%');
  });
});
