import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

const RELOADED = 'ticket.chunkReload';

/** sessionStorage, or null where it is missing or refused (then no reload is tried). */
function session(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * A page (or any component) as its own chunk, loaded the first time it renders: route-level code
 * splitting (issue 15). For a named export:
 *
 *   const OrderListPage = lazyPage(() => import('../features/orders/components/OrderListPage'), 'OrderListPage');
 *   <Route path="orders" element={<OrderListPage />} />
 *
 * It suspends while loading: the apps' frames hold a <Suspense> with a small loader around their pages.
 * A chunk that no longer exists (the app was deployed again while this tab stayed open: hashed files
 * of the old version are gone) reloads the page once, onto the new version.
 */
export function lazyPage<K extends string, M extends Record<K, ComponentType<any>>>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(() =>
    load().then(
      (module) => {
        session()?.removeItem(RELOADED);
        return { default: module[name] };
      },
      (error: unknown) => {
        const store = session();
        if (typeof location === 'undefined' || !store || store.getItem(RELOADED)) throw error;
        store.setItem(RELOADED, '1');
        location.reload();
        return new Promise<never>(() => {});
      },
    ),
  );
}
