import { VitePWA } from 'vite-plugin-pwa';

/** The API's paths on the app's origin: never answered by the service worker, never cached. */
const API = [/^\/graphql/, /^\/exports/, /^\/healthz/, /^\/payments/];

/**
 * Issue 13.3: the clerk app as an installable PWA. A web manifest (zh-TW name, 192/512 icons, standalone,
 * start_url /) and a Workbox service worker (generateSW) that precaches the app shell (every built script,
 * stylesheet and icon, the camera's lazy chunk included, so scanning works offline) and answers every
 * navigation with index.html. Nothing else is cached: GraphQL always goes to the network.
 *
 * The new worker waits (registerType 'prompt'): the app registers it itself with workbox-window after
 * the page has loaded (src/app/UpdatePrompt.tsx), so no script is injected into index.html (the CSP allows
 * no inline script), and shows "有新版本 — 重新載入" while it waits.
 */
export function clerkPwa() {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    strategies: 'generateSW',
    filename: 'sw.js',
    manifestFilename: 'manifest.webmanifest',
    includeAssets: [],
    // The icons are in the build already (globPatterns): listed once.
    includeManifestIcons: false,
    manifest: {
      id: '/',
      name: '電子票券核銷',
      short_name: '核銷',
      description: '電子票券門市核銷：掃描、核銷、離線核銷 / E-ticket redemption for ticket clerks',
      lang: 'zh-Hant-TW',
      dir: 'ltr',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      orientation: 'portrait',
      theme_color: '#0ca678',
      background_color: '#ffffff',
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      // The built files only; not their .br/.gz twins written beside them (the server negotiates those).
      // The manifest is added by the plugin itself.
      globPatterns: ['**/*.{js,css,html,png,svg,ico}'],
      navigateFallback: 'index.html',
      navigateFallbackDenylist: API,
      // The camera library's chunk is about 370 KB: above Workbox's default limit for nothing.
      maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: false,
      runtimeCaching: [],
    },
  });
}
