import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { graphqlDocuments } from './graphql-documents.js';
import { mantineStylesPerComponent } from './mantine-styles.js';
import { precompress } from './precompress.js';

export { precompress } from './precompress.js';

export interface SpaConfigOptions {
  /** The dev server's and `vite preview`'s port (shop 5173, admin 5174, clerk 5175). */
  port: number;
  /** The app's plugins: React first (`@vitejs/plugin-react` is the app's dependency, not this package's). */
  plugins: NonNullable<ViteUserConfig['plugins']>;
  /** Vitest settings over the shared ones (jsdom, `src/test/setup.ts`). */
  test?: NonNullable<ViteUserConfig['test']>;
}

/**
 * The API paths the SPA calls on its own origin, as in production behind the SPA server
 * (packages/server/src/common/http/spa-server.ts): the 3-D Secure pages under /payments included, and
 * WebSockets on /graphql (GraphQL subscriptions).
 */
const API_PATHS = ['/graphql', '/exports', '/healthz', '/payments'];

/**
 * Libraries that change less often than the app and that every page runs: separate, long-cached chunks.
 * Not Mantine: one chunk of it would load every component any page uses with the first page (issue 15,
 * first-load budgets); left to the bundler, each page's chunk brings only the components it draws.
 */
const VENDOR_CHUNKS = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|i18next|react-i18next)[\\/]/ },
  { name: 'apollo', test: /node_modules[\\/](@apollo|graphql|rxjs|@wry|optimism)[\\/]/ },
];

/**
 * The Vite (and Vitest) configuration the three SPAs share: the API proxied on the app's own origin,
 * one copy of each shared library, vendor chunks, GraphQL documents and Mantine's styles split by page
 * at build (graphql-documents.ts, mantine-styles.ts), and brotli and gzip files written beside the build.
 */
export function spaConfig({ port, plugins, test }: SpaConfigOptions) {
  const api = process.env.API_URL ?? 'http://localhost:4000';
  const proxy = Object.fromEntries(API_PATHS.map((p) => [p, { target: api, ws: p === '/graphql' }]));
  return defineConfig({
    plugins: [graphqlDocuments(), mantineStylesPerComponent(), ...plugins, precompress()],
    // @ticket/ui is TypeScript source in the workspace: make it share this app's copies.
    resolve: { dedupe: ['react', 'react-dom', 'react-router', '@apollo/client', '@mantine/core', '@mantine/hooks', 'i18next', 'react-i18next', 'graphql'] },
    server: { port, strictPort: true, proxy },
    preview: { port, strictPort: true, proxy },
    build: { rolldownOptions: { output: { codeSplitting: { groups: VENDOR_CHUNKS } } } },
    // Component tests render through React, Apollo and (shop, admin) Mantine: a busy 2-core machine needs
    // more than Vitest's default 5 s for the longer journeys.
    test: { environment: 'jsdom', setupFiles: ['src/test/setup.ts'], testTimeout: 20_000, ...test },
  });
}
