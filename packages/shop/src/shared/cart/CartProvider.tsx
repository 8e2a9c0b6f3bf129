import { createContext, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { addToCarts, clearCart, createCartStore, setLineQuantity, type AddResult, type CartKind, type CartLine, type Carts, type CartStore } from './cart-store';

export interface CartsApi {
  carts: Carts;
  /** Adds lines to the cart of their kind; says whether the other cart already held items (K1). */
  add(lines: CartLine[]): AddResult;
  setQuantity(kind: CartKind, variantId: string, quantity: number): void;
  remove(kind: CartKind, variantId: string): void;
  clear(kind: CartKind): void;
}

const CartContext = createContext<CartStore | null>(null);

/** Holds the two carts for the app (one store, persisted in localStorage unless a store is given). */
export function CartProvider({ store, children }: { store?: CartStore; children: ReactNode }) {
  const [value] = useState(() => store ?? createCartStore());
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCarts(): CartsApi {
  const store = useContext(CartContext);
  if (!store) throw new Error('useCarts must be used inside <CartProvider>');
  const carts = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return useMemo<CartsApi>(
    () => ({
      carts,
      add(lines) {
        let result: AddResult | undefined;
        store.update((current) => {
          result = addToCarts(current, lines);
          return result.carts;
        });
        return result!;
      },
      setQuantity: (kind, variantId, quantity) => void store.update((c) => setLineQuantity(c, kind, variantId, quantity)),
      remove: (kind, variantId) => void store.update((c) => setLineQuantity(c, kind, variantId, 0)),
      clear: (kind) => void store.update((c) => clearCart(c, kind)),
    }),
    [carts, store],
  );
}
