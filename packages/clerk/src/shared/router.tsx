import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/*
 * The clerk's routing without react-router: three routes (/login, /redeem/:code?, /redemptions) need
 * the address, navigation and links, about 0.5 KB instead of 20.
 */

export interface Location {
  pathname: string;
  search: string;
  state: unknown;
}

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

interface Router {
  location: Location;
  navigate(to: string, options?: NavigateOptions): void;
}

const RouterContext = createContext<Router | null>(null);

function split(to: string, state: unknown = null): Location {
  const url = new URL(to, 'http://app.invalid');
  return { pathname: url.pathname, search: url.search, state };
}

function Provider({ location, navigate, children }: Router & { children: ReactNode }) {
  const router = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

/** The browser's address bar (history API). */
export function BrowserRouter({ children }: { children: ReactNode }) {
  const read = () => ({ pathname: location.pathname, search: location.search, state: history.state as unknown });
  const [current, setCurrent] = useState<Location>(read);
  useLayoutEffect(() => {
    const onPop = () => setCurrent(read());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, { replace, state = null }: NavigateOptions = {}) => {
    history[replace ? 'replaceState' : 'pushState'](state, '', to);
    setCurrent(read());
  }, []);
  return (
    <Provider location={current} navigate={navigate}>
      {children}
    </Provider>
  );
}

/** An address held in memory, for tests. */
export function MemoryRouter({ initial = '/', children }: { initial?: string; children: ReactNode }) {
  const [current, setCurrent] = useState(() => split(initial));
  const navigate = useCallback((to: string, { state = null }: NavigateOptions = {}) => setCurrent(split(to, state)), []);
  return (
    <Provider location={current} navigate={navigate}>
      {children}
    </Provider>
  );
}

function useRouter(): Router {
  const router = useContext(RouterContext);
  if (!router) throw new Error('outside a router');
  return router;
}

export const useLocation = (): Location => useRouter().location;
export const useNavigate = (): Router['navigate'] => useRouter().navigate;

/** The query string, and a setter that replaces it (a new history entry). */
export function useSearchParams(): [URLSearchParams, (next: Record<string, string>) => void] {
  const { location, navigate } = useRouter();
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const set = useCallback((next: Record<string, string>) => navigate(`${location.pathname}?${new URLSearchParams(next)}`), [location.pathname, navigate]);
  return [params, set];
}

/** Goes to `to` as soon as it renders. */
export function Navigate({ to, replace }: { to: string; replace?: boolean }) {
  const navigate = useNavigate();
  useLayoutEffect(() => navigate(to, { replace }), [navigate, replace, to]);
  return null;
}

/** An ordinary link (a new tab with a modifier key) that navigates inside the app. */
export function Link({ to, onClick, ...props }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const navigate = useNavigate();
  return (
    <a
      {...props}
      href={to}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(event);
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    />
  );
}
