import { formatMoney } from '@ticket/ui/core';

/** `NT$800` or `NT$800 – NT$4,000`. */
export function priceRange(prices: number[]): string {
  if (prices.length === 0) return '';
  const min = Math.min(...prices);
  const max = Math.max(...prices);
  return min === max ? formatMoney(min) : `${formatMoney(min)} – ${formatMoney(max)}`;
}

export type SaleState = 'onSale' | 'soldOut' | 'notYet' | 'ended';

/** Whether a ticket type can be bought now (stock and sale window). */
export function saleState(v: { stockAvailable?: number | null; saleStartsAt?: string | null; saleEndsAt?: string | null }, now = new Date()): SaleState {
  if (v.saleStartsAt && new Date(v.saleStartsAt) > now) return 'notYet';
  if (v.saleEndsAt && new Date(v.saleEndsAt) <= now) return 'ended';
  if (v.stockAvailable != null && v.stockAvailable <= 0) return 'soldOut';
  return 'onSale';
}
