import { Workbox } from 'workbox-window';

/**
 * Issue 13.3: the service worker (vite-plugin-pwa, pwa.config.ts), registered after the page has loaded;
 * a new version waits until the clerk chooses to reload (a scan is never cut off by an update).
 */
export function registerServiceWorker(onWaiting: (update: () => void) => void): void {
  const register = () => {
    const wb = new Workbox('/sw.js', { scope: '/' });
    // Also when a worker was already waiting at this page's load.
    wb.addEventListener('waiting', () =>
      onWaiting(() => {
        wb.addEventListener('controlling', () => location.reload());
        wb.messageSkipWaiting();
      }),
    );
    void wb.register();
  };
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
