import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const port = 5174;
// The SPA calls /graphql on its own origin, as in production behind the static server.
const api = process.env.API_URL ?? 'http://localhost:4000';
const proxy = Object.fromEntries(['/graphql', '/exports', '/healthz'].map((path) => [path, { target: api }]));

export default defineConfig({
  plugins: [react()],
  // @ticket/ui is TypeScript source in the workspace: make it share this app's copies.
  resolve: { dedupe: ['react', 'react-dom', 'react-router', '@apollo/client', '@mantine/core', '@mantine/hooks', 'i18next', 'react-i18next', 'graphql'] },
  server: { port, strictPort: true, proxy },
  preview: { port, strictPort: true, proxy },
  build: {
    // Libraries change less often than the app: separate, long-cached chunks.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|i18next|react-i18next)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/ },
            { name: 'apollo', test: /node_modules[\\/](@apollo|graphql|rxjs|@wry|optimism)[\\/]/ },
          ],
        },
      },
    },
  },
  // Form tests fill many fields through Mantine; a busy 2-core machine needs more than the default 5 s.
  test: { environment: 'jsdom', setupFiles: ['src/test/setup.ts'], testTimeout: 20_000 },
});
