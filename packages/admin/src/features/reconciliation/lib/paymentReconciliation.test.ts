import { describe, expect, it } from 'vitest';
import { periodDays } from './period';
import { isKnownDifference, paymentsCsvUrl, rangeInstants, readPaymentRange, writePaymentRange } from './paymentReconciliation';

describe('金流對帳 range', () => {
  it('L2: a period covers its Taipei days, the end day included', () => {
    expect(periodDays('2026-11-H1')).toEqual({ from: '2026-11-01', to: '2026-11-15' });
    expect(periodDays('2028-02-H2')).toEqual({ from: '2028-02-16', to: '2028-02-29' });
    expect(periodDays('2026-13-H1')).toBeNull();
    expect(rangeInstants({ mode: 'period', period: '2026-10-H2' })).toEqual({ from: '2026-10-15T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z' });
  });

  it('defaults to the current period in Asia/Taipei; days in the address win over a period', () => {
    // 2026-11-15T16:30Z is already the 16th in Taipei.
    expect(readPaymentRange(new URLSearchParams(''), new Date('2026-11-15T16:30:00Z'))).toEqual({ mode: 'period', period: '2026-11-H2' });
    expect(readPaymentRange(new URLSearchParams('period=nonsense'), new Date('2026-11-15T15:30:00Z'))).toEqual({ mode: 'period', period: '2026-11-H1' });
    expect(readPaymentRange(new URLSearchParams('period=2026-10-H2&from=2026-11-01&to=2026-11-03'))).toEqual({ mode: 'days', from: '2026-11-01', to: '2026-11-03' });
    expect(writePaymentRange({ mode: 'days', from: '2026-11-01', to: '2026-11-03' }).toString()).toBe('from=2026-11-01&to=2026-11-03');
  });

  it('refuses what the server would: missing or reversed days, more than 62 days', () => {
    expect(rangeInstants({ mode: 'days', from: '', to: '2026-11-03' })).toEqual({ problem: 'missing' });
    expect(rangeInstants({ mode: 'days', from: '2026-11-04', to: '2026-11-03' })).toEqual({ problem: 'reversed' });
    expect(rangeInstants({ mode: 'days', from: '2026-11-03', to: '2026-11-03' })).toEqual({ from: '2026-11-02T16:00:00.000Z', to: '2026-11-03T16:00:00.000Z' });
    expect(rangeInstants({ mode: 'days', from: '2026-09-01', to: '2026-11-01' })).not.toHaveProperty('problem'); // 62 days
    expect(rangeInstants({ mode: 'days', from: '2026-09-01', to: '2026-11-02' })).toEqual({ problem: 'tooLong' });
  });

  it('the CSV export is /exports/payments.csv?from=ISO&to=ISO', () => {
    expect(paymentsCsvUrl('2026-10-31T16:00:00.000Z', '2026-11-15T16:00:00.000Z')).toBe('/exports/payments.csv?from=2026-10-31T16%3A00%3A00.000Z&to=2026-11-15T16%3A00%3A00.000Z');
    expect(isKnownDifference('AMOUNT')).toBe(true);
    expect(isKnownDifference('SOMETHING_NEW')).toBe(false);
  });
});
