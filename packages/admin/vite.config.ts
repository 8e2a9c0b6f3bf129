import react from '@vitejs/plugin-react';
// A relative import: Vite bundles it (TypeScript) with this file; a package import would go to Node as is.
import { spaConfig } from '../ui/vite/app-config.js';

export default spaConfig({
  port: 5174,
  plugins: [react()],
  // Form tests fill many fields through Mantine; a busy 2-core machine needs more than the default 5 s.
  test: { testTimeout: 20_000 },
});
