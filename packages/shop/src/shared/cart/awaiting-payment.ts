import { parseCarts, type CartKind, type CartLine } from './cart-store';

/**
 * P3: the cart lines of orders that went to the bank's 3-D Secure page. The cart is emptied when the
 * shopper leaves for the bank (the order holds the stock); if that payment fails or the order expires,
 * the order page puts these lines back in the cart so the shopper can try again.
 */
export const AWAITING_PAYMENT_KEY = 'ticket.shop.awaitingPayment.v1';
/** Only the latest few are kept: older ones are settled long since. */
const MAX_KEPT = 10;

interface Entry {
  orderId: string;
  kind: CartKind;
  lines: CartLine[];
  at: number;
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function readAll(): Entry[] {
  try {
    const value = JSON.parse(storage()?.getItem(AWAITING_PAYMENT_KEY) ?? '[]') as unknown;
    if (!Array.isArray(value)) return [];
    return value.flatMap((e: Partial<Entry>) => {
      if (typeof e?.orderId !== 'string' || (e.kind !== 'TICKET' && e.kind !== 'GOODS')) return [];
      // The lines go through the cart's own check: anything damaged is dropped, not trusted.
      const lines = parseCarts(JSON.stringify({ [e.kind]: e.lines }))[e.kind];
      return [{ orderId: e.orderId, kind: e.kind, lines, at: Number(e.at) || 0 }];
    });
  } catch {
    return [];
  }
}

function writeAll(entries: Entry[]): void {
  try {
    if (entries.length === 0) storage()?.removeItem(AWAITING_PAYMENT_KEY);
    else storage()?.setItem(AWAITING_PAYMENT_KEY, JSON.stringify(entries.slice(-MAX_KEPT)));
  } catch {
    // private mode or storage full: the lines are simply not offered back
  }
}

export function rememberAwaitingPayment(orderId: string, kind: CartKind, lines: CartLine[]): void {
  writeAll([...readAll().filter((e) => e.orderId !== orderId), { orderId, kind, lines, at: Date.now() }]);
}

/** The lines the order was placed from in this browser, if it was. */
export function awaitingPaymentLines(orderId: string): CartLine[] | null {
  return readAll().find((e) => e.orderId === orderId)?.lines ?? null;
}

export function forgetAwaitingPayment(orderId: string): void {
  const entries = readAll();
  if (entries.some((e) => e.orderId === orderId)) writeAll(entries.filter((e) => e.orderId !== orderId));
}
