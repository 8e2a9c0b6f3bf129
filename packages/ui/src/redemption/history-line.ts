import { formatDateTime } from '../format';
import type { RedemptionRecord } from './documents';

type Translate = (key: string, values: Record<string, string | number>) => string;

/** One line of a code's history (R2): a redemption, or a correction (B3) that gave units back, with its reason. */
export function historyLine(t: Translate, r: Pick<RedemptionRecord, 'createdAt' | 'quantity' | 'redeemedBy' | 'channel' | 'kind' | 'reason'>, language: string): string {
  const time = formatDateTime(r.createdAt, language);
  if (r.kind === 'REVERSAL') return t('redemption.card.historyReversal', { time, quantity: Math.abs(r.quantity), by: r.redeemedBy, reason: r.reason ?? '' });
  return t('redemption.card.historyLine', { time, quantity: r.quantity, by: r.redeemedBy, channel: t(`redemption.channel.${r.channel}`, {}) });
}
