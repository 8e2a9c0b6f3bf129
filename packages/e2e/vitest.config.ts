import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The API runs in the global setup: one copy of graphql, as type-graphql (CommonJS) loads it, or the
  // schema's types come "from another realm" than the server's own checks (STACK.md, trap 4).
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // One browser at a time: these machines have two cores.
    fileParallelism: false,
  },
});
