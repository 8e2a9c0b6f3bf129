/**
 * K1: two carts on the client, one for e-tickets (票券購物車) and one for goods (一般商品購物車), each
 * checked out on its own. Kept in localStorage, shared between tabs. The functions here are pure; the
 * store around them only reads, writes and notifies.
 */

export type CartKind = 'TICKET' | 'GOODS';
export const CART_KINDS: readonly CartKind[] = ['TICKET', 'GOODS'];

/** The most of one ticket type the cart takes (the server refuses more than 1000). */
export const MAX_LINE_QUANTITY = 99;

/** One variant in a cart, with what the product page showed when it was added. */
export interface CartLine {
  kind: CartKind;
  productId: string;
  productTitle: string;
  variantId: string;
  variantName: string;
  /** Price when added; the checkout shows the current price. */
  unitPrice: number;
  quantity: number;
  image: string | null;
  /** Goods only: the product's flat shipping fee and free-shipping threshold (C4). */
  shippingFee: number;
  freeShippingThreshold: number | null;
}

export type Carts = Record<CartKind, CartLine[]>;

export const EMPTY_CARTS: Carts = { TICKET: [], GOODS: [] };

export interface AddResult {
  carts: Carts;
  /** The cart the lines went to (the kind of the first line). */
  kind: CartKind;
  /** The other cart already held items: the shopper must check the two out separately (K1). */
  otherCartHasItems: boolean;
}

const clampQuantity = (q: number) => Math.max(0, Math.min(MAX_LINE_QUANTITY, Math.floor(q)));

export const otherKind = (kind: CartKind): CartKind => (kind === 'TICKET' ? 'GOODS' : 'TICKET');

/** Adds lines, each to the cart of its own kind; a variant already there gets the quantities summed. */
export function addToCarts(carts: Carts, lines: CartLine[]): AddResult {
  const first = lines[0];
  if (!first) throw new Error('addToCarts needs at least one line');
  const next: Carts = { TICKET: [...carts.TICKET], GOODS: [...carts.GOODS] };
  for (const line of lines) {
    if (line.quantity < 1) continue;
    const cart = next[line.kind];
    const at = cart.findIndex((l) => l.variantId === line.variantId);
    if (at >= 0) cart[at] = { ...line, quantity: clampQuantity(cart[at]!.quantity + line.quantity) };
    else cart.push({ ...line, quantity: clampQuantity(line.quantity) });
  }
  return { carts: next, kind: first.kind, otherCartHasItems: carts[otherKind(first.kind)].length > 0 };
}

/** Sets a line's quantity; 0 removes it. */
export function setLineQuantity(carts: Carts, kind: CartKind, variantId: string, quantity: number): Carts {
  const q = clampQuantity(quantity);
  const cart = q === 0 ? carts[kind].filter((l) => l.variantId !== variantId) : carts[kind].map((l) => (l.variantId === variantId ? { ...l, quantity: q } : l));
  return { ...carts, [kind]: cart };
}

export function clearCart(carts: Carts, kind: CartKind): Carts {
  return { ...carts, [kind]: [] };
}

/** Units in a cart (or in both). */
export function unitCount(lines: CartLine[]): number {
  return lines.reduce((sum, l) => sum + l.quantity, 0);
}

function isLine(value: unknown): value is CartLine {
  if (typeof value !== 'object' || value === null) return false;
  const l = value as Record<string, unknown>;
  return (
    (l.kind === 'TICKET' || l.kind === 'GOODS') &&
    typeof l.productId === 'string' &&
    typeof l.productTitle === 'string' &&
    typeof l.variantId === 'string' &&
    typeof l.variantName === 'string' &&
    Number.isInteger(l.unitPrice) &&
    Number.isInteger(l.quantity) &&
    (l.quantity as number) > 0
  );
}

/** Reads what localStorage holds; anything damaged or from another version is dropped, not trusted. */
export function parseCarts(raw: string | null | undefined): Carts {
  if (!raw) return EMPTY_CARTS;
  try {
    const value = JSON.parse(raw) as Partial<Record<CartKind, unknown>>;
    const read = (kind: CartKind): CartLine[] =>
      (Array.isArray(value[kind]) ? (value[kind] as unknown[]) : [])
        .filter(isLine)
        .filter((l) => l.kind === kind)
        .map((l) => ({
          ...l,
          quantity: clampQuantity(l.quantity),
          image: typeof l.image === 'string' ? l.image : null,
          shippingFee: Number.isInteger(l.shippingFee) ? l.shippingFee : 0,
          freeShippingThreshold: Number.isInteger(l.freeShippingThreshold) ? l.freeShippingThreshold : null,
        }));
    return { TICKET: read('TICKET'), GOODS: read('GOODS') };
  } catch {
    return EMPTY_CARTS;
  }
}

export const CARTS_STORAGE_KEY = 'ticket.shop.carts.v1';

export interface CartStore {
  getSnapshot(): Carts;
  subscribe(listener: () => void): () => void;
  update(change: (carts: Carts) => Carts): Carts;
}

/** The carts in `storage` (localStorage), kept in step with other tabs through the `storage` event. */
export function createCartStore(storage: Storage | undefined = safeLocalStorage(), key = CARTS_STORAGE_KEY): CartStore {
  let carts = parseCarts(read());
  const listeners = new Set<() => void>();

  function read(): string | null {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }
  const emit = () => listeners.forEach((l) => l());
  const onStorage = (event: StorageEvent) => {
    if (event.key !== key && event.key !== null) return;
    carts = parseCarts(read());
    emit();
  };

  return {
    getSnapshot: () => carts,
    subscribe(listener) {
      if (listeners.size === 0 && typeof window !== 'undefined') window.addEventListener('storage', onStorage);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && typeof window !== 'undefined') window.removeEventListener('storage', onStorage);
      };
    },
    update(change) {
      carts = change(carts);
      try {
        storage?.setItem(key, JSON.stringify(carts));
      } catch {
        // storage full or private mode: the carts live for this page only
      }
      emit();
      return carts;
    },
  };
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
