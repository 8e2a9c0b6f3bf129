import { webcrypto } from 'node:crypto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// The first render of a file pays for cold imports: more than the default 1 s on a busy machine.
configure({ asyncUtilTimeout: 8000 });
// The app's lazy chunks, imported once here rather than in the middle of a test (as the browser prefetches them).
await Promise.all([
  import('../features/redeem/components/TicketPanel'),
  import('../features/redeem/components/ResultScreen'),
  import('../features/offline/components/OfflinePanel'),
  import('../shared/offline/controller'),
  import('../shared/counts/MyCount'),
  import('../app/LoginPage'),
]);
// jsdom's crypto has no subtle (WebCrypto): Node's, as a browser on HTTPS has.
if (!globalThis.crypto?.subtle) Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
Element.prototype.scrollIntoView ??= () => {};
afterEach(cleanup);
afterEach(() => localStorage.clear());
