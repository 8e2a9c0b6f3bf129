import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney } from './format';

describe('format', () => {
  it('writes TWD as whole dollars with NT$', () => {
    expect(formatMoney(1000)).toBe('NT$1,000');
    expect(formatMoney(0)).toBe('NT$0');
    expect(formatMoney(-250)).toBe('-NT$250');
  });

  it('shows dates in Asia/Taipei, whatever the machine zone', () => {
    // 16:30 UTC on 10/31 is already 11/1 00:30 in Taipei.
    expect(formatDate('2026-10-31T16:30:00Z', 'en')).toBe('Nov 1, 2026');
    expect(formatDateTime('2026-10-31T16:30:00Z', 'zh-TW')).toContain('00:30');
    expect(formatDateTime('2026-10-31T16:30:00Z', 'zh-TW')).toContain('2026');
  });
});
