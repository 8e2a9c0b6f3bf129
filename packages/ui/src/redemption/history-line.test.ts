import { describe, expect, it } from 'vitest';
import { historyLine } from './history-line';
import { redemptionZhTW } from './locales.zh-TW';

/** The catalog's own lookup, as the apps do it: dotted key, {{name}} placeholders. */
const t = (key: string, values: Record<string, string | number>) => {
  const template = key.split('.').reduce<any>((node, part) => node?.[part], redemptionZhTW) as string;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
};

describe('a code history line', () => {
  it('R2: a redemption says when, how many, who and which way', () => {
    const line = historyLine(t, { createdAt: '2026-12-04T02:00:00Z', quantity: 2, redeemedBy: '林店員', channel: 'CAMERA', kind: 'REDEMPTION', reason: null }, 'zh-TW');
    expect(line).toContain('2 張');
    expect(line).toContain('林店員（相機）');
  });

  it('B3: a correction says it gave units back, by whom and why, with a positive count', () => {
    const line = historyLine(t, { createdAt: '2026-12-04T02:00:00Z', quantity: -1, redeemedBy: '王管理', channel: 'MANUAL', kind: 'REVERSAL', reason: '誤刷' }, 'zh-TW');
    expect(line).toContain('更正：退回 1 張');
    expect(line).toContain('王管理（誤刷）');
  });
});
